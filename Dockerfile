# vpcelint in a slim image, for GitLab CI and any runner with Docker (examples/gitlab-ci/.gitlab-ci.yml):
#
#   docker build -t vpcelint .
#   docker run --rm -v "$PWD:/work" vpcelint check states/
#
# Build stage: the official Swift image of the toolchain the tests run on (Debian 12), the build packages, and
# scripts/install.sh's build command (release, Swift runtime linked in). Run stage: Debian 12 slim with json-c
# and mimalloc, the only libraries the binary needs besides glibc and libstdc++. scripts/check_examples.py
# checks these steps without Docker (README "Docker").
ARG SWIFT_IMAGE=swift:6.3.1-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libjson-c-dev libmimalloc-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The sources and the git metadata the build stamps --version with (.dockerignore keeps only HEAD and refs).
COPY . .
RUN swift build -c release --static-swift-stdlib --product vpcelint \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --product vpcelint --show-bin-path)/vpcelint" /out/bin/vpcelint \
    && install -D -m 0644 docs/man/vpcelint.1 /out/share/man/man1/vpcelint.1 \
    && /out/bin/vpcelint --version

FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libjson-c5 libmimalloc2.0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/bin/vpcelint /usr/local/bin/vpcelint
COPY --from=build /out/share/man/man1/vpcelint.1 /usr/local/share/man/man1/vpcelint.1
RUN vpcelint --version
WORKDIR /work
ENTRYPOINT ["vpcelint"]
CMD ["--help"]

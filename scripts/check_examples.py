#!/usr/bin/env python3
"""Checks the integration examples end to end, from a clean build:

    scripts/check_examples.py [--binary BINARY]

1. A clean build shared by every example: a fresh `git clone` of this repository's HEAD (committed work only:
   uncommitted changes are not in it) into a temporary folder, narrowed to the Docker build context
   (.dockerignore), with no .build; there the Dockerfile's build step runs (scripts/install.sh's command, which
   action.yml's build step runs too; each is checked to be that command). The binary must print
   `vpcelint VERSION (commit <HEAD>)`, and `(commit unknown)` once rebuilt without .git; it must need no library
   outside glibc, libstdc++ and the Dockerfile's run-time packages. With --binary the build is skipped (quick
   runs while editing; the tests never pass it).
2. action.yml and the GitHub workflow: actionlint (with shellcheck) on the workflow, with `uses:` pointed at this
   checkout's action, and on a workflow made of the action's own steps; no `${{ }}` inside a script; the check
   step's script, the job summary and the exit status run for real on a fixture; the pinned commit exists and has
   the action with the inputs the workflow gives (a shallow clone that lacks it says so on stdout).
3. The Dockerfile without Docker (there is no daemon here): base images (the Swift image of this toolchain's
   version, Debian 12 slim), `apt-get update` before each install, every package known to apt, the run-time
   packages exactly those the binary links, every COPY --from source made by the build stage, the entrypoint on
   PATH. The build stage's RUN is what step 1 ran; the run stage's `vpcelint --version` runs on the copied binary.
4. GitLab CI (the image), GitHub and pre-commit: every `vpcelint` command runs on a copy of fixtures/three-spokes
   standing in for `states/`: it must exit 0 or 1 (never 2, a usage error) and write the files its `--output
   FORMAT=FILE` options name; the file the CI system picks up must be one of those. pre-commit runs for real
   (`vpcelint-system` hook, the clean binary on PATH) from the fresh clone; the pinned `rev` exists and defines
   the hook as today. The `vpcelint` hook (`language: swift`) builds in pre-commit's cache: not run here.

Exit status 0 when all hold, 1 otherwise; every problem is one line on stderr, each step's figures on stdout.
"""
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import yaml  # Debian python3-yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "three-spokes"
# What `swift build` needs besides Swift (README "Install"): json-c and pkg-config for CJSONC, mimalloc for the loader.
BUILD_PACKAGES = {"libjson-c-dev", "libmimalloc-dev", "pkg-config"}
# scripts/install.sh's build, which the Dockerfile and action.yml run too.
BUILD_COMMAND = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "vpcelint"]
# Libraries every Debian and Ubuntu has (debian:bookworm-slim included): glibc, libgcc, libstdc++ (apt's own).
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6"}
problems = []


def problem(text):
    problems.append(text)
    print(f"check_examples: {text}", file=sys.stderr)


def say(text):
    print(f"check_examples: {text}", flush=True)


def git(*arguments, cwd=ROOT):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True)


def shell_commands(script):
    """Each simple command of a shell script (folded lines joined, split at && and ;), as word lists."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        for command in re.split(r"&&|;|\|\|", line):
            try:
                words = shlex.split(command, comments=True)
            except ValueError:
                continue
            words = [word for word in words if word != "sudo"]
            while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
                words = words[1:]
            if words:
                found.append(words)
    return found


def commands(script):
    """The `vpcelint ...` commands in a shell script, as argument lists."""
    return [words[1:] for words in shell_commands(script) if words[0] == "vpcelint"]


def apt_commands(script, where, required):
    """A fresh runner's package lists are stale or empty: `apt-get update` must come before `apt-get install`,
    and the install must name every package in `required`. Returns the packages installed."""
    updated = False
    installed = set()
    for words in shell_commands(script):
        if words[:2] == ["apt-get", "update"]:
            updated = True
        elif words[:2] == ["apt-get", "install"]:
            if not updated:
                problem(f"{where}: apt-get install without an apt-get update before it")
            installed |= {word for word in words[2:] if not word.startswith("-")}
    missing = required - installed
    if missing:
        problem(f"{where}: apt-get install lacks {', '.join(sorted(missing))}")
    return installed


def swift_builds(script):
    """The `swift build` commands of a script, without the options that only say where (`--package-path`) or
    print the output folder (`--show-bin-path`)."""
    builds = []
    for words in shell_commands(script):
        if words[:2] != ["swift", "build"]:
            continue
        kept, skip = [], False
        for word in words:
            if skip:
                skip = False
            elif word == "--package-path":
                skip = True
            elif word != "--show-bin-path":
                kept.append(word)
        builds.append(kept)
    return builds


def run(binary, arguments, where, cwd=None):
    """Runs vpcelint ARGUMENTS in a scratch folder whose states/ holds the fixture; returns written outputs."""
    with tempfile.TemporaryDirectory() as scratch:
        states = pathlib.Path(scratch) / "states"
        states.mkdir()
        for file in FIXTURE.glob("*.show.json"):
            shutil.copy(file, states / file.name.replace(".show", ""))
        completed = subprocess.run([binary, *arguments], cwd=cwd or scratch, capture_output=True, text=True)
        if completed.returncode not in (0, 1):
            problem(f"{where}: vpcelint {' '.join(arguments)} exited {completed.returncode}: {completed.stderr}")
        outputs = {}
        for index, argument in enumerate(arguments[:-1]):
            if argument == "--output" and "=" in arguments[index + 1]:
                fmt, path = arguments[index + 1].split("=", 1)
                outputs[fmt] = path
                if not (pathlib.Path(scratch) / path).is_file():
                    problem(f"{where}: --output {fmt}={path} wrote no file")
        return outputs


# 1. The clean build.


def dockerignore_patterns():
    """.dockerignore as (regex, negated) pairs, in order (Docker: the last matching pattern decides; a pattern
    that matches a folder matches everything in it; `*` stays within one path element, `**` spans them)."""
    patterns = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = ""
        index = 0
        while index < len(pattern):
            if pattern.startswith("**", index):
                regex += ".*"
                index += 2
            elif pattern[index] == "*":
                regex += "[^/]*"
                index += 1
            elif pattern[index] == "?":
                regex += "[^/]"
                index += 1
            else:
                regex += re.escape(pattern[index])
                index += 1
        patterns.append((re.compile(regex + r"\Z"), negated))
    return patterns


def in_context(relative, patterns):
    """Whether the Docker build context keeps `relative` (a path inside the repository)."""
    parts = relative.split("/")
    excluded = False
    for regex, negated in patterns:
        if any(regex.match("/".join(parts[:length])) for length in range(1, len(parts) + 1)):
            excluded = not negated
    return not excluded


def fresh_clone(scratch):
    """A fresh clone of HEAD, then narrowed to what the Docker build context holds. Returns (clone, context)."""
    head = git("rev-parse", "HEAD")
    if head.returncode != 0:
        problem(f"not a git checkout, no fresh clone to build in: {head.stderr.strip()}")
        return None, None
    clone = scratch / "clone"
    cloned = subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], capture_output=True,
                            text=True)
    checkout = git("checkout", "--quiet", "--detach", head.stdout.strip(), cwd=clone)
    if cloned.returncode != 0 or checkout.returncode != 0:
        problem(f"git clone of HEAD failed: {cloned.stderr.strip()} {checkout.stderr.strip()}")
        return None, None
    patterns = dockerignore_patterns()
    context = scratch / "context"
    for directory, folders, files in os.walk(clone):
        relative_directory = pathlib.Path(directory).relative_to(clone)
        folders[:] = [folder for folder in folders
                      if in_context((relative_directory / folder).as_posix(), patterns)
                      or (relative_directory / folder).as_posix() == ".git"]
        for name in files:
            relative = (relative_directory / name).as_posix()
            if in_context(relative, patterns):
                (context / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(clone / relative, context / relative)
    for needed in ["Package.swift", "Package.resolved", "Sources", "Plugins", "docs/man/vpcelint.1", ".git/HEAD"]:
        if not (context / needed).exists():
            problem(f".dockerignore leaves {needed} out of the build context")
    for unwanted in [".build", ".git/objects"]:
        if not in_context(unwanted, patterns):
            continue
        problem(f".dockerignore keeps {unwanted} in the build context")
    return clone, context


def dockerfile_stages():
    """The Dockerfile as stages: [{"from", "name", "steps": [(INSTRUCTION, text)]}], continuation lines joined,
    with the global ARG defaults."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    arguments, stages = {}, []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "ARG" and not stages and "=" in rest:
            name, value = rest.split("=", 1)
            arguments[name.strip()] = value.strip()
        elif instruction == "FROM":
            words = rest.split()
            image = re.sub(r"\$\{(\w+)\}", lambda match: arguments.get(match.group(1), match.group(0)), words[0])
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append({"from": image, "name": name, "steps": []})
        elif stages:
            stages[-1]["steps"].append((instruction, rest.strip()))
    return stages


def clean_build(scratch):
    """Builds vpcelint in the build context of a fresh clone with the Dockerfile's build step; returns the binary."""
    clone, context = fresh_clone(scratch)
    if context is None:
        return None, None
    if (context / ".build").exists():
        problem("the fresh clone has a .build folder")
    missing = [package for package in sorted(BUILD_PACKAGES)
               if subprocess.run(["dpkg", "-s", package], capture_output=True).returncode != 0]
    if missing:
        problem(f"build packages not installed (scripts/setup.sh installs them): {', '.join(missing)}")
    stages = dockerfile_stages()
    build_runs = [text for instruction, text in stages[0]["steps"] if instruction == "RUN" and "swift build" in text]
    if len(build_runs) != 1:
        problem(f"Dockerfile: expected one RUN with swift build in the build stage, found {len(build_runs)}")
        return None, clone
    out = scratch / "out"
    # The RUN line as Docker runs it (/bin/sh -c), its /out remapped to a scratch folder.
    script = build_runs[0].replace("/out/", f"{out}/")
    started = time.monotonic()
    built = subprocess.run(["/bin/sh", "-c", script], cwd=context, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if built.returncode != 0:
        problem(f"Dockerfile build step failed in a fresh clone (exit {built.returncode}): {built.stderr[-2000:]}")
        return None, clone
    say(f"clean build: fresh clone of HEAD, Dockerfile build step, {seconds:.0f} s")
    binary = out / "bin" / "vpcelint"
    head = git("rev-parse", "--short=7", "HEAD", cwd=clone).stdout.strip()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    expected = f"vpcelint {vpcelint_version()} (commit {head})"
    if version != expected:
        problem(f"the clean build's --version says {version!r}, not {expected!r}")
    # The same sources without .git: a rebuild (the plugin's command and a relink) must say "unknown".
    (context / ".git").rename(scratch / "git-aside")
    try:
        subprocess.run(BUILD_COMMAND, cwd=context, capture_output=True, text=True, check=True)
        bin_path = subprocess.run(BUILD_COMMAND + ["--show-bin-path"], cwd=context, capture_output=True, text=True)
        outside = subprocess.run([pathlib.Path(bin_path.stdout.strip()) / "vpcelint", "--version"],
                                 capture_output=True, text=True).stdout.strip()
        if outside != f"vpcelint {vpcelint_version()} (commit unknown)":
            problem(f"built without .git, --version says {outside!r}, not '(commit unknown)'")
    except subprocess.CalledProcessError as error:
        problem(f"rebuild without .git failed: {error.stderr[-2000:]}")
    finally:
        (scratch / "git-aside").rename(context / ".git")
    return binary, clone


def vpcelint_version():
    source = (ROOT / "Sources" / "LintCore" / "CheckError.swift").read_text()
    return re.search(r'public static let version = "([^"]+)"', source).group(1)


def linked_packages(binary):
    """The Debian packages of the libraries `binary` loads, or None when one belongs to no package."""
    linked = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    packages = set()
    for line in linked.splitlines():
        match = re.search(r"(/\S+) \(0x", line)
        if not match:
            continue
        path = match.group(1)
        owner = None
        for candidate in {path, os.path.realpath(path), "/usr" + path, "/usr" + os.path.realpath(path)}:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                owner = found.stdout.split(":")[0]
                break
        if owner is None:
            problem(f"the release binary loads {path}, which no Debian package provides (not --static-swift-stdlib?)")
            return None
        packages.add(owner)
    return packages


# 2. GitHub: action.yml and the workflow.


def actionlint(project, where):
    if shutil.which("actionlint") is None:
        problem("actionlint is not on PATH (scripts/setup.sh installs it)")
        return
    if shutil.which("shellcheck") is None:
        problem("shellcheck is not on PATH (scripts/setup.sh installs it): actionlint would skip the scripts")
    linted = subprocess.run(["actionlint", "-no-color"], cwd=project, capture_output=True, text=True)
    if linted.returncode != 0:
        problem(f"actionlint on {where}: {linted.stdout.strip()} {linted.stderr.strip()}")


def github_action(binary, scratch):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    if action["runs"].get("using") != "composite":
        problem("action.yml: not a composite action")
    inputs = action["inputs"]
    for required in ["paths", "fail-on", "fail-on-waste", "config", "baseline"]:
        if required not in inputs:
            problem(f"action.yml: no input {required}")
    text = (ROOT / "action.yml").read_text()
    for name in inputs:
        if f"inputs.{name}" not in text:
            problem(f"action.yml: input {name} is never used")
    for step in steps:
        if "run" in step:
            if "${{" in step["run"]:
                problem(f"action.yml: step {step.get('name')!r} puts an expression into its script (pass it in env)")
            if "shell" not in step:
                problem(f"action.yml: step {step.get('name')!r} has no shell")
    by_name = {step.get("name"): step for step in steps}
    build = by_name.get("Build vpcelint", {})
    apt_commands(build.get("run", ""), "action.yml build step", BUILD_PACKAGES)
    for command in swift_builds(build.get("run", "")):
        if command != BUILD_COMMAND:
            problem(f"action.yml builds with {' '.join(command)}, not {' '.join(BUILD_COMMAND)}")
    cache = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    if len(cache) != 1:
        problem("action.yml: expected one actions/cache step")
    # After the check: the summary, the upload and the exit status run whatever the check said.
    check_index = next((index for index, step in enumerate(steps) if step.get("id") == "check"), None)
    if check_index is None:
        problem("action.yml: no step with id check")
        return
    for step in steps[check_index + 1:]:
        if "always()" not in str(step.get("if", "")):
            problem(f"action.yml: step {step.get('name')!r} after the check does not run always()")
    if steps[-1].get("run", "").strip().splitlines()[-1].strip() != 'exit "$STATUS"':
        problem("action.yml: the last step does not end with vpcelint's exit status")
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    if len(uploads) != 1:
        problem("action.yml: expected one github/codeql-action/upload-sarif step")

    # actionlint checks workflows, not action metadata: a reusable workflow made of the action's steps (its inputs
    # as workflow_call inputs) gets the expression, action-input and shellcheck checks.
    project = scratch / "actionlint"
    (project / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    shutil.copy(ROOT / "action.yml", project / "action.yml")
    as_workflow = {
        "name": "action.yml as a workflow",
        "on": {"workflow_call": {"inputs": {name: {"type": "string", "required": False} for name in inputs}}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}},
    }
    (project / ".github" / "workflows" / "action.yml").write_text(yaml.safe_dump(as_workflow, sort_keys=False))
    workflow_path = ROOT / "examples" / "github-actions" / "vpcelint.yml"
    workflow_text = workflow_path.read_text()
    pinned = re.findall(r"uses: vpcelint/vpcelint@(\S+)", workflow_text)
    if len(pinned) != 1:
        problem(f"{workflow_path.name}: expected one `uses: vpcelint/vpcelint@COMMIT`")
    else:
        pinned_action(pinned[0], workflow_text)
    (project / ".github" / "workflows" / "example.yml").write_text(
        re.sub(r"uses: vpcelint/vpcelint@\S+", "uses: ./", workflow_text))
    actionlint(project, "action.yml and examples/github-actions/vpcelint.yml")

    # The action's scripts for real: the check step on the fixture with the workflow's inputs, the summary, the gate.
    workflow = yaml.safe_load(workflow_text)
    used = [step for job in workflow["jobs"].values() for step in job["steps"]
            if str(step.get("uses", "")).startswith("vpcelint/vpcelint@")]
    given = used[0].get("with", {}) if used else {}
    if "security-events" not in workflow.get("permissions", {}):
        problem(f"{workflow_path.name}: upload-sarif needs permissions: security-events: write")
    for index, failing in enumerate([False, True]):
        values = {name: str(spec.get("default", "")) for name, spec in inputs.items()}
        values.update({name: str(value) for name, value in given.items()})
        if failing:
            values["fail-on-waste"] = "1"  # the fixture's avoidable cost is above USD 1: the gate must fail the job
        status = emulate_action(binary, steps, values, scratch / f"action-{index}")
        expected = 1 if failing else 0
        if status != expected:
            problem(f"action.yml with {values['fail-on-waste']=}: the job ends with {status}, expected {expected}")


def missing_from_shallow_clone(commit, where):
    """A shallow clone may lack an older pinned commit: that is said on stdout, not taken for a wrong pin."""
    shallow = git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    if shallow and git("cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        say(f"NOT CHECKED: {where} pins {commit}, which this shallow clone does not have (git fetch --unshallow)")
        return True
    return False


def pinned_action(commit, workflow_text):
    """The workflow pins a commit of this repository whose action.yml has every input the workflow gives."""
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        problem(f"examples/github-actions/vpcelint.yml: pin the action to a full commit SHA, not {commit}")
        return
    shown = git("show", f"{commit}:action.yml")
    if shown.returncode != 0 and missing_from_shallow_clone(commit, "examples/github-actions/vpcelint.yml"):
        return
    if shown.returncode != 0:
        problem(f"the action's pinned commit {commit} is not in this repository with an action.yml: "
                f"{shown.stderr.strip()}")
        return
    pinned_inputs = yaml.safe_load(shown.stdout)["inputs"]
    workflow = yaml.safe_load(workflow_text)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("vpcelint/vpcelint@"):
                for name in step.get("with", {}):
                    if name not in pinned_inputs:
                        problem(f"the action at {commit[:7]} has no input {name}")


def emulate_action(binary, steps, values, folder):
    """Runs the action's steps from the check on as the runner would (each `run` with bash, its env, GITHUB_OUTPUT
    and GITHUB_STEP_SUMMARY), on the fixture; returns the job's exit status."""
    states = folder / "states"
    states.mkdir(parents=True)
    for file in FIXTURE.glob("*.show.json"):
        shutil.copy(file, states / file.name.replace(".show", ""))
    summary = folder / "summary.md"
    summary.touch()
    outputs = {}
    context = {f"inputs.{name}": value for name, value in values.items()}
    context["steps.key.outputs.bin"] = str(pathlib.Path(binary).parent)
    context["github.action_path"] = str(ROOT)
    status = 0
    checked = False
    for step in steps:
        if step.get("id") == "check":
            checked = True
        if not checked or "run" not in step:
            continue
        condition = str(step.get("if", ""))
        empty = re.findall(r"steps\.check\.outputs\.([\w-]+) != ''", condition)
        if any(not outputs.get(name) for name in empty):
            continue

        def expand(text):
            return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}",
                          lambda match: context.get(match.group(1), outputs.get(match.group(1).split(".")[-1], "")
                                                    if match.group(1).startswith("steps.check.outputs.") else ""),
                          str(text))

        environment = dict(os.environ)
        environment.update({name: expand(value) for name, value in step.get("env", {}).items()})
        output_file = folder / "github-output"
        output_file.write_text("")
        environment.update({"GITHUB_OUTPUT": str(output_file), "GITHUB_STEP_SUMMARY": str(summary)})
        directory = folder / expand(step.get("working-directory", "."))
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                   cwd=directory, env=environment, capture_output=True, text=True)
        for line in output_file.read_text().splitlines():
            name, _, value = line.partition("=")
            if step.get("id") == "check":
                outputs[name] = value
        status = completed.returncode
        if step.get("id") == "check" and completed.returncode != 0:
            problem(f"action.yml: the check step itself failed ({completed.returncode}): {completed.stderr}")
    if not outputs.get("sarif-file") or not pathlib.Path(outputs["sarif-file"]).is_file():
        problem("action.yml: the check step reported no SARIF file to upload")
    if "vpcelint" not in summary.read_text():
        problem("action.yml: the job summary does not hold the Markdown report")
    return status


# 3. The Dockerfile, without Docker.


def dockerfile(binary, scratch):
    stages = dockerfile_stages()
    if len(stages) != 2:
        problem(f"Dockerfile: expected a build and a run stage, found {len(stages)}")
        return
    build, runtime = stages
    swift_version = re.search(r"Swift version (\d+\.\d+(?:\.\d+)?)",
                              subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout)
    expected_image = f"swift:{swift_version.group(1) if swift_version else '?'}-bookworm"
    if build["from"] != expected_image:
        problem(f"Dockerfile: the build stage is {build['from']}, not this toolchain's {expected_image}")
    if runtime["from"] != "debian:bookworm-slim":
        problem(f"Dockerfile: the run stage is {runtime['from']}, not debian:bookworm-slim")
    if "VERSION_CODENAME=bookworm" not in pathlib.Path("/etc/os-release").read_text():
        problem("this machine is not Debian 12: apt cannot tell whether the images' packages exist")
    build_packages = apt_commands("\n".join(text for instruction, text in build["steps"] if instruction == "RUN"),
                                  "Dockerfile build stage", BUILD_PACKAGES)
    runtime_packages = apt_commands("\n".join(text for instruction, text in runtime["steps"] if instruction == "RUN"),
                                    "Dockerfile run stage", set())
    for package in sorted(build_packages | runtime_packages):
        policy = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True).stdout
        if "Candidate:" not in policy or "Candidate: (none)" in policy:
            problem(f"Dockerfile: apt knows no package {package} (apt-cache policy)")
    build_script = "\n".join(text for instruction, text in build["steps"] if instruction == "RUN")
    for command in swift_builds(build_script):
        if command != BUILD_COMMAND:
            problem(f"Dockerfile builds with {' '.join(command)}, not {' '.join(BUILD_COMMAND)}")
    made = {words[-1] for words in shell_commands(build_script) if words[:2] == ["install", "-D"]}
    installed = {}
    for instruction, text in runtime["steps"]:
        if instruction == "COPY" and text.startswith("--from="):
            stage, source, target = text.split()
            if stage != f"--from={build['name']}" or source not in made:
                problem(f"Dockerfile: COPY {text}: the build stage makes no {source}")
            installed[target] = source
    entrypoint = [json.loads(text) for instruction, text in runtime["steps"] if instruction == "ENTRYPOINT"]
    if entrypoint != [["vpcelint"]] or installed.get("/usr/local/bin/vpcelint") != "/out/bin/vpcelint":
        problem("Dockerfile: the entrypoint is not the built vpcelint in /usr/local/bin")
    if binary is None:
        return
    linked = linked_packages(binary)
    if linked is not None and linked - BASE_PACKAGES != runtime_packages:
        problem(f"Dockerfile: the run stage installs {sorted(runtime_packages)}, the binary links "
                f"{sorted(linked - BASE_PACKAGES)} besides {sorted(BASE_PACKAGES)}")
    # The run stage's own RUN vpcelint --version, on the file COPY --from puts in place.
    rootfs = scratch / "rootfs"
    for target, source in installed.items():
        (rootfs / target.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(scratch / source.lstrip("/"), rootfs / target.lstrip("/"))
    for instruction, text in runtime["steps"]:
        if instruction == "RUN" and text.startswith("vpcelint"):
            environment = dict(os.environ, PATH=f"{rootfs}/usr/local/bin:/usr/bin:/bin")
            ran = subprocess.run(["/bin/sh", "-c", text], env=environment, capture_output=True, text=True)
            if ran.returncode != 0 or not ran.stdout.startswith("vpcelint "):
                problem(f"Dockerfile: RUN {text} in the run stage failed: {ran.stderr}")


# 4. GitLab, pre-commit.


def gitlab(binary):
    path = ROOT / "examples" / "gitlab-ci" / ".gitlab-ci.yml"
    pipeline = yaml.safe_load(path.read_text())
    job = pipeline["vpcelint"]
    image = job.get("image", {})
    if not isinstance(image, dict) or image.get("entrypoint") != [""]:
        problem(f"{path.name}: the vpcelint image's entrypoint is vpcelint; the job needs entrypoint: [\"\"]")
    if "vpcelint" not in str(image.get("name", "")).lower():
        problem(f"{path.name}: the vpcelint job does not use the vpcelint image (Dockerfile)")
    outputs = {}
    for line in job["script"]:
        for arguments in commands(line):
            outputs.update(run(binary, arguments, path.name))
    junit = job["artifacts"]["reports"]["junit"]
    if junit != outputs.get("junit"):
        problem(f"{path.name}: reports: junit: {junit}, but vpcelint writes {outputs.get('junit')}")
    if job["artifacts"].get("when") != "always":
        problem(f"{path.name}: artifacts need when: always, or a failing gate loses its report")


def pre_commit(binary, clone, scratch):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    config = yaml.safe_load((ROOT / "examples" / "pre-commit" / ".pre-commit-config.yaml").read_text())
    by_id = {hook["id"]: hook for hook in hooks}
    for hook in hooks:
        if hook.get("pass_filenames", True):
            problem(f".pre-commit-hooks.yaml: hook {hook['id']} passes the changed files alone (a partial network)")
        if shlex.split(hook["entry"])[0] != "vpcelint":
            problem(f".pre-commit-hooks.yaml: entry {hook['entry']} does not run vpcelint")
    languages = {hook["id"]: hook["language"] for hook in hooks}
    if languages != {"vpcelint": "swift", "vpcelint-system": "system"}:
        problem(f".pre-commit-hooks.yaml: hooks and languages are {languages}")
    if {key: value for key, value in by_id["vpcelint"].items() if key not in ("id", "language", "description")} != \
            {key: value for key, value in by_id["vpcelint-system"].items()
             if key not in ("id", "language", "description")}:
        problem(".pre-commit-hooks.yaml: the two hooks differ in more than their language")
    for repository in config["repos"]:
        rev = repository["rev"]
        if not re.fullmatch(r"[0-9a-f]{40}", rev):
            problem(f".pre-commit-config.yaml: rev {rev} is not a full commit SHA")
        shown = git("show", f"{rev}:.pre-commit-hooks.yaml")
        pinned = {hook["id"]: hook for hook in yaml.safe_load(shown.stdout)} if shown.returncode == 0 else None
        if pinned is None and missing_from_shallow_clone(rev, ".pre-commit-config.yaml"):
            pass
        elif pinned is None:
            problem(f".pre-commit-config.yaml: rev {rev} is not a commit of this repository with .pre-commit-hooks.yaml")
        for used in repository["hooks"]:
            hook = by_id.get(used["id"])
            if hook is None:
                problem(f".pre-commit-config.yaml: hook {used['id']} is not in .pre-commit-hooks.yaml")
                continue
            if pinned is not None and pinned.get(used["id"]) != hook:
                problem(f".pre-commit-config.yaml: at rev {rev[:7]} hook {used['id']} is not today's")
            arguments = shlex.split(hook["entry"])[1:] + [str(argument) for argument in used.get("args", [])]
            if not any(not argument.startswith("-") and "/" in argument for argument in arguments):
                problem(f".pre-commit-config.yaml: hook {used['id']} names no states in args")
            run(binary, [argument.replace("envs/", "states/") for argument in arguments], ".pre-commit-config.yaml")
            if clone is not None:
                pre_commit_for_real(binary, clone, used, scratch)


def pre_commit_for_real(binary, clone, used, scratch):
    """pre-commit itself, from the fresh clone, with the example's arguments: the `vpcelint-system` hook (the
    `vpcelint` hook is the same but for its build). Committing one changed environment must still check all."""
    if shutil.which("pre-commit") is None:
        problem("pre-commit is not on PATH (scripts/setup.sh installs it)")
        return
    project = scratch / "pre-commit-project"
    envs = project / "envs"
    envs.mkdir(parents=True)
    for file in FIXTURE.glob("*.show.json"):
        shutil.copy(file, envs / file.name)
    head = git("rev-parse", "HEAD", cwd=clone).stdout.strip()
    config = {"repos": [{"repo": str(clone), "rev": head,
                         "hooks": [{"id": "vpcelint-system", "args": [str(argument) for argument in used["args"]]}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    environment = dict(os.environ, PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
                       PATH=f"{pathlib.Path(binary).parent}:{os.environ['PATH']}", NO_COLOR="1")
    for command in [["git", "init", "--quiet"], ["git", "add", "."]]:
        subprocess.run(command, cwd=project, check=True, env=environment)
    one = sorted(envs.glob("*.show.json"))[0].relative_to(project).as_posix()
    ran = subprocess.run(["pre-commit", "run", "--verbose", "--files", one], cwd=project, env=environment,
                         capture_output=True, text=True)
    if ran.returncode not in (0, 1) or "vpcelint" not in ran.stdout:
        problem(f"pre-commit run failed ({ran.returncode}): {ran.stdout[-2000:]} {ran.stderr[-2000:]}")
    inputs = len(list(envs.glob("*.show.json")))
    if f"{inputs} inputs" not in ran.stdout:
        problem(f"pre-commit run --files {one}: vpcelint did not see all {inputs} environments: {ran.stdout[-2000:]}")
    else:
        say(f"pre-commit: one changed file ({one}), vpcelint checked all {inputs} environments (exit {ran.returncode})")


def main():
    arguments = sys.argv[1:]
    binary = None
    if arguments[:1] == ["--binary"] and len(arguments) == 2:
        binary = str(pathlib.Path(arguments[1]).resolve())
    elif arguments:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="vpcelint-examples-") as folder:
        scratch = pathlib.Path(folder)
        clone = None
        if binary is None:
            built, clone = clean_build(scratch)
            if built is None:
                return 1
            binary = str(built)
        else:
            say(f"--binary {binary}: no clean build, no pre-commit run, the Dockerfile checked without a binary")
        github_action(binary, scratch)
        dockerfile(binary if clone is not None else None, scratch)
        gitlab(binary)
        pre_commit(binary, clone, scratch)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vpcelint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vpcelint", targets: ["vpcelint"]),
        .library(name: "VPCELintKit", targets: ["VPCELintKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `.vpcelint.yml`: a YAML parser that keeps each node's line (Node.Mark) for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // json-c, the only JSON parser: Debian libjson-c-dev, found with pkg-config.
        .systemLibrary(
            name: "CJSONC",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]
        ),
        // bytes -> JSONValue: the only code that touches json-c pointers, mapped files and raw bytes.
        .target(name: "JSONC", dependencies: ["CJSONC"]),
        // bytes -> Terraform documents (state, plan, raw state), modules flattened.
        // mimalloc (Debian libmimalloc-dev) replaces malloc in every binary that links the loader: json-c
        // allocates and frees a small block per JSON value, ~15-20% of a run's CPU with glibc (benchmarks/RESULTS.md).
        .target(
            name: "TerraformShow", dependencies: ["JSONC", .target(name: "CMimalloc", condition: .when(platforms: [.linux]))],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // mimalloc's options (`ProcessMemory`): Debian libmimalloc-dev's header.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // The AWS network joined across every input of a run.
        .target(name: "NetworkModel", dependencies: ["TerraformShow"]),
        // Rule, RuleDescription, Finding, prices: the framework rules are written against.
        .target(name: "LintCore", dependencies: ["NetworkModel"]),
        // The rules and their data tables.
        .target(name: "BuiltInRules", dependencies: ["LintCore"]),
        // Consolidation: the hub design that replaces the spokes' own interface endpoints, and its cost.
        .target(name: "Consolidation", dependencies: ["NetworkModel", "LintCore"]),
        // Tracing: which VPCs and which name a `vpcelint trace` follows (the hops come from NetworkModel's PathEngine).
        .target(name: "Tracing", dependencies: ["NetworkModel", "LintCore"]),
        // Text, JSON and other report formats: of a check, of a trace and of a consolidation plan.
        .target(name: "Reporters", dependencies: ["LintCore", "Consolidation"]),
        // Output writing: atomic files and the set of reports one run writes.
        .target(name: "Output", dependencies: ["LintCore", "Reporters"]),
        // Settings: the one step that turns flags, `.vpcelint.yml`, inputs and environment names into a run's
        // settings (pricing, hubs, rules), plus suppressions and baselines.
        .target(
            name: "Settings",
            dependencies: [
                "TerraformShow", "NetworkModel", "LintCore", "Reporters", "Output",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `--source`: the `.tf` file and line of each finding's resource block, by a small scanner of Terraform's
        // syntax that follows local module calls; and the repository root reports' paths are relative to.
        .target(name: "SourceMap", dependencies: ["LintCore", "NetworkModel"]),
        // The pipeline the CLI calls: settings -> load -> model -> rules -> suppress/baseline -> report ->
        // exit status; and the trace and consolidate commands on the same settings.
        .target(
            name: "VPCELintKit",
            dependencies: [
                "TerraformShow", "NetworkModel", "LintCore", "BuiltInRules", "Reporters", "Output", "Settings",
                "Tracing", "Consolidation", "SourceMap",
            ]
        ),
        // `--version` names the commit: the BuildCommit plugin reads the checkout's .git (no git process) and
        // generates `BuildCommit.hash`.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(
            name: "vpcelint",
            dependencies: [
                "VPCELintKit", "TerraformShow", "Settings", "LintCore", "Reporters", "Tracing", "Consolidation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommit"]
        ),
        // `vpcelint-dev generate [--check]`: data tables, rule documents and their examples, from Rules/data and
        // the rules' descriptions. The library keeps the generator callable from tests.
        .target(
            name: "VPCELintDevKit",
            dependencies: ["TerraformShow", "NetworkModel", "LintCore", "BuiltInRules", "Consolidation"]
        ),
        .executableTarget(
            name: "vpcelint-dev",
            dependencies: [
                "VPCELintDevKit", "BuiltInRules", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer target over the whole pipeline (scripts/fuzz.sh builds it with -DVPCELINT_FUZZ
        // -sanitize=fuzzer,address); a plain build makes a replayer of files that needs no sanitizer. Not shipped.
        .executableTarget(name: "vpcelint-fuzz", dependencies: ["VPCELintKit"]),
        // Times load -> model for benchmarks/run.sh; not shipped.
        .executableTarget(name: "vpcelint-bench", dependencies: ["TerraformShow", "NetworkModel"]),
        // What every test target shares: the repository root, temporary directories removed after use.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TerraformShowTests", dependencies: ["TerraformShow", "JSONC"]),
        .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel", "TerraformShow", "TestSupport"]),
        .testTarget(name: "SourceMapTests", dependencies: ["SourceMap", "LintCore", "NetworkModel", "TestSupport"]),
        .testTarget(
            name: "BuiltInRulesTests",
            dependencies: [
                "BuiltInRules", "Consolidation", "LintCore", "NetworkModel", "TerraformShow", "Tracing", "VPCELintKit",
                "VPCELintDevKit",
                "TestSupport",
            ]
        ),
        .testTarget(
            name: "ConsistencyTests",
            dependencies: [
                "VPCELintDevKit", "BuiltInRules", "Consolidation", "LintCore", "NetworkModel", "TerraformShow",
                "TestSupport",
            ]
        ),
        .testTarget(
            name: "VPCELintKitTests",
            dependencies: [
                "VPCELintKit", "Settings", "Output", "Tracing", "Consolidation", "Reporters", "LintCore", "NetworkModel",
                "BuiltInRules", "TestSupport",
            ]
        ),
        // Golden files (Resources/Canned<Format>Output.*) and schema validation of every report format.
        .testTarget(
            name: "ReportersTests",
            dependencies: ["Reporters", "LintCore", "NetworkModel", "Consolidation", "TestSupport"],
            exclude: ["Resources"]
        ),
    ]
)

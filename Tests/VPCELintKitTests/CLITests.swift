import Foundation
import LintCore
import TestSupport
import Testing

/// Runs the built `vpcelint` as a user would: exit status, stdout and stderr.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `executable` to its end with `stdin` as standard input (files, not pipes: no deadlock on large
    /// output), in `directory`, with `environment` over the test process's own.
    static func launch(
        _ executable: URL, _ arguments: [String], stdin: String? = nil, in directory: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Run {
        try withTemporaryDirectory { scratch in
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            // Not FileManager.createFile: Foundation on Linux writes it atomically through a
            // /tmp/TemporaryDirectory.* folder it never removes.
            try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: scratch + "/in"))
            try Data().write(to: URL(fileURLWithPath: scratch + "/out"))
            try Data().write(to: URL(fileURLWithPath: scratch + "/err"))
            process.standardInput = FileHandle(forReadingAtPath: scratch + "/in")
            process.standardOutput = FileHandle(forWritingAtPath: scratch + "/out")
            process.standardError = FileHandle(forWritingAtPath: scratch + "/err")
            try process.run()
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus,
                stdout: try String(contentsOfFile: scratch + "/out", encoding: .utf8),
                stderr: try String(contentsOfFile: scratch + "/err", encoding: .utf8))
        }
    }
}

enum Binary {
    /// Build products sit beside the test bundle (`.build/debug/vpcelintPackageTests.xctest`); fall back to
    /// the default scratch path.
    static let url: URL? = {
        var directories = [URL]()
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Repository.root.appendingPathComponent(".build/debug"))
        return directories.map { $0.appendingPathComponent("vpcelint") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ arguments: [String], stdin: String? = nil, in directory: String? = nil) throws -> Run {
        let binary = try #require(url, "vpcelint is not built beside the tests; run `swift build` first")
        return try Run.launch(binary, arguments, stdin: stdin, in: directory, environment: ["NO_COLOR": "1"])
    }
}

@Suite("vpcelint binary", .serialized)
struct CLITests {
    private let corpusFile = Repository.publicCorpus.appendingPathComponent(
        "hashicorp__terraform-json/testdata__has_checks__state.json"
    ).path

    @Test("--version prints the version and the commit of the checkout the binary was built from")
    func version() throws {
        let run = try Binary.run(["--version"])
        #expect(run.status == 0)
        // Built from a copy without .git (an unpacked archive): "unknown", never a guess.
        guard FileManager.default.fileExists(atPath: Repository.path(".git")) else {
            #expect(run.stdout == "vpcelint \(VPCELint.version) (commit unknown)\n")
            return
        }
        // Built from this checkout: its HEAD as git abbreviates it to 7 digits (uncommitted changes do not show).
        let head = try Run.launch(
            URL(fileURLWithPath: "/usr/bin/env"), ["git", "rev-parse", "--short=7", "HEAD"], in: Repository.root.path)
        try #require(head.status == 0, "git rev-parse in the checkout: \(head.stderr)")
        let commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(commit.count == 7)
        #expect(run.stdout == "vpcelint \(VPCELint.version) (commit \(commit))\n")
    }

    @Test("--help gives the exit codes and an example")
    func help() throws {
        let run = try Binary.run(["check", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Exit codes: 0"))
        #expect(run.stdout.contains("Example: vpcelint check"))
    }

    @Test("rules lists every rule; --format json parses")
    func rules() throws {
        let text = try Binary.run(["rules"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("ID "))
        let json = try Binary.run(["rules", "--format", "json"])
        #expect(json.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(rows.count == text.stdout.split(separator: "\n").count - 1)
        for row in rows {
            #expect(Set(row.keys) == ["id", "name", "severity", "category", "summary"])
            let explain = try Binary.run(["explain", row["id"] ?? ""])
            #expect(explain.status == 0)
            #expect(explain.stdout.hasPrefix("# \(row["name"] ?? "") (\(row["id"] ?? ""))\n"))
            for heading in ["## What it does", "## Why it matters", "## How to fix", "## References"] {
                #expect(explain.stdout.contains("\n\(heading)\n"), "\(row["id"] ?? ""): \(heading)")
            }
            let document = Repository.path("Rules/\(row["name"] ?? "").md")
            let committed = try? String(contentsOfFile: document, encoding: .utf8)
            #expect(committed != nil, "no Rules/\(row["name"] ?? "").md: run `swift run vpcelint-dev generate`")
            #expect(committed == nil || explain.stdout == committed, "explain prints Rules/\(row["name"] ?? "").md")
            #expect(try Binary.run(["explain", row["name"] ?? ""]).stdout == explain.stdout, "by name too")
        }
    }

    @Test("explain of an unknown rule exits 2 with one line on stderr")
    func explainUnknown() throws {
        let run = try Binary.run(["explain", "VPCE999"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "vpcelint: error: unknown rule 'VPCE999'; `vpcelint rules` lists them\n")
    }

    @Test("check on a path that does not exist exits 2, names it on stderr, prints no report")
    func missingPath() throws {
        let run = try Binary.run(["check", "--format", "json", "/nonexistent/dev.json"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("/nonexistent/dev.json"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("a misspelt command is said to be one (check is the default, so it would read as a missing file)")
    func misspeltCommand() throws {
        for (typo, command) in [("chek", "check"), ("trase", "trace"), ("expalin", "explain"), ("Rule", "rules")] {
            let run = try Binary.run([typo, "fixtures/hub-spoke-ok"])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(
                run.stderr.hasPrefix(
                    "vpcelint: error: \(typo): no such command or file; did you mean `vpcelint \(command)`?"),
                "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        // Far from every command, or an existing file: read as an input, as before.
        let far = try Binary.run(["states", "--format", "json"])
        #expect(far.status == 2 && far.stderr.contains("states: cannot open the file"), "\(far.stderr)")
        let directory = try makeTemporaryDirectory(["chek": Support.validState])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try Binary.run(["chek", "--format", "json"], in: directory)
        #expect(file.status == 0, "\(file.stderr)")
    }

    @Test("one bad file among good ones: exit 2, the bad file named, no report")
    func badAmongGood() throws {
        let files = ["dev.json": Support.validState, "stg.json": "{\"values\": [", "prd.json": Support.validState]
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", directory])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("vpcelint: error: \(directory)/stg.json:"))
        }
    }

    @Test("check on a corpus file exits 0 and lists the input in the JSON report")
    func corpusInput() throws {
        let run = try Binary.run(["check", "--format", "json", corpusFile])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.count == 1)
        #expect(inputs[0]["path"] as? String == corpusFile)
        #expect(inputs[0]["environment"] as? String == "testdata__has_checks__state")
        #expect(inputs[0]["kind"] as? String == "state")
        #expect(inputs[0]["resources"] as? Int == 2)
    }

    @Test("standard input is read with -, named stdin unless --env names it")
    func standardInput() throws {
        let contents = try String(contentsOfFile: corpusFile, encoding: .utf8)
        let plain = try Binary.run(["check", "--format", "json", "-"], stdin: contents)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("\"environment\": \"stdin\""))
        let named = try Binary.run(["--format", "json", "--env", "hub=-"], stdin: contents)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("\"environment\": \"hub\""))
    }

    @Test("--output writes the report to the file and nothing to stdout")
    func output() throws {
        try withTemporaryDirectory(["dev.json": Support.validState]) { directory in
            let run = try Binary.run(
                ["check", "--format", "json", "--output", "out/report.json", "dev.json"], in: directory)
            #expect(run.status == 2, "the output folder does not exist")
            try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: false)
            let written = try Binary.run(
                ["check", "--format", "json", "--output", "out/report.json", "dev.json"], in: directory)
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout.isEmpty)
            let report = try String(contentsOfFile: directory + "/out/report.json", encoding: .utf8)
            #expect(report.contains("\"path\": \"dev.json\""))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out") == ["report.json"])
        }
    }

    @Test("findings at or above --fail-on exit 1, and the report is still printed")
    func findingsExitOne() throws {
        let scenario = Repository.path("fixtures/three-spokes")
        let strict = try Binary.run(["check", "--format", "json", "--fail-on", "note", scenario])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        try #require(!findings.isEmpty, "three spokes with the same endpoints must give findings")
        #expect(strict.status == 1)
        let never = try Binary.run(["check", "--format", "json", "--fail-on", "never", scenario])
        #expect(never.status == 0)
    }

    @Test("the bundled scenario of scripts/example.sh loads as a directory and gives every core rule's finding")
    func bundledScenario() throws {
        let scenario = Repository.path("fixtures/hub-spoke-broken")
        let run = try Binary.run(["check", "--format", "json", scenario])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let environments = (json["inputs"] as? [[String: Any]])?.compactMap { $0["environment"] as? String }
        #expect(environments == ["dev", "prd", "shared", "stg"])
        let rules = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String })
        let core: Set = ["VPCE001", "VPCE002", "VPCE003", "VPCE004", "VPCE005"]
        #expect(rules.isSuperset(of: core), "\(rules)")
    }

    @Test(
        "bad usage exits 2 with one line on stderr and nothing on stdout",
        arguments: [
            ["check", "--bogus"], ["check", "--fail-on", "sometimes"], ["check", "--format", "yaml", "x.json"],
            ["check", "--env", "nonsense"], ["check"], ["explain"], ["check", "--currency", "JPY", "x.json"],
            ["check", "--hours-per-month", "abc", "x.json"], ["check", "--disable", "no-such-rule", "x.json"],
        ])
    func badUsage(arguments: [String]) throws {
        let run = try Binary.run(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("vpcelint: error: "))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
}

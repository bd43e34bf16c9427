import Foundation
import TestSupport
import Testing

/// Runs `scripts/validate_report.py KIND FILE`; its stderr when the report is invalid, `nil` when valid.
func schemaError(_ kind: String, _ file: String) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", Repository.path("scripts/validate_report.py"), kind, file,
    ]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : String(decoding: data, as: UTF8.self)
}

/// `--format`, `--output FORMAT=FILE` and the schemas, on real fixture scenarios.
@Suite("vpcelint report formats", .serialized)
struct ReportFormatCLITests {
    static let scenarios = ["hub-spoke-broken", "hub-spoke-broken-plan", "hub-spoke-ok", "three-spokes"]

    static func fixture(_ scenario: String) -> String {
        Repository.path("fixtures/\(scenario)")
    }

    @Test("every format at once: stdout gets --format, each file its format, all valid", arguments: scenarios)
    func allFormats(_ scenario: String) throws {
        try withTemporaryDirectory { directory in
            let run = try Binary.run(
                [
                    "check", "--format", "github", "--fail-on", "never", "--output", "json=r.json",
                    "--output", "sarif=r.sarif", "--output", "junit=r.xml", "--output", "markdown=r.md",
                    "--output", "text=r.txt", Self.fixture(scenario),
                ], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            for line in run.stdout.split(separator: "\n") {
                #expect(["::error ", "::warning ", "::notice "].contains { line.hasPrefix($0) }, "\(line)")
            }
            #expect(try schemaError("json", directory + "/r.json") == nil)
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            #expect(try schemaError("junit", directory + "/r.xml") == nil)
            let markdown = try String(contentsOfFile: directory + "/r.md", encoding: .utf8)
            #expect(markdown.hasPrefix("### vpcelint\n\n**vpcelint 0.1.0**: "))
            let text = try String(contentsOfFile: directory + "/r.txt", encoding: .utf8)
            #expect(!text.contains("\u{1B}["), "no colour in a file")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(files == ["r.json", "r.md", "r.sarif", "r.txt", "r.xml"], "no temporary file left behind")
        }
    }

    @Test("--output FILE still takes the --format report; stdout stays empty")
    func plainOutput() throws {
        try withTemporaryDirectory { directory in
            let run = try Binary.run(
                [
                    "check", "--format", "sarif", "--output", "r.sarif", "--output", "junit=r.xml",
                    Self.fixture("hub-spoke-ok"),
                ],
                in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            #expect(FileManager.default.fileExists(atPath: directory + "/r.xml"))
        }
    }

    @Test(
        "bad --output usage exits 2 and writes nothing",
        arguments: [
            ["--output", "a.txt", "--output", "b.txt"], ["--output", "json=a", "--output", "sarif=a"],
            ["--output", "sraif=a.sarif"], ["--output", "json="], ["--format", "yaml"],
        ])
    func badOutputs(_ arguments: [String]) throws {
        try withTemporaryDirectory { directory in
            let run = try Binary.run(["check"] + arguments + [Self.fixture("hub-spoke-ok")], in: directory)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("vpcelint: error: "))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    @Test("rules --format takes only text and json")
    func rulesFormats() throws {
        #expect(try Binary.run(["rules", "--format", "sarif"]).status == 2)
    }

    @Test("--help documents the formats, --output FORMAT=FILE and --fail-on-waste")
    func help() throws {
        let help = try Binary.run(["check", "--help"]).stdout
        for text in ["sarif", "junit", "markdown", "github", "FORMAT=FILE", "--fail-on-waste", "avoidable"] {
            #expect(help.contains(text), "\(text)")
        }
    }
}

/// Every exit path of `--fail-on-waste` on real fixtures. The thresholds come from the report itself, so a
/// regenerated fixture or price table does not break the test.
@Suite("vpcelint --fail-on-waste", .serialized)
struct FailOnWasteTests {
    private let threeSpokes = ReportFormatCLITests.fixture("three-spokes")

    /// The summary's `monthly_savings` (report currency) of a JSON run with `arguments`.
    private func savings(_ arguments: [String]) throws -> Double {
        let run = try Binary.run(["check", "--format", "json", "--fail-on", "never"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require((json["summary"] as? [String: Any])?["monthly_savings"] as? Double)
    }

    private func status(_ amount: Double, _ arguments: [String]) throws -> Run {
        try Binary.run(["check", "--fail-on", "never", "--fail-on-waste", String(amount)] + arguments)
    }

    @Test("above the threshold exits 1 with the report and a line on stderr; at or below it exits 0")
    func threshold() throws {
        let total = try savings([threeSpokes])
        #expect(total > 100, "three-spokes has duplicate endpoints to save")
        let above = try status(total - 0.01, [threeSpokes])
        #expect(above.status == 1)
        #expect(above.stdout.contains("Monthly interface endpoint cost"), "the report is still written")
        #expect(above.stderr.contains("exceeds --fail-on-waste"))
        #expect(try status(total, [threeSpokes]).status == 0, "equal is not above")
        let below = try status(total + 1, [threeSpokes])
        #expect(below.status == 0)
        #expect(!below.stderr.contains("--fail-on-waste"), "no waste line at or below the threshold")
    }

    @Test("AMOUNT is in the report currency")
    func currency() throws {
        let yen = ["--currency", "JPY", "--exchange-rate", "150", threeSpokes]
        let total = try savings(yen)
        #expect(abs(total - (try savings([threeSpokes])) * 150) < 1)
        #expect(try status(total - 1, yen).status == 1)
        #expect(try status(total + 1, yen).status == 0)
        #expect(try status(total / 150 + 1, yen).status == 1, "a USD-sized amount fails a JPY report")
    }

    @Test("no savings never fails, even at 0")
    func nothingToSave() throws {
        let ok = ReportFormatCLITests.fixture("hub-spoke-ok")
        #expect(try savings([ok]) == 0)
        #expect(try status(0, [ok]).status == 0)
    }

    @Test("findings at or above --fail-on still exit 1 under a high threshold; 1 when both trip")
    func combined() throws {
        let broken = ReportFormatCLITests.fixture("hub-spoke-broken")
        #expect(try Binary.run(["check", "--fail-on-waste", "1000000", broken]).status == 1)
        let both = try Binary.run(["check", "--fail-on-waste", "0", broken])
        #expect(both.status == 1)
    }

    @Test("a negative or non-numeric AMOUNT, or a bad input, exits 2 with no report", arguments: ["-5", "ten", "nan"])
    func usage(_ amount: String) throws {
        let run = try Binary.run(["check", "--fail-on-waste", amount, threeSpokes])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let bad = try Binary.run(["check", "--fail-on-waste", "0", "/nonexistent/dev.json"])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
    }
}

/// The integration examples in examples/ and .pre-commit-hooks.yaml, run against the built binary.
@Suite("integration examples", .serialized)
struct IntegrationExampleTests {
    private func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try Run.launch(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, in: Repository.root.path, environment: environment)
    }

    /// scripts/check_examples.py builds vpcelint once in a fresh clone of HEAD (the Dockerfile's build step), then
    /// checks action.yml, the Dockerfile, the GitHub, GitLab and pre-commit examples against that build.
    @Test("the examples build from a fresh clone, and the action, Dockerfile, CI and pre-commit examples run on it")
    func examples() throws {
        let run = try shell(["python3", "scripts/check_examples.py"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("clean build: fresh clone of HEAD"), "\(run.stdout)")
        #expect(run.stdout.contains("vpcelint checked all 3 environments"), "\(run.stdout)")
    }

    @Test("examples/audit.sh over a folder of state files writes dated reports and passes the exit status on")
    func audit() throws {
        let binary = try #require(Binary.url)
        try withTemporaryDirectory { states in
            let fixture = ReportFormatCLITests.fixture("three-spokes")
            for name in try FileManager.default.contentsOfDirectory(atPath: fixture) where name.hasSuffix(".show.json")
            {
                try FileManager.default.copyItem(
                    atPath: fixture + "/" + name,
                    toPath: states + "/" + name.replacingOccurrences(of: ".show", with: ""))
            }
            try withTemporaryDirectory { out in
                let environment = ["VPCELINT": binary.path, "AUDIT_DATE": "2026-01-31"]
                let clean = try shell(["examples/audit.sh", states, out], environment: environment)
                #expect(clean.status == 0, "\(clean.stderr)")
                #expect(clean.stdout.contains("Monthly interface endpoint cost"))
                for file in ["report.txt", "report.json", "report.md", "report.sarif", "junit.xml"] {
                    #expect(FileManager.default.fileExists(atPath: "\(out)/latest/\(file)"), "\(file)")
                }
                #expect(try schemaError("json", out + "/2026-01-31/report.json") == nil)
                #expect(try schemaError("junit", out + "/2026-01-31/junit.xml") == nil)
                var gated = environment
                gated["VPCELINT_FAIL_ON_WASTE"] = "1"
                #expect(try shell(["examples/audit.sh", states, out], environment: gated).status == 1)
                let bad = try shell(["examples/audit.sh", states + "/missing", out], environment: environment)
                #expect(bad.status == 2)
            }
        }
    }
}

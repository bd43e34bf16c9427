import Foundation
import TestSupport
import Testing

/// A synced Terraform backend bucket is a normal input (issue 14, "Periodic audits of a state bucket"):
/// directories are read recursively, `terraform.tfstate` takes its environment from the backend layout, JSON
/// that is not Terraform output is skipped with a notice, `--exclude` and `exclude:` leave paths out; and every
/// report names the configuration file it used. All through the real binary.
@Suite("State bucket inputs through the binary", .serialized)
struct StateBucketCLITests {
    static let scenario = Repository.path("fixtures/three-spokes")
    static func state(_ name: String) throws -> String {
        try String(contentsOfFile: scenario + "/\(name).show.json", encoding: .utf8)
    }

    /// `env:/prd/network`, `env:/stg/network` and the default workspace `network`, as `aws s3 sync` writes them.
    static func bucket() throws -> [String: String] {
        [
            "states/env:/prd/network/terraform.tfstate": try state("prd"),
            "states/env:/stg/network/terraform.tfstate": try state("stg"),
            "states/network/terraform.tfstate": try state("dev"),
        ]
    }

    static func json(_ run: Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    static func inputs(_ report: [String: Any]) -> [[String]] {
        (report["inputs"] as? [[String: Any]] ?? []).map {
            [$0["path"] as? String ?? "", $0["environment"] as? String ?? ""]
        }
    }

    static func skipped(_ report: [String: Any]) -> [[String]] {
        (report["skipped_inputs"] as? [[String: Any]] ?? []).map {
            [$0["path"] as? String ?? "", $0["status"] as? String ?? "", $0["reason"] as? String ?? ""]
        }
    }

    @Test("a synced bucket: read recursively, sorted by path, environments from the S3 backend layout")
    func backendLayout() throws {
        try withTemporaryDirectory(try Self.bucket()) { directory in
            let run = try Binary.run(["check", "--format", "json", "states/"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(
                Self.inputs(report) == [
                    ["states/env:/prd/network/terraform.tfstate", "prd"],
                    ["states/env:/stg/network/terraform.tfstate", "stg"],
                    ["states/network/terraform.tfstate", "network"],
                ])
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            let findings = (report["findings"] as? [[String: Any]]) ?? []
            #expect(!findings.isEmpty)
            #expect(findings.allSatisfy { ["prd", "stg", "network"].contains($0["environment"] as? String ?? "") })
            // A workspace folder below a subdirectory argument is still found; a state named on its own too.
            let sub = try Binary.run(["check", "--format", "json", "states/env:/prd"], in: directory)
            #expect(Self.inputs(try Self.json(sub)) == [["states/env:/prd/network/terraform.tfstate", "prd"]])
            let own = try Binary.run(
                ["check", "--format", "json", "states/network/terraform.tfstate"], in: directory)
            #expect(Self.inputs(try Self.json(own)) == [["states/network/terraform.tfstate", "network"]])
        }
    }

    @Test("environments.files overrides the layout; workspace_key_prefix names another backend prefix")
    func layoutSettings() throws {
        var files = [
            "states/workspaces/prd/network/terraform.tfstate": try Self.state("prd"),
            "states/network/terraform.tfstate": try Self.state("dev"),
        ]
        files[".vpcelint.yml"] = """
            environments:
              workspace_key_prefix: workspaces
              files:
                "states/network/*": development
            """
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(
                Self.inputs(try Self.json(run)) == [
                    ["states/network/terraform.tfstate", "development"],
                    ["states/workspaces/prd/network/terraform.tfstate", "prd"],
                ])
        }
    }

    @Test("two roots of one workspace are joined as one environment, and a notice says so")
    func joinedRootsAreSaid() throws {
        let files = [
            "states/env:/prd/network/terraform.tfstate": try Self.state("prd"),
            "states/env:/prd/dns/terraform.tfstate": #"{"format_version":"1.0","values":{"root_module":{}}}"#,
        ]
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(Self.inputs(try Self.json(run)).map { $0[1] } == ["prd", "prd"])
            #expect(
                run.stderr.contains(
                    "vpcelint: environment prd: 2 inputs of different roots joined as one environment "
                        + "(states/env:/prd/dns/terraform.tfstate, states/env:/prd/network/terraform.tfstate)"))
        }
    }

    @Test("files of one name in different folders are joined with a notice; files beside each other are not")
    func joinedFoldersAreSaid() throws {
        let files = [
            "states/team-a/dev.json": try Self.state("dev"),
            "states/team-b/dev.json": #"{"format_version":"1.0","values":{"root_module":{}}}"#,
            "states/shared.network.json": try Self.state("prd"),
            "states/shared.dns.json": #"{"format_version":"1.0","values":{"root_module":{}}}"#,
        ]
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(
                run.stderr
                    == "vpcelint: environment dev: 2 inputs of different roots joined as one environment "
                    + "(states/team-a/dev.json, states/team-b/dev.json); if they are different environments, name them "
                    + "with environments.files or --env\n")
            let named = try Binary.run(
                ["check", "--format", "json", "--env", "b=states/team-b/dev.json", "states"], in: directory)
            #expect(named.stderr.isEmpty, "\(named.stderr)")
        }
    }

    @Test("JSON that is not Terraform output is skipped in a directory, named on stderr and in the reports")
    func foreignJSONIsSkipped() throws {
        var files = try Self.bucket()
        files["states/reports/schema.json"] = #"{"format_version":"1.0","provider_schemas":{"aws":{}}}"#
        files["states/reports/scan.sarif.json"] =
            #"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[]}"#
        files["states/reports/checkov.json"] = #"{"check_type":"terraform","results":{},"summary":{}}"#
        files["states/reports/tflint.json"] = #"{"issues":[],"errors":[]}"#
        files["states/reports/notes.json"] = #"{"owner":"platform"}"#
        try withTemporaryDirectory(files) { directory in
            let first = try Binary.run(
                ["check", "--format", "json", "--output", "states/reports/r.json", "states"], in: directory)
            #expect(first.status != 2, "\(first.stderr)")
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(Self.inputs(report).count == 3)
            let skipped = Self.skipped(report)
            #expect(
                skipped.map { $0[0] } == [
                    "states/reports/checkov.json", "states/reports/notes.json", "states/reports/r.json",
                    "states/reports/scan.sarif.json", "states/reports/schema.json", "states/reports/tflint.json",
                ])
            #expect(skipped.allSatisfy { $0[1] == "skipped" })
            let reasons = Dictionary(uniqueKeysWithValues: skipped.map { ($0[0], $0[2]) })
            #expect(reasons["states/reports/schema.json"]?.contains("provider schema") == true)
            #expect(reasons["states/reports/scan.sarif.json"]?.contains("SARIF") == true)
            #expect(reasons["states/reports/checkov.json"]?.contains("checkov") == true)
            #expect(reasons["states/reports/tflint.json"]?.contains("tflint") == true)
            #expect(reasons["states/reports/r.json"]?.contains("vpcelint report") == true)
            #expect(reasons["states/reports/notes.json"]?.contains("without `format_version` (keys: owner)") == true)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 6, "\(run.stderr)")
            #expect(
                lines.contains("vpcelint: skipped states/reports/tflint.json: a tflint report, not Terraform output"))
            // The report with skipped_inputs is valid against schemas/report.schema.json.
            try run.stdout.write(toFile: directory + "/report.json", atomically: false, encoding: .utf8)
            let validator = Process()
            validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            validator.arguments = [
                "python3", Repository.path("scripts/validate_report.py"), "json", directory + "/report.json",
            ]
            try validator.run()
            validator.waitUntilExit()
            #expect(validator.terminationStatus == 0, "the report is not valid against the schema")
            let text = try Binary.run(["check", "states"], in: directory)
            #expect(
                text.stdout.contains("  states/reports/checkov.json: skipped, a checkov report, not Terraform output"))
            // Named on its own, the same file fails the run as before, with nothing on stdout.
            let named = try Binary.run(["check", "states/reports/schema.json"], in: directory)
            #expect(named.status == 2)
            #expect(named.stdout.isEmpty)
            #expect(named.stderr.contains("states/reports/schema.json"))
        }
    }

    @Test("a broken state in a directory still fails the run: only positively foreign JSON is skipped")
    func brokenStateIsNotSkipped() throws {
        var files = try Self.bucket()
        files["states/broken/terraform.tfstate"] = #"{"format_version":"1.0","values":{"root_module":"#
        files["states/empty.json"] = ""
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "states"], in: directory)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("states/broken/terraform.tfstate"))
            #expect(run.stderr.contains("states/empty.json"))
        }
    }

    @Test("a directory whose every file is skipped or excluded is an error, never a clean run")
    func nothingLeftIsAnError() throws {
        let files = [
            "reports/schema.json": #"{"format_version":"1.0","provider_schemas":{}}"#,
            "reports/old/dev.json": try Self.state("dev"),
        ]
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--exclude", "reports/old", "reports"], in: directory)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(
                run.stderr.contains(
                    "reports: no Terraform output left to read in this directory (1 file(s) skipped as not Terraform "
                        + "output, 1 left out by exclude patterns)"), "\(run.stderr)")
        }
    }

    @Test("hidden folders are not read and a folder link is not followed, each with a notice; a loop never hangs")
    func hiddenFoldersAndLinks() throws {
        var files = try Self.bucket()
        files["states/.terraform/terraform.tfstate"] = #"{"version":3,"backend":{"type":"s3"}}"#
        try withTemporaryDirectory(files) { directory in
            try FileManager.default.createSymbolicLink(atPath: directory + "/states/loop", withDestinationPath: ".")
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(Self.inputs(try Self.json(run)).count == 3)
            #expect(
                run.stderr.contains(
                    "vpcelint: states/.terraform: a hidden folder, not read (name it as an input to read it)"))
            #expect(run.stderr.contains("vpcelint: states/loop: a symbolic link to a folder, not followed"))
            // Named on its own, the hidden folder is read, and its backend settings are skipped as such.
            let hidden = try Binary.run(["check", "states/.terraform"], in: directory)
            #expect(hidden.status == 2)
            #expect(hidden.stderr.contains("backend settings"), "\(hidden.stderr)")
        }
    }

    @Test("--exclude leaves paths out; one matching nothing gets a notice; one matching a named file is an error")
    func excludeFlag() throws {
        var files = try Self.bucket()
        files["states/archive/old.json"] = try Self.state("prd")
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(
                ["check", "--format", "json", "--exclude", "states/archive", "--exclude", "*.backup", "states"],
                in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(!Self.inputs(try Self.json(run)).map { $0[0] }.contains("states/archive/old.json"))
            #expect(run.stderr == "vpcelint: --exclude *.backup: matches no file or folder of the inputs\n")
            let named = try Binary.run(
                ["check", "--exclude", "*/old.json", "states/archive/old.json", "states"], in: directory)
            #expect(named.status == 2)
            #expect(named.stdout.isEmpty)
            #expect(
                named.stderr.contains(
                    "--exclude */old.json: leaves out states/archive/old.json, which is named as an input"))
            let folder = try Binary.run(["check", "--exclude", "states", "states/"], in: directory)
            #expect(folder.status == 2)
            #expect(folder.stderr.contains("--exclude states: leaves out states/, which is named as an input"))
            // trace and consolidate share the flag.
            let consolidate = try Binary.run(
                ["consolidate", "--format", "json", "--exclude", "states/archive", "states"], in: directory)
            #expect(consolidate.status == 0, "\(consolidate.stderr)")
            #expect(consolidate.stderr.isEmpty, "\(consolidate.stderr)")
        }
    }

    @Test("exclude: in the configuration file is relative to the file's directory")
    func excludeInConfiguration() throws {
        var files = try Self.bucket()
        files["states/archive/old.json"] = try Self.state("prd")
        files["repo/.git/HEAD"] = "ref: refs/heads/main\n"
        files["repo/.vpcelint.yml"] = "exclude:\n  - ../states/archive\n  - nothing/*\n"
        files["repo/sub/.keep"] = ""
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", "../../states"], in: directory + "/repo/sub")
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(Self.inputs(report).count == 3)
            #expect(report["configuration"] as? String == "../.vpcelint.yml")
            #expect(
                run.stderr
                    == "vpcelint: ../.vpcelint.yml:2:3: exclude nothing/*: matches no file or folder of the inputs\n")
        }
    }

    @Test("a hostile file name reaches stderr escaped")
    func hostileNameIsEscaped() throws {
        var files = try Self.bucket()
        files["states/\u{1B}]0;pwned\u{07}\nvpcelint: forged.json"] = #"{"owner":"x"}"#
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", "states"], in: directory)
            #expect(run.status != 2, "\(run.stderr)")
            #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(Self.skipped(try Self.json(run)).count == 1)
        }
    }

    @Test("every report names the configuration file: SARIF, JUnit, Markdown, trace and consolidate")
    func configurationInEveryReport() throws {
        var files = try Self.bucket()
        files["cfg/vpcelint.yml"] = "hours_per_month: 700\n"
        try withTemporaryDirectory(files) { directory in
            let config = ["--config", "cfg/vpcelint.yml"]
            let sarif = try Binary.run(["check", "--format", "sarif"] + config + ["states"], in: directory)
            let sarifJSON = try Self.json(sarif)
            let run = try #require((sarifJSON["runs"] as? [[String: Any]])?.first)
            #expect((run["properties"] as? [String: Any])?["configuration"] as? String == "cfg/vpcelint.yml")
            let junit = try Binary.run(["check", "--format", "junit"] + config + ["states"], in: directory)
            #expect(junit.stdout.contains("<property name=\"configuration\" value=\"cfg/vpcelint.yml\"/>"))
            let markdown = try Binary.run(["check", "--format", "markdown"] + config + ["states"], in: directory)
            #expect(markdown.stdout.contains("Configuration: `cfg/vpcelint.yml`."))
            let github = try Binary.run(["check", "--format", "github"] + config + ["states"], in: directory)
            #expect(github.stdout.hasSuffix("; configuration: cfg/vpcelint.yml\n"))
            let none = try Binary.run(["check", "--format", "markdown", "states"], in: directory)
            #expect(none.stdout.contains("Configuration: none."))
            let trace = ["trace", "--from", "prd", "--service", "ecr.dkr"] + config + ["states"]
            let traceText = try Binary.run(trace, in: directory)
            #expect(traceText.stdout.hasSuffix("configuration: cfg/vpcelint.yml\n"), "\(traceText.stderr)")
            let traceJSON = try Self.json(try Binary.run(trace + ["--format", "json"], in: directory))
            #expect(traceJSON["configuration"] as? String == "cfg/vpcelint.yml")
            let consolidateText = try Binary.run(["consolidate"] + config + ["states"], in: directory)
            #expect(consolidateText.stdout.hasSuffix("configuration: cfg/vpcelint.yml\n"))
            let consolidateJSON = try Self.json(
                try Binary.run(["consolidate", "--format", "json", "states"], in: directory))
            #expect(consolidateJSON["configuration"] is NSNull)
        }
    }
}

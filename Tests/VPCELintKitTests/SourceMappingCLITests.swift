import Foundation
import TestSupport
import Testing

/// `--source` and `source:` through the real binary, on a fixture scenario made by real Terraform
/// (hub-spoke-broken-hub-plan: root modules that call `../../modules/hub` and `../../modules/spoke`).
@Suite("vpcelint --source", .serialized)
struct SourceMappingCLITests {
    static let scenario = "fixtures/hub-spoke-broken-hub-plan"

    /// The 1-based line of `resource "TYPE" "NAME" {` in a file, found by plain text search (not by the scanner).
    static func line(of header: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: Repository.path(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.hasPrefix(header + " {") }) + 1
    }

    /// SARIF results as (ruleId, address, physicalLocation).
    static func results(_ file: String) throws -> [(rule: String, address: String, physical: [String: Any])] {
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return try #require(run["results"] as? [[String: Any]]).map { result in
            let location = (result["locations"] as? [[String: Any]])?.first
            let logical = (location?["logicalLocations"] as? [[String: Any]])?.first
            return (
                result["ruleId"] as? String ?? "", logical?["fullyQualifiedName"] as? String ?? "",
                location?["physicalLocation"] as? [String: Any] ?? [:]
            )
        }
    }

    static func runProperties(_ file: String) throws -> (bases: [String: Any], notices: [String]) {
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        let run = try #require((log?["runs"] as? [[String: Any]])?.first)
        let notices = (run["properties"] as? [String: Any])?["notices"] as? [String] ?? []
        return (run["originalUriBaseIds"] as? [String: Any] ?? [:], notices)
    }

    @Test(
        "SARIF and github point at the resource line of the module's .tf file, relative to %SRCROOT%, for relative or absolute paths",
        arguments: [false, true])
    func mapped(absolute: Bool) throws {
        try withTemporaryDirectory { directory in
            let given = { (path: String) in absolute ? Repository.path(path) : path }
            let run = try Binary.run(
                [
                    "check", "--format", "github", "--fail-on", "never", "--output", "sarif=\(directory)/r.sarif",
                    "--output", "json=\(directory)/r.json", "--source", given(Self.scenario), given(Self.scenario),
                ], in: Repository.root.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            #expect(try schemaError("json", directory + "/r.json") == nil)
            let results = try Self.results(directory + "/r.sarif")
            #expect(results.count == 6)
            let routeLine = try Self.line(
                of: #"resource "aws_route_table" "private""#, in: "fixtures/modules/hub/main.tf")
            let endpointLine = try Self.line(
                of: #"resource "aws_vpc_endpoint" "interface""#, in: "fixtures/modules/spoke/main.tf")
            let expected: [String: (String, Int)] = [
                "module.hub.aws_route_table.private": ("fixtures/modules/hub/main.tf", routeLine),
                #"module.spoke.aws_vpc_endpoint.interface["logs"]"#: ("fixtures/modules/spoke/main.tf", endpointLine),
            ]
            for (address, (file, line)) in expected {
                let physical = try #require(results.first { $0.address == address }?.physical)
                let artifact = physical["artifactLocation"] as? [String: String]
                #expect(artifact == ["uri": file, "uriBaseId": "%SRCROOT%"], "\(address)")
                #expect((physical["region"] as? [String: Int])?["startLine"] == line, "\(address)")
                #expect(run.stdout.contains("file=\(file),line=\(line),title="), "\(run.stdout)")
            }
            for result in results {
                let artifact = result.physical["artifactLocation"] as? [String: String]
                #expect(artifact?["uri"]?.hasSuffix(".tf") == true, "every finding is mapped: \(result.address)")
            }
            let bases = try Self.runProperties(directory + "/r.sarif").bases
            let root = (bases["%SRCROOT%"] as? [String: Any])?["uri"] as? String
            #expect(root == "file://" + Repository.root.standardizedFileURL.path + "/")
            let json = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory + "/r.json")))
            let findings = try #require((json as? [String: Any])?["findings"] as? [[String: Any]])
            let route = try #require(
                findings.first { $0["address"] as? String == "module.hub.aws_route_table.private" })
            let source = route["source_location"] as? [String: Any]
            #expect(source?["line"] as? Int == routeLine)
            #expect((source?["file"] as? String)?.hasSuffix("fixtures/modules/hub/main.tf") == true)
            #expect(route["path"] as? String == given(Self.scenario) + "/shared.plan.json", "path stays the input")
        }
    }

    @Test("without --source, SARIF points at the input JSON at line 1, relative to %SRCROOT%")
    func unmappedByDefault() throws {
        try withTemporaryDirectory { directory in
            let run = try Binary.run(
                [
                    "check", "--format", "sarif", "--fail-on", "never", "--output", directory + "/r.sarif",
                    Self.scenario,
                ],
                in: Repository.root.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            for result in try Self.results(directory + "/r.sarif") {
                let artifact = result.physical["artifactLocation"] as? [String: String]
                #expect(artifact?["uri"]?.hasPrefix(Self.scenario + "/") == true)
                #expect(artifact?["uri"]?.hasSuffix(".json") == true)
                #expect(artifact?["uriBaseId"] == "%SRCROOT%")
                #expect((result.physical["region"] as? [String: Int])?["startLine"] == 1)
            }
        }
    }

    /// A copy of the scenario's Terraform and JSON under `directory` (a repository: it has `.git`), with the hub
    /// module call's source replaced by `hubSource`.
    static func copyScenario(to directory: String, hubSource: String = "../../modules/hub") throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/.git", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory + "/fixtures", withIntermediateDirectories: true)
        try manager.copyItem(atPath: Repository.path(Self.scenario), toPath: directory + "/" + Self.scenario)
        try manager.copyItem(atPath: Repository.path("fixtures/modules"), toPath: directory + "/fixtures/modules")
        let shared = directory + "/" + Self.scenario + "/shared/main.tf"
        let text = try String(contentsOfFile: shared, encoding: .utf8)
        try text.replacingOccurrences(of: "\"../../modules/hub\"", with: "\"\(hubSource)\"")
            .write(toFile: shared, atomically: false, encoding: .utf8)
    }

    @Test("source: in the configuration file is relative to the file's directory; run from a subdirectory")
    func configurationFile() throws {
        try withTemporaryDirectory { directory in
            try Self.copyScenario(to: directory)
            let configuration = directory + "/" + Self.scenario + "/ci/.vpcelint.yml"
            try FileManager.default.createDirectory(
                atPath: (configuration as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "source: [\"stg=../stg\", \"..\"]\n".write(toFile: configuration, atomically: false, encoding: .utf8)
            let run = try Binary.run(
                [
                    "check", "--format", "github", "--fail-on", "never", "--config",
                    "hub-spoke-broken-hub-plan/ci/.vpcelint.yml", "hub-spoke-broken-hub-plan",
                ], in: directory + "/fixtures")
            #expect(run.status == 0, "\(run.stderr)")
            let line = try Self.line(of: #"resource "aws_route_table" "private""#, in: "fixtures/modules/hub/main.tf")
            #expect(run.stdout.contains("::error file=fixtures/modules/hub/main.tf,line=\(line),"), "\(run.stdout)")
        }
    }

    @Test("a registry module call keeps its findings on the input JSON and says so once, with a count")
    func remoteModule() throws {
        try withTemporaryDirectory { directory in
            try Self.copyScenario(to: directory, hubSource: "terraform-aws-modules/hub/aws")
            let run = try Binary.run(
                [
                    "check", "--format", "sarif", "--fail-on", "never", "--output", "r.sarif", "--source",
                    Self.scenario, Self.scenario,
                ], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            let results = try Self.results(directory + "/r.sarif")
            let hub = results.filter { $0.address.hasPrefix("module.hub.") }
            #expect(hub.count == 4)
            for result in hub {
                let artifact = result.physical["artifactLocation"] as? [String: String]
                #expect(artifact == ["uri": Self.scenario + "/shared.plan.json", "uriBaseId": "%SRCROOT%"])
            }
            let spoke = try #require(results.first { $0.address.hasPrefix("module.spoke.") })
            #expect(
                (spoke.physical["artifactLocation"] as? [String: String])?["uri"] == "fixtures/modules/spoke/main.tf")
            let notices = try Self.runProperties(directory + "/r.sarif").notices.filter { $0.hasPrefix("--source") }
            #expect(
                notices == [
                    "--source: 4 of 6 finding(s) in module.hub point at the input JSON instead of the Terraform "
                        + "source: its source `terraform-aws-modules/hub/aws` is not a local path (./ or ../), so its "
                        + "files are not at hand"
                ])
        }
    }

    @Test(
        "a --source that does not exist or serves no environment is exit 2 for every command, before any report",
        arguments: [
            (["check"], "--source nowhere: no such directory"),
            (["trace", "--from", "dev", "--service", "ssm"], "--source nowhere: no such directory"),
            (["consolidate"], "--source nowhere: no such directory"),
        ])
    func missingDirectory(_ command: [String], _ message: String) throws {
        let run = try Binary.run(command + ["--source", "nowhere", Self.scenario], in: Repository.root.path)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("ENV=DIR naming no environment of the inputs, or two plain DIRs one of which serves none, is exit 2")
    func unmatched() throws {
        let named = try Binary.run(
            ["check", "--source", "qa=\(Self.scenario)/dev", Self.scenario], in: Repository.root.path)
        #expect(named.status == 2)
        #expect(named.stderr.contains("no input has the environment `qa`"), "\(named.stderr)")
        let plain = try Binary.run(
            ["check", "--source", "fixtures/modules", "--source", "\(Self.scenario)/dev", Self.scenario],
            in: Repository.root.path)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("--source fixtures/modules: serves no environment"), "\(plain.stderr)")
    }

    @Test("a hostile .tf directory name cannot forge an annotation or break the SARIF URI")
    func hostileNames() throws {
        try withTemporaryDirectory { directory in
            let hostile = "tf\n::error file=forged,line=1::x%0A\u{1B}[2J"
            try Self.copyScenario(to: directory)
            let modules = directory + "/fixtures/modules"
            try FileManager.default.moveItem(atPath: modules + "/hub", toPath: modules + "/" + hostile)
            let shared = directory + "/" + Self.scenario + "/shared/main.tf"
            let text = try String(contentsOfFile: shared, encoding: .utf8)
            let escapedName = hostile.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(
                of: "\u{1B}", with: "\\u001b")
            try text.replacingOccurrences(of: "../../modules/hub", with: "../../modules/" + escapedName)
                .write(toFile: shared, atomically: false, encoding: .utf8)
            let run = try Binary.run(
                [
                    "check", "--format", "github", "--fail-on", "never", "--output", "sarif=r.sarif", "--source",
                    Self.scenario, Self.scenario,
                ], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}"))
            for line in run.stdout.split(separator: "\n") {
                #expect(!line.hasPrefix("::error file=forged"), "\(line)")
            }
            #expect(
                run.stdout.contains("file=fixtures/modules/tf%0A%3A%3Aerror file=forged%2Cline=1%3A%3Ax%250A"),
                "\(run.stdout)")
            #expect(try schemaError("sarif", directory + "/r.sarif") == nil)
            let uris = try Self.results(directory + "/r.sarif").compactMap {
                ($0.physical["artifactLocation"] as? [String: String])?["uri"]
            }
            #expect(
                uris.contains(
                    "fixtures/modules/tf%0A%3A%3Aerror%20file%3Dforged%2Cline%3D1%3A%3Ax%250A%1B%5B2J/main.tf"))
        }
    }
}

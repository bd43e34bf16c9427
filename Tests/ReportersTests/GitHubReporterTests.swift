import LintCore
import Reporters
import Testing

/// A parser for the workflow-command lines the runner reads (actions/runner ActionCommand.TryParseV2):
/// `::NAME[ KEY=VALUE[,KEY=VALUE]...]::DATA`, properties split at `,` and `=`, values and data unescaped.
struct WorkflowCommandLine: Equatable {
    var name: String
    var properties: [String: String]
    var data: String

    init?(_ line: Substring) {
        guard line.hasPrefix("::") else { return nil }
        let rest = line.dropFirst(2)
        guard let end = rest.range(of: "::") else { return nil }
        let head = rest[..<end.lowerBound]
        data = Self.unescape(String(rest[end.upperBound...]), property: false)
        let space = head.firstIndex(of: " ")
        name = String(head[..<(space ?? head.endIndex)])
        properties = [:]
        if let space {
            for pair in head[head.index(after: space)...].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { return nil }
                properties[String(parts[0])] = Self.unescape(String(parts[1]), property: true)
            }
        }
    }

    static func unescape(_ text: String, property: Bool) -> String {
        var text = text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
        if property {
            text = text.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
        }
        return text.replacingOccurrences(of: "%25", with: "%")
    }
}

@Suite("GitHub workflow-command reporter")
struct GitHubReporterTests {
    private func commands(_ report: String) -> [Substring] {
        report.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    @Test("every line is one ::error, ::warning or ::notice command; findings, unknowns, then the summary")
    func syntax() throws {
        let report = GitHubReporter.report(Canned.result)
        #expect(report.hasSuffix("\n"))
        let lines = commands(report)
        #expect(lines.count == Canned.findings.count + Canned.unknowns.count + 1)
        for line in lines {
            #expect(["::error ", "::warning ", "::notice "].contains { line.hasPrefix($0) }, "\(line)")
            #expect(!line.contains("\r"))
            let command = try #require(WorkflowCommandLine(line))
            #expect(command.properties.keys.allSatisfy { ["file", "title"].contains($0) })
        }
        let parsed = lines.compactMap(WorkflowCommandLine.init)
        #expect(parsed.map(\.name) == ["warning", "error", "notice", "notice", "notice"])
        #expect(parsed[0].properties["file"] == "states/stg.show.json")
        #expect(parsed[0].properties["title"]?.contains("aws_vpc_endpoint.interface[\"ssm\"]") == true)
        #expect(parsed[0].data.contains("\nsaves: JPY 1,533/month"))
        #expect(parsed.last?.data.contains("Rules/data/prices.json") == true)
    }

    @Test("hostile input: no second command, properties and data round-trip")
    func hostile() throws {
        let lines = commands(GitHubReporter.report(Hostile.result))
        #expect(lines.count == 3)
        for line in lines {
            #expect(["::error ", "::warning ", "::notice "].contains { line.hasPrefix($0) }, "\(line)")
            #expect(!line.contains("\u{1B}"))
        }
        let first = try #require(WorkflowCommandLine(lines[0]))
        #expect(first.name == "error")
        #expect(first.properties.count == 2)
        #expect(first.properties["file"] == Hostile.path)
        #expect(first.properties["title"]?.contains(Hostile.address) == true)
        #expect(first.properties["title"]?.contains(Hostile.environment) == true)
        #expect(first.data.contains(Hostile.address))
        let second = try #require(WorkflowCommandLine(lines[1]))
        #expect(second.name == "notice")
        #expect(second.data.hasPrefix("unknown\n::error::forged"))
    }
}

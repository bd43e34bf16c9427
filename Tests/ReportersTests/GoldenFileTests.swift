import Foundation
import Reporters
import Testing

/// Every format rendered from ``Canned/result`` equals its golden file
/// `Resources/Canned<Format>Output.<ext>`. `VPCELINT_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests`
/// rewrites them; a normal run only compares.
@Suite("Golden reports")
struct GoldenFileTests {
    static func fileName(_ format: OutputFormat) -> String {
        switch format {
        case .text: return "CannedTextOutput.txt"
        case .json: return "CannedJSONOutput.json"
        case .sarif: return "CannedSARIFOutput.sarif"
        case .junit: return "CannedJUnitOutput.xml"
        case .markdown: return "CannedMarkdownOutput.md"
        case .github: return "CannedGitHubOutput.txt"
        }
    }

    @Test("the report equals its golden file", arguments: OutputFormat.allCases)
    func golden(_ format: OutputFormat) throws {
        let report = format.reporter.report(Canned.result)
        let url = Support.resources.appendingPathComponent(Self.fileName(format))
        if ProcessInfo.processInfo.environment["VPCELINT_UPDATE_GOLDEN"] == "1" {
            try report.write(to: url, atomically: false, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            report == expected,
            "\(url.lastPathComponent) is out of date; run VPCELINT_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests")
    }

    @Test("reports are deterministic", arguments: OutputFormat.allCases)
    func deterministic(_ format: OutputFormat) {
        #expect(format.reporter.report(Canned.result) == format.reporter.report(Canned.result))
    }

    @Test("every report states the price table's date and source", arguments: OutputFormat.allCases)
    func priceTable(_ format: OutputFormat) {
        let report = format.reporter.report(Canned.result)
        #expect(report.contains(Canned.result.pricing.table.updatedAt))
        #expect(report.contains("Rules/data/prices.json"))
    }
}

import LintCore
import Reporters
import Testing

/// Amounts past Int64 (an exchange rate of 1e300) used to trap in the money formatter; found by hand while
/// fuzzing the pipeline's inputs.
@Suite("huge amounts")
struct HugeAmountTests {
    @Test(arguments: OutputFormat.allCases)
    func everyFormatPrintsAHugeAmount(_ format: OutputFormat) {
        var result = Canned.result
        result.pricing = Pricing(currency: "EUR", exchangeRate: 1e300)
        let report = format.reporter.report(result)
        #expect(!report.isEmpty)
        if format == .text { #expect(report.contains("e+")) }
    }
}

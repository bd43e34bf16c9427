import LintCore
import Reporters
import Testing

/// `--quiet`: the text report holds the findings and the unknowns and nothing else.
@Suite("Quiet text report")
struct QuietTextTests {
    @Test("quiet is the full report's findings and unknowns, as they are there, and nothing else")
    func quietIsTheFindingsAndUnknowns() {
        let full = TextReporter.report(Canned.result, colour: false)
        let quiet = TextReporter.report(Canned.result, colour: false, quiet: true)
        #expect(full.contains("\n\n" + quiet + "\nMonthly interface endpoint cost"))
        #expect(quiet.hasPrefix("shared\n"))
        #expect(quiet.contains("Unknown (the inputs do not decide these checks; each says why): 1\n"))
        for dropped in ["vpcelint 0.1.0", "configuration:", "Topology", "Monthly", "No findings."] {
            #expect(!quiet.contains(dropped), "\(dropped)")
        }
    }

    @Test("quiet with colour colours the findings as the full report does")
    func quietColours() {
        let full = TextReporter.report(Canned.result, colour: true)
        let quiet = TextReporter.report(Canned.result, colour: true, quiet: true)
        #expect(quiet.contains("\u{1B}["))
        #expect(full.contains(quiet))
    }
}

import Foundation
import TestSupport
import Testing

/// `--quiet`, `--color auto|always|never` and `--no-color` on `check`, through the real binary, whose standard
/// output is a file here (never a terminal) and which runs with NO_COLOR set (issue 14).
@Suite("--quiet and --color through the binary", .serialized)
struct QuietColourCLITests {
    static let broken = Repository.path("fixtures/hub-spoke-broken")
    static let escape = "\u{1B}["

    @Test("--color always colours the text report in a pipe, even with NO_COLOR set")
    func alwaysColours() throws {
        let run = try Binary.run(["check", "--color", "always", Self.broken])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains(Self.escape))
        #expect(run.stdout.contains("\u{1B}[1mVPCE002\u{1B}[0m"))
    }

    @Test(
        "--no-color, --color never and --color auto in a pipe give no SGR codes",
        arguments: [
            ["--no-color"], ["--color", "never"], ["--color", "auto"], [], ["--color", "always", "--no-color"],
        ])
    func noColour(flags: [String]) throws {
        let run = try Binary.run(["check"] + flags + [Self.broken])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("VPCE002"))
        #expect(!run.stdout.contains(Self.escape))
    }

    @Test("--color takes only auto, always or never")
    func badColourIsAUsageError() throws {
        let run = try Binary.run(["check", "--color", "blue", Self.broken])
        #expect(run.status != 0 && run.status != 1)
        #expect(run.stderr.contains("'auto', 'always' or 'never'"))
        #expect(run.stdout.isEmpty)
    }

    @Test("--quiet keeps the findings and unknowns and the exit status, and drops the summary")
    func quietDropsTheSummary() throws {
        let full = try Binary.run(["check", Self.broken])
        let quiet = try Binary.run(["check", "--quiet", Self.broken])
        #expect(quiet.status == full.status)
        #expect(quiet.status == 1)
        #expect(full.stdout.contains("Monthly interface endpoint cost"))
        for dropped in ["vpcelint 0.1.0", "configuration:", "Topology", "Monthly interface endpoint cost", "total"] {
            #expect(!quiet.stdout.contains(dropped), "\(dropped)")
        }
        #expect(quiet.stdout.contains("error   VPCE002 missing-reverse-route"))
        #expect(!quiet.stdout.hasPrefix("\n"))
        // Every finding line of the full report is in the quiet one, in the same order.
        let findingLines = full.stdout.split(separator: "\n").filter {
            $0.hasPrefix("  error ") || $0.hasPrefix("  warning ")
        }
        #expect(!findingLines.isEmpty)
        #expect(quiet.stdout.split(separator: "\n").filter { findingLines.contains($0) } == findingLines)
    }

    @Test("--quiet with no finding prints nothing and exits 0")
    func quietAndClean() throws {
        let run = try Binary.run(["check", "--quiet", Repository.path("fixtures/hub-spoke-ok")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("--quiet leaves the other formats unchanged")
    func quietLeavesOtherFormats() throws {
        for format in ["json", "sarif", "markdown"] {
            let full = try Binary.run(["check", "--format", format, Self.broken])
            let quiet = try Binary.run(["check", "--format", format, "--quiet", Self.broken])
            #expect(quiet.stdout == full.stdout, "\(format)")
            #expect(quiet.status == full.status)
        }
    }
}

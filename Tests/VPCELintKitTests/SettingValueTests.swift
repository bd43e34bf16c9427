import Foundation
import TestSupport
import Testing

/// Issue 12, class 6: numbers, codes and dates are checked where they enter, the message naming the flag or
/// the configuration file's FILE:LINE:COLUMN, through the real binary.
@Suite("Setting values checked where they enter", .serialized)
struct SettingValueTests {
    /// Arguments before the input, or a `.vpcelint.yml`, and the one stderr line expected.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String] = []
        var config: String?
        var message: String
        var testDescription: String { config.map { "config: \($0)" } ?? arguments.joined(separator: " ") }
    }

    static let refused: [Case] =
        [
            Case(
                arguments: ["--currency", "JPY", "--exchange-rate", "1e308"],
                message:
                    "--exchange-rate 1e+308 is not an exchange rate: expected a number of JPY per USD above 0 and at"),
            Case(arguments: ["--currency", "JPY", "--exchange-rate", "-1"], message: "--exchange-rate -1.0 is not an"),
            Case(arguments: ["--currency", "JPY", "--exchange-rate=-1"], message: "--exchange-rate -1.0 is not an"),
            Case(arguments: ["--currency", "JPY", "--exchange-rate", "nan"], message: "--exchange-rate nan is not an"),
            Case(arguments: ["--fail-on-waste", "-5"], message: "--fail-on-waste -5.0: expected an amount"),
            Case(arguments: ["--fail-on-waste=-5"], message: "--fail-on-waste -5.0: expected an amount"),
            Case(
                arguments: ["--hours-per-month", "-730"], message: "--hours-per-month -730.0 is outside 0 < N <= 744"),
            Case(
                arguments: ["--currency", "XYZ", "--exchange-rate", "2"],
                message: "--currency 'XYZ' is not an ISO 4217 currency code"),
            Case(
                config: "currency: JPY\nexchange_rate: 1e308\n",
                message: ".vpcelint.yml:2:16: exchange_rate: 1e+308 is not an exchange rate"),
            Case(
                config: "currency: JPY\nexchange_rate: .nan\n", message: ".vpcelint.yml:2:16: exchange_rate: nan is not"
            ),
            Case(config: "hours_per_month: 1e400\n", message: ".vpcelint.yml:1:18: hours_per_month: inf is outside"),
            Case(config: "currency: XYZ\n", message: ".vpcelint.yml:1:11: currency: 'XYZ' is not an ISO 4217 currency"),
            Case(
                config: "currency: !!binary aGVsbG8=\n",
                message: ".vpcelint.yml:1:11: currency: expected a string, got a value tagged !!binary `aGVsbG8=`"),
            Case(
                config: "environments:\n  by_tag: Enviroment\n",
                message: ".vpcelint.yml:2:11: environments.by_tag: no VPC of the inputs has the tag `Enviroment`"),
            Case(
                config: "environments:\n  files:\n    \"*.json\": dev\n    by_tag: Env\n",
                message: ".vpcelint.yml:4:5: environments.files: `by_tag` (Env) matches no input"),
        ]
        + ["2027-02-30", "2026-04-31", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-05"].map { date in
            Case(
                config: "ignore:\n  - {rule: VPCE001, address: x, reason: r, until: \(date)}\n",
                message: ".vpcelint.yml:2:51: ignore[0].until: `\(date)` is not a date YYYY-MM-DD of the calendar")
        }

    @Test("refused with one line naming the flag or FILE:LINE:COLUMN", arguments: refused)
    func refusedValue(_ value: Case) throws {
        let files = ["dev.json": Support.validState].merging(value.config.map { [".vpcelint.yml": $0] } ?? [:]) { $1 }
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check"] + value.arguments + ["dev.json"], in: directory)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("vpcelint: error: " + value.message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }

    static let accepted: [Case] = [
        Case(arguments: ["--currency", "IRR", "--exchange-rate", "10000000"], message: "IRR"),
        Case(arguments: ["--currency", "eur", "--exchange-rate=0.9"], message: "EUR"),
        Case(config: "ignore:\n  - {rule: VPCE001, address: x, reason: r, until: 2028-02-29}\n", message: "USD"),
        Case(config: "ignore:\n  - {rule: VPCE001, address: x, reason: r, until: 2000-02-29}\n", message: "USD"),
        Case(config: "currency: XCG\nexchange_rate: 1.79\nhours_per_month: 744\n", message: "XCG"),
        Case(config: "environments:\n  by_tag: Env\n", message: "USD"),
    ]

    @Test("the bounds themselves, leap days, current codes and a tag the VPCs carry are accepted", arguments: accepted)
    func acceptedValue(_ value: Case) throws {
        let tagged = Support.validState.replacingOccurrences(
            of: #""id":"vpc-1","#, with: #""id":"vpc-1","tags":{"Env":"dev"},"#)
        let files = ["dev.json": tagged].merging(value.config.map { [".vpcelint.yml": $0] } ?? [:]) { $1 }
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json"] + value.arguments + ["dev.json"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("\"currency\": \"\(value.message)\""), "\(run.stdout.prefix(300))")
        }
    }
}

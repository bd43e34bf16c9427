import LintCore

/// Text from the inputs made safe for a terminal: a Terraform address or tag can hold escape sequences that
/// would recolour, retitle or rewrite the user's terminal (CVE-2021-25743 class).
enum TerminalText {
    /// Drops C0 and C1 control characters, DEL and bidirectional overrides (Trojan Source, CVE-2021-42574);
    /// tabs and line breaks become a space so one finding stays on its lines.
    static func sanitize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: output.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: continue
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}

/// ANSI styles, or nothing when colour is off.
struct Style {
    var enabled: Bool

    func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }

    func severity(_ name: String, _ text: String) -> String {
        switch name {
        case "error": return apply("1;31", text)
        case "warning": return apply("1;33", text)
        default: return apply("1;36", text)
        }
    }
}

/// Amounts in the report currency, formatted the same on every machine (no locale).
enum MoneyText {
    /// ISO 4217 currencies without minor units that a report is likely to use.
    private static let wholeUnitCurrencies: Set<String> = ["JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD"]

    /// `USD 1,234.56`, `JPY 36,288`.
    static func format(_ money: Money) -> String {
        money.currency + " " + amount(money)
    }

    /// `1,234.56`, `36,288`: the amount alone, in its currency's minor unit.
    static func amount(_ money: Money) -> String {
        amount(money.amount, currency: money.currency)
    }

    /// `1,234.56` with thousands separators, rounded to the currency's minor unit.
    static func amount(_ value: Double, currency: String) -> String {
        let digits = wholeUnitCurrencies.contains(currency) ? 0 : 2
        let scale = digits == 0 ? 1.0 : 100.0
        // Past Int64 (e.g. `--exchange-rate 1e300`) the conversion below would trap: print the double as is.
        guard value.isFinite, abs(value) * scale < 9e18 else { return String(value) }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        var text = grouped(whole)
        if digits > 0 {
            let cents = scaled % 100
            text += "." + (cents < 10 ? "0" : "") + String(cents)
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value))
        var output = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { output += "," }
            output.append(digit)
        }
        return output
    }
}

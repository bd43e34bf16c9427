import LintCore

/// Text from the inputs made safe for a human stream (a terminal, a CI log, stderr): a Terraform address, tag
/// or file name can hold escape sequences that would recolour, retitle or rewrite the user's terminal
/// (CVE-2021-25743 class), a line break that forges a CI workflow command (`\n::error::`), or bidirectional
/// overrides that show text in another order (Trojan Source, CVE-2021-42574).
public enum TerminalText {
    /// Escapes, visibly, every character that could act on a terminal or a log rather than show: C0 controls
    /// (NUL, ESC, tab, CR and LF included), DEL, C1 controls, U+2028/U+2029, and the bidirectional controls
    /// (U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069). The notation is Python's `repr`: `\n`, `\r`,
    /// `\t`, `\x1b`, `\u202e`. A backslash is doubled where it would otherwise read as the start of such an
    /// escape (`\x`, `\u`, `\n`, `\r`, `\t`, `\\`), so two different texts never print the same, while an
    /// address such as `x["a\"b"]` prints as it is. The result is one line.
    public static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if let escaped = escaped(scalar) {
                output.append(contentsOf: escaped.unicodeScalars)
                continue
            }
            output.append(scalar)
            if scalar == "\\", index + 1 < scalars.count, startsEscape(scalars[index + 1]) { output.append("\\") }
        }
        return String(output)
    }

    /// Whether `scalar` is one ``escape(_:)`` writes as an escape.
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        escaped(scalar) != nil
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00...0x1F, 0x7F...0x9F: return "\\x" + hex(scalar.value, digits: 2)
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            return "\\u" + hex(scalar.value, digits: 4)
        default: return nil
        }
    }

    /// A backslash before one of these would read as an escape, so it is doubled.
    private static func startsEscape(_ next: Unicode.Scalar) -> Bool {
        ["\\", "x", "u", "n", "r", "t"].contains(next) || escaped(next) != nil
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
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

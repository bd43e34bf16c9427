/// A JSON value whose object keys keep the order they were written in, so reports are byte-for-byte stable.
package enum JSONNode {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    /// Written with the shortest text that reads back as the same Double; integral values without `.0`.
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null

    /// Money: rounded to cents.
    package static func money(_ value: Double) -> JSONNode {
        .number(roundedToCents(value))
    }

    package static func optionalString(_ value: String?) -> JSONNode {
        value.map(JSONNode.string) ?? .null
    }

    /// Pretty-printed with two-space indentation, no trailing newline.
    package func serialized() -> String {
        serialized(appending: "")
    }

    /// ``serialized()`` followed by `suffix` (a report's final newline), without copying the text again.
    package func serialized(appending suffix: StaticString) -> String {
        var output = JSONBytes()
        output.write(self, indent: 0)
        output.append(suffix)
        return output.text
    }

    /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and every control character escaped;
    /// DEL and U+2028/U+2029 too, so the text is also safe to paste into JavaScript or a terminal.
    package static func escape(_ value: String) -> String {
        var output = JSONBytes()
        output.appendEscaped(value)
        return output.text
    }

    /// JSON has no NaN or infinity: those become `null`.
    package static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// `value` rounded half away from zero to two decimals.
func roundedToCents(_ value: Double) -> Double {
    guard value.isFinite else { return value }
    return (value * 100).rounded() / 100
}

/// The bytes of a JSON text being written: appends of UTF-8 into one growing buffer, decoded into a `String`
/// once at the end (String appends cost a uniqueness check, a capacity check and often a copy each; a large
/// report makes millions of them).
struct JSONBytes {
    private(set) var bytes = [UInt8]()

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Two spaces per level.
    mutating func indent(_ level: Int) {
        var remaining = 2 * level
        while remaining > 0 {
            let count = min(remaining, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: $0[..<count]) }
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    mutating func write(_ node: JSONNode, indent level: Int) {
        switch node {
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            append("{\n")
            for (offset, (key, value)) in members.enumerated() {
                indent(level + 1)
                appendEscaped(key)
                append(": ")
                write(value, indent: level + 1)
                append(offset == members.count - 1 ? "\n" : ",\n")
            }
            indent(level)
            append("}")
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            append("[\n")
            for (offset, value) in elements.enumerated() {
                indent(level + 1)
                write(value, indent: level + 1)
                append(offset == elements.count - 1 ? "\n" : ",\n")
            }
            indent(level)
            append("]")
        case .string(let value): appendEscaped(value)
        case .number(let value): append(JSONNode.format(value))
        case .int(let value): append(String(value))
        case .bool(let value): append(value ? "true" : "false")
        case .null: append("null")
        }
    }

    /// `value` as a JSON string literal (``JSONNode/escape(_:)``).
    mutating func appendEscaped(_ value: String) {
        var value = value
        // Most strings need nothing escaped: no quote, backslash or control byte, and none of the lead bytes
        // 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2 (U+2028, U+2029, the bidi controls); the slow path copies
        // the other scalars of those leads as they are.
        let plain = value.withUTF8 { utf8 in
            guard !utf8.contains(where: Self.mayNeedEscape) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain { appendEscapedScalars(value) }
    }

    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
    }

    private mutating func appendEscapedScalars(_ value: String) {
        bytes.append(0x22)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case "\u{08}": append("\\b")
            case "\u{0C}": append("\\f")
            // Controls, U+2028/U+2029 and bidi controls as `\uXXXX`: the same string once parsed, and inert when
            // the report is shown in a terminal (what ``TerminalText`` escapes).
            case _ where TerminalText.isEscaped(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: false)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        bytes.append(0x22)
    }
}

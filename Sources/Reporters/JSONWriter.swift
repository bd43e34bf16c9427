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
    /// Written on one line whatever it holds: one record of a long list (a spoke with its links).
    indirect case line(JSONNode)

    /// Money: rounded to cents.
    package static func money(_ value: Double) -> JSONNode {
        .number(roundedToCents(value))
    }

    package static func optionalString(_ value: String?) -> JSONNode {
        value.map(JSONNode.string) ?? .null
    }

    /// Pretty-printed with two-space indentation, no trailing newline; a list of scalars (IDs, CIDRs), an
    /// object of at most ``flatMembers`` scalar members (a resource's origin, a VPC, an input) and a ``line``
    /// are written on one line, so a large report stays compact and each entry of a long list is one line,
    /// while a finding keeps a line per field.
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

extension JSONNode {
    /// The most members an object written on one line has.
    static let flatMembers = 7

    /// Written on one line: a scalar, a list of scalars, a small object of scalars and lists of scalars, or a
    /// ``line``.
    var isFlat: Bool {
        switch self {
        case .line: true
        case .object(let members):
            members.count <= Self.flatMembers && members.allSatisfy { $0.1.isScalar || $0.1.isScalarArray }
        case .array: isScalarArray
        default: true
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array, .line: false
        default: true
        }
    }

    private var isScalarArray: Bool {
        guard case .array(let elements) = self else { return false }
        return elements.allSatisfy(\.isScalar)
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

    /// `node` on one line: `, ` between elements, `: ` after keys.
    mutating func writeFlat(_ node: JSONNode) {
        switch node {
        case .object(let members):
            append("{")
            for (offset, (key, value)) in members.enumerated() {
                if offset > 0 { append(", ") }
                appendEscaped(key)
                append(": ")
                writeFlat(value)
            }
            append("}")
        case .array(let elements):
            append("[")
            for (offset, value) in elements.enumerated() {
                if offset > 0 { append(", ") }
                writeFlat(value)
            }
            append("]")
        case .line(let inner): writeFlat(inner)
        default: write(node, indent: 0)
        }
    }

    mutating func write(_ node: JSONNode, indent level: Int) {
        if !node.isScalar, node.isFlat { return writeFlat(node) }
        switch node {
        case .line(let inner): writeFlat(inner)
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
        value.withUTF8 { utf8 in
            bytes.append(0x22)
            // Most strings need nothing escaped: no quote, backslash or control byte, and none of the lead
            // bytes 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2 (U+2028, U+2029, the bidi controls).
            if utf8.contains(where: Self.mayNeedEscape) {
                appendEscapedBytes(utf8)
            } else {
                bytes.append(contentsOf: utf8)
            }
            bytes.append(0x22)
        }
    }

    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
    }

    /// Copies runs of bytes as they are and escapes, between them, quotes, backslashes, and every scalar
    /// ``TerminalText`` escapes (controls, DEL, C1 controls, U+061C, U+200E/U+200F, U+2028-U+202E,
    /// U+2066-U+2069) as `\uXXXX`. Reads the scalars from their UTF-8 bytes (a String's bytes are valid
    /// UTF-8): an address such as `x["a"]` has quotes, and reports hold many.
    private mutating func appendEscapedBytes(_ utf8: UnsafeBufferPointer<UInt8>) {
        var copied = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard Self.mayNeedEscape(byte) else {
                index += 1
                continue
            }
            let (width, escape) = Self.escape(at: index, in: utf8)
            if let escape {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                appendEscape(escape)
                copied = index + width
            }
            index += width
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
    }

    private enum Escape {
        case short(UInt8)
        case scalar(UInt32)
    }

    /// The scalar starting at `index` (one whose first byte ``mayNeedEscape(_:)``): its width in bytes and
    /// how it is written, nil when as it is.
    private static func escape(at index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (Int, Escape?) {
        let byte = utf8[index]
        func next(_ offset: Int) -> UInt8 { index + offset < utf8.count ? utf8[index + offset] : 0 }
        switch byte {
        case 0x22: return (1, .short(0x22))
        case 0x5C: return (1, .short(0x5C))
        case 0x0A: return (1, .short(UInt8(ascii: "n")))
        case 0x0D: return (1, .short(UInt8(ascii: "r")))
        case 0x09: return (1, .short(UInt8(ascii: "t")))
        case 0x08: return (1, .short(UInt8(ascii: "b")))
        case 0x0C: return (1, .short(UInt8(ascii: "f")))
        case 0x00..<0x20, 0x7F: return (1, .scalar(UInt32(byte)))
        case 0xC2:  // U+0080-U+00BF; U+0080-U+009F are the C1 controls
            return (2, (0x80...0x9F).contains(next(1)) ? .scalar(UInt32(next(1))) : nil)
        case 0xD8:  // U+0600-U+063F; U+061C is the Arabic letter mark
            return (2, next(1) == 0x9C ? .scalar(0x061C) : nil)
        default:  // 0xE2: U+2000-U+2FFF
            let scalar = 0x2000 | UInt32(next(1) & 0x3F) << 6 | UInt32(next(2) & 0x3F)
            switch scalar {
            case 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return (3, .scalar(scalar))
            default: return (3, nil)
            }
        }
    }

    private mutating func appendEscape(_ escape: Escape) {
        switch escape {
        case .short(let letter): bytes.append(contentsOf: [0x5C, letter])
        case .scalar(let scalar):
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
            for shift in stride(from: 12, through: 0, by: -4) {
                let digit = UInt8(scalar >> UInt32(shift) & 0xF)
                bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            }
        }
    }
}

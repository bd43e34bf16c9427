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

    /// Pretty-printed with two-space indentation, no trailing newline; a list of scalars (IDs, CIDRs) and an
    /// object of at most ``flatMembers`` scalar members (a resource's origin, a VPC, an input) are written on
    /// one line, so a large report stays compact and each entry of a long list is one line, while a finding
    /// keeps a line per field.
    package func serialized() -> String {
        var output = ""
        write(into: &output, indent: 0)
        return output
    }

    /// The most members an object written on one line has.
    static let flatMembers = 7

    /// Written on one line: a scalar, a list of scalars, or a small object of scalars and lists of scalars.
    private var isFlat: Bool {
        switch self {
        case .line: true
        case .object(let members):
            members.count <= Self.flatMembers && members.allSatisfy { $0.1.isScalar || $0.1.isScalarArray }
        case .array: isScalarArray
        default: true
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array, .line: false
        default: true
        }
    }

    private var isScalarArray: Bool {
        guard case .array(let elements) = self else { return false }
        return elements.allSatisfy(\.isScalar)
    }

    private func writeFlat(into output: inout String) {
        switch self {
        case .object(let members):
            output += "{"
            for (offset, (key, value)) in members.enumerated() {
                if offset > 0 { output += ", " }
                output += JSONNode.escape(key) + ": "
                value.writeFlat(into: &output)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (offset, value) in elements.enumerated() {
                if offset > 0 { output += ", " }
                value.writeFlat(into: &output)
            }
            output += "]"
        case .line(let node): node.writeFlat(into: &output)
        default: write(into: &output, indent: 0)
        }
    }

    private func write(into output: inout String, indent: Int) {
        if !isScalar, isFlat {
            writeFlat(into: &output)
            return
        }
        switch self {
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (offset, (key, value)) in members.enumerated() {
                output += String(repeating: "  ", count: indent + 1) + JSONNode.escape(key) + ": "
                value.write(into: &output, indent: indent + 1)
                output += offset == members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (offset, value) in elements.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                value.write(into: &output, indent: indent + 1)
                output += offset == elements.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .string(let value): output += JSONNode.escape(value)
        case .number(let value): output += JSONNode.format(value)
        case .int(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .line(let node): node.writeFlat(into: &output)
        }
    }

    /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and every control character escaped;
    /// DEL and U+2028/U+2029 too, so the text is also safe to paste into JavaScript or a terminal.
    package static func escape(_ value: String) -> String {
        // Most strings need nothing escaped: no quote, backslash or control byte, and none of the lead bytes
        // 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2 (U+2028, U+2029, the bidi controls); the slow path copies
        // the other scalars of those leads as they are.
        if !value.utf8.contains(where: {
            $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2
        }) {
            return "\"" + value + "\""
        }
        // Bytes, not String appends: a Terraform address with `["key"]` takes this path, and reports hold many.
        var output = [UInt8]()
        output.reserveCapacity(value.utf8.count + 16)
        output.append(0x22)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += [0x5C, 0x22]
            case "\\": output += [0x5C, 0x5C]
            case "\n": output += [0x5C, 0x6E]
            case "\r": output += [0x5C, 0x72]
            case "\t": output += [0x5C, 0x74]
            case "\u{08}": output += [0x5C, 0x62]
            case "\u{0C}": output += [0x5C, 0x66]
            // Controls, U+2028/U+2029 and bidi controls as `\uXXXX`: the same string once parsed, and inert when
            // the report is shown in a terminal (what ``TerminalText`` escapes).
            case _ where TerminalText.isEscaped(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: false)
                output += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                if scalar.isASCII {
                    output.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        output.append(0x22)
        return String(decoding: output, as: UTF8.self)
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

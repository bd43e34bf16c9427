/// The lexical pieces of ``TerraformScanner`` that skip text: comments, heredocs, escapes, identifiers.
extension TerraformScanner {
    /// `\uNNNN` or `\UNNNNNNNN` at `index`: the scalar and the escape's length; `nil` for anything else.
    func unicodeEscape() -> (Unicode.Scalar, Int)? {
        let digits: Int
        switch byte(at: 1) {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: return nil
        }
        guard index + 2 + digits <= bytes.count else { return nil }
        let hex = String(decoding: bytes[(index + 2)..<(index + 2 + digits)], as: UTF8.self)
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, 2 + digits)
    }

    static func unescaped(_ value: UInt8?) -> UInt8 {
        switch value {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case .some(let other): return other
        case nil: return UInt8(ascii: "\\")
        }
    }

    mutating func skipLineComment() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    mutating func skipBlockComment() {
        let startLine = line
        index += 2
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), byte(at: 1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        result.problem = "line \(startLine): unterminated comment /*"
    }

    /// `<<EOF` or `<<-EOF` then a line break starts a heredoc, which runs to the line holding only the marker
    /// (indented or not); anything else is an operator.
    mutating func heredocOrOther() {
        var cursor = index + 2
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        let markerStart = cursor
        while cursor < bytes.count, Self.isIdentifierPart(bytes[cursor]) { cursor += 1 }
        let marker = Array(bytes[markerStart..<cursor])
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\r") { cursor += 1 }
        guard !marker.isEmpty, Self.isIdentifierStart(marker[0]), cursor < bytes.count,
            bytes[cursor] == UInt8(ascii: "\n")
        else {
            index += 2
            token(.other)
            return
        }
        token(.other)
        let startLine = line
        index = cursor + 1
        line += 1
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let found = Self.trimmed(bytes[index..<end]).elementsEqual(marker)
            index = end
            if found { return }
            if index < bytes.count {
                index += 1
                line += 1
            }
        }
        result.problem = "line \(startLine): unterminated heredoc <<\(String(decoding: marker, as: UTF8.self))"
    }

    static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) })
        else { return [] }
        return text[first...last]
    }

    static func isIdentifierStart(_ value: UInt8) -> Bool {
        (value >= UInt8(ascii: "a") && value <= UInt8(ascii: "z"))
            || (value >= UInt8(ascii: "A") && value <= UInt8(ascii: "Z"))
            || value == UInt8(ascii: "_") || value >= 0x80
    }

    static func isIdentifierPart(_ value: UInt8) -> Bool {
        isIdentifierStart(value) || (value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9"))
            || value == UInt8(ascii: "-")
    }
}

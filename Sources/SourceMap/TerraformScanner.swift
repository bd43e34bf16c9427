/// A top-level block of a `.tf` file that a finding can point at or a module call can be followed through.
public struct TerraformBlock: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case resource, data, module
    }

    public var kind: Kind
    /// `TYPE NAME` for resources and data sources, `NAME` for a module call.
    public var labels: [String]
    /// 1-based line of the block's keyword.
    public var line: Int
    /// A module call's `source`: the literal string, `nil` when absent or not a plain literal.
    public var moduleSource: String?
}

/// What scanning one file gave: its blocks, and the one problem that stopped it early, if any.
public struct ScannedFile: Sendable {
    public var blocks: [TerraformBlock] = []
    /// e.g. `line 12: unterminated heredoc <<EOF`; blocks before it are kept.
    public var problem: String?
}

/// A small scanner of Terraform's native syntax, not an HCL parser: it finds the top-level `resource`,
/// `data` and `module` blocks with their lines and a module call's literal `source = "..."`, and skips
/// everything that could fake one: comments (`#`, `//`, `/* */`), quoted strings (escapes, `${...}` and
/// `%{...}` with strings nested inside), and heredocs (`<<EOF`, `<<-EOF`). One pass over the bytes, no
/// recursion: nesting is an explicit stack bounded by ``maximumNesting``, so a hostile file costs time linear
/// in its size and cannot exhaust the stack; an unterminated comment, string or heredoc ends the scan with a
/// problem. A UTF-8 byte order mark and CRLF line endings are accepted.
public struct TerraformScanner {
    /// Strings inside interpolations inside strings... deeper than this stop the scan.
    public static let maximumNesting = 64

    private enum Frame {
        /// Inside a quoted string.
        case template
        /// Inside `${` or `%{` of a string, with its own brace depth.
        case interpolation(braces: Int)
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var stack = [Frame]()
    /// Bracket depth of the top-level code (`{`, `[`, `(`).
    private var depth = 0
    /// Tokens of the current top-level line (depth 0) or, inside a module block, its current line (depth 1).
    private var lineTokens = [Token]()
    private var lineStart = 1
    /// The text of the top-level string being read; `nil` once it holds an interpolation.
    private var literal: [UInt8]? = []
    private var openModule: Int?
    private var result = ScannedFile()

    private enum Token: Equatable {
        case word(String)
        case string(String?)
        case equals
        case other
    }

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Scans `text` (UTF-8 bytes of one `.tf` file).
    public static func scan(_ bytes: [UInt8]) -> ScannedFile {
        var scanner = TerraformScanner(bytes)
        scanner.run()
        return scanner.result
    }

    private mutating func run() {
        while index < bytes.count, result.problem == nil {
            if case .template = stack.last {
                stringByte()
            } else {
                codeByte()
            }
        }
        if result.problem == nil, !stack.isEmpty { result.problem = "line \(line): unterminated string" }
    }

    private func byte(at offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private var atTopLevel: Bool { stack.isEmpty }

    private mutating func codeByte() {
        let current = bytes[index]
        switch current {
        case UInt8(ascii: "#"): skipLineComment()
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "/"): skipLineComment()
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "*"): skipBlockComment()
        case UInt8(ascii: "\""):
            index += 1
            if atTopLevel { literal = [] }
            push(.template)
        case UInt8(ascii: "<") where byte(at: 1) == UInt8(ascii: "<"): heredocOrOther()
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
            index += 1
            open(current)
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            index += 1
            close(current)
        case UInt8(ascii: "\n"):
            index += 1
            newline()
        case UInt8(ascii: "="):
            // `==` and `=>` are not assignments.
            let next = byte(at: 1)
            let isOperator = next == UInt8(ascii: "=") || next == UInt8(ascii: ">")
            index += isOperator ? 2 : 1
            token(isOperator ? .other : .equals)
        case _ where Self.isIdentifierStart(current):
            let start = index
            while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
            token(.word(String(decoding: bytes[start..<index], as: UTF8.self)))
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            index += 1
        default:
            index += 1
            token(.other)
        }
    }

    private mutating func stringByte() {
        let current = bytes[index]
        switch current {
        case UInt8(ascii: "\\") where byte(at: 1) != UInt8(ascii: "\n"):
            // An escape: `\"`, `\\`, `\n`, `\t`, `\r`, `\uNNNN`, `\UNNNNNNNN`; any other escaped byte is itself.
            if let (scalar, length) = unicodeEscape() {
                for unit in String(Character(scalar)).utf8 { appendLiteral(unit) }
                index += length
            } else {
                appendLiteral(Self.unescaped(byte(at: 1)))
                index += 2
            }
        case UInt8(ascii: "\""):
            index += 1
            stack.removeLast()
            if atTopLevel { token(.string(literal.map { String(decoding: $0, as: UTF8.self) })) }
        case UInt8(ascii: "$"), UInt8(ascii: "%"):
            if byte(at: 1) == current, byte(at: 2) == UInt8(ascii: "{") {
                // `$${` and `%%{` are a literal `${` and `%{`.
                appendLiteral(current)
                appendLiteral(UInt8(ascii: "{"))
                index += 3
            } else if byte(at: 1) == UInt8(ascii: "{") {
                index += 2
                if stack.count == 1 { literal = nil }
                push(.interpolation(braces: 0))
            } else {
                appendLiteral(current)
                index += 1
            }
        case UInt8(ascii: "\n"):
            // A quoted string cannot span lines (only an interpolation inside it can): stop here rather than
            // read the rest of the file inside out.
            result.problem = "line \(line): unterminated string"
        default:
            appendLiteral(current)
            index += 1
        }
    }

    private mutating func appendLiteral(_ value: UInt8) {
        if stack.count == 1 { literal?.append(value) }
    }

    /// `\uNNNN` or `\UNNNNNNNN` at `index`: the scalar and the escape's length; `nil` for anything else.
    private func unicodeEscape() -> (Unicode.Scalar, Int)? {
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

    private static func unescaped(_ value: UInt8?) -> UInt8 {
        switch value {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case .some(let other): return other
        case nil: return UInt8(ascii: "\\")
        }
    }

    private mutating func push(_ frame: Frame) {
        guard stack.count < Self.maximumNesting else {
            result.problem = "line \(line): strings and interpolations nested deeper than \(Self.maximumNesting)"
            return
        }
        stack.append(frame)
    }

    private mutating func open(_ bracket: UInt8) {
        if case .interpolation(let braces) = stack.last {
            if bracket == UInt8(ascii: "{") { stack[stack.count - 1] = .interpolation(braces: braces + 1) }
            return
        }
        if depth == 0, bracket == UInt8(ascii: "{") { openBlock() }
        if depth == 1, openModule != nil { token(.other) }
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        if case .interpolation(let braces) = stack.last {
            guard bracket == UInt8(ascii: "}") else { return }
            if braces == 0 {
                stack.removeLast()
            } else {
                stack[stack.count - 1] = .interpolation(braces: braces - 1)
            }
            return
        }
        if depth == 1, openModule != nil {
            // The module block ends: its last line may be `source = "..." }`.
            endModuleLine()
            openModule = nil
        }
        depth = max(0, depth - 1)
        if depth == 1, openModule != nil { token(.other) }
        if depth == 0 { lineTokens = [] }
    }

    /// `KEYWORD LABEL... {` at the top level: a block when the keyword is one we map and the labels count fits.
    private mutating func openBlock() {
        defer { lineTokens = [] }
        guard case .word(let keyword)? = lineTokens.first, let kind = TerraformBlock.Kind(rawValue: keyword) else {
            return
        }
        var labels = [String]()
        for token in lineTokens.dropFirst() {
            switch token {
            case .string(let text?), .word(let text): labels.append(text)
            default: return
            }
        }
        guard labels.count == (kind == .module ? 1 : 2) else { return }
        result.blocks.append(TerraformBlock(kind: kind, labels: labels, line: lineStart, moduleSource: nil))
        if kind == .module { openModule = result.blocks.count - 1 }
    }

    private mutating func token(_ token: Token) {
        guard atTopLevel, depth == 0 || (depth == 1 && openModule != nil) else { return }
        if lineTokens.isEmpty { lineStart = line }
        lineTokens.append(token)
    }

    private mutating func newline() {
        line += 1
        guard atTopLevel else { return }
        endModuleLine()
        if depth <= 1 { lineTokens = [] }
    }

    /// `source = "LITERAL"` alone on a line of a module block.
    private mutating func endModuleLine() {
        guard depth == 1, let module = openModule, lineTokens.count == 3,
            lineTokens[0] == .word("source"), lineTokens[1] == .equals, case .string(let text?) = lineTokens[2]
        else { return }
        result.blocks[module].moduleSource = text
    }

    private mutating func skipLineComment() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    private mutating func skipBlockComment() {
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
    private mutating func heredocOrOther() {
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

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) })
        else { return [] }
        return text[first...last]
    }

    private static func isIdentifierStart(_ value: UInt8) -> Bool {
        (value >= UInt8(ascii: "a") && value <= UInt8(ascii: "z"))
            || (value >= UInt8(ascii: "A") && value <= UInt8(ascii: "Z"))
            || value == UInt8(ascii: "_") || value >= 0x80
    }

    private static func isIdentifierPart(_ value: UInt8) -> Bool {
        isIdentifierStart(value) || (value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9"))
            || value == UInt8(ascii: "-")
    }
}

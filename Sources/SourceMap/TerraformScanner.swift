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

    enum Frame {
        /// Inside a quoted string.
        case template
        /// Inside `${` or `%{` of a string, with its own brace depth.
        case interpolation(braces: Int)
    }

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var stack = [Frame]()
    /// Bracket depth of the top-level code (`{`, `[`, `(`).
    var depth = 0
    /// Tokens of the current top-level line (depth 0) or, inside a module block, its current line (depth 1).
    var lineTokens = [Token]()
    var lineStart = 1
    /// The text of the top-level string being read; `nil` once it holds an interpolation.
    var literal: [UInt8]? = []
    var openModule: Int?
    var result = ScannedFile()

    enum Token: Equatable {
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

    mutating func run() {
        while index < bytes.count, result.problem == nil {
            if case .template = stack.last {
                stringByte()
            } else {
                codeByte()
            }
        }
        if result.problem == nil, !stack.isEmpty { result.problem = "line \(line): unterminated string" }
    }

    func byte(at offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    var atTopLevel: Bool { stack.isEmpty }

    mutating func codeByte() {
        let current = bytes[index]
        switch current {
        case UInt8(ascii: "#"): skipLineComment()
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "/"): skipLineComment()
        case UInt8(ascii: "/") where byte(at: 1) == UInt8(ascii: "*"): skipBlockComment()
        case UInt8(ascii: "\""):
            index += 1
            // A string's text is kept only where it can be a label or a module's source.
            if atTopLevel { literal = recordsTokens ? [] : nil }
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
            // Only the words of a block header or a module's line are kept: decode no other.
            if recordsTokens { token(.word(String(decoding: bytes[start..<index], as: UTF8.self))) }
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            index += 1
        default:
            index += 1
            token(.other)
        }
    }

    mutating func stringByte() {
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

    mutating func appendLiteral(_ value: UInt8) {
        if stack.count == 1 { literal?.append(value) }
    }

    mutating func push(_ frame: Frame) {
        guard stack.count < Self.maximumNesting else {
            result.problem = "line \(line): strings and interpolations nested deeper than \(Self.maximumNesting)"
            return
        }
        stack.append(frame)
    }

    mutating func open(_ bracket: UInt8) {
        if case .interpolation(let braces) = stack.last {
            if bracket == UInt8(ascii: "{") { stack[stack.count - 1] = .interpolation(braces: braces + 1) }
            return
        }
        if depth == 0, bracket == UInt8(ascii: "{") { openBlock() }
        if depth == 1, openModule != nil { token(.other) }
        depth += 1
    }

    mutating func close(_ bracket: UInt8) {
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
    mutating func openBlock() {
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

    /// At the top level, or on a line of a module block's body.
    var recordsTokens: Bool { atTopLevel && (depth == 0 || (depth == 1 && openModule != nil)) }

    mutating func token(_ token: Token) {
        guard recordsTokens else { return }
        if lineTokens.isEmpty { lineStart = line }
        lineTokens.append(token)
    }

    mutating func newline() {
        line += 1
        guard atTopLevel else { return }
        endModuleLine()
        if depth <= 1 { lineTokens = [] }
    }

    /// `source = "LITERAL"` alone on a line of a module block.
    mutating func endModuleLine() {
        guard depth == 1, let module = openModule, lineTokens.count == 3,
            lineTokens[0] == .word("source"), lineTokens[1] == .equals, case .string(let text?) = lineTokens[2]
        else { return }
        result.blocks[module].moduleSource = text
    }
}

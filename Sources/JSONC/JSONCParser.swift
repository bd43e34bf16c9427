import CJSONC

/// Where and why json-c stopped: `offset` is a byte offset in the text that was parsed (for a chunk or a
/// skeleton, in the whole input).
package struct SyntaxFailure: Error, Sendable {
    package var offset: Int
    package var reason: String
    /// True when a complete value was followed by more non-space text.
    package var trailingContent: Bool
    /// True when memory ran out, not the text: the reason says so and the hint is about memory.
    package var outOfMemory = false

    package init(offset: Int, reason: String, trailingContent: Bool = false) {
        self.offset = offset
        self.reason = reason
        self.trailingContent = trailingContent
    }
}

extension InputBytes {
    /// The whole text as one JSON value (one json-c tree, copied into Swift and freed).
    package func parseJSON() throws(SyntaxFailure) -> JSONValue {
        let parsed = withUnsafeBytes { buffer in
            Result { () throws(SyntaxFailure) in try JSONCParser.parse(buffer) }
        }
        return try parsed.get()
    }
}

/// Parses JSON text with json-c and copies the result into ``JSONValue``.
///
/// json-c is used from memory with an explicit length and depth, in strict mode (no comments, trailing
/// commas or trailing garbage). The json-c tree lives only inside one call.
enum JSONCParser {
    /// Deeper documents are refused: real Terraform output stays far below (WAFv2 rules reach ~34), and
    /// json-c's `json_object_put` recurses, so no tree deeper than this is ever built.
    static let maximumDepth: Int32 = 512

    typealias Failure = SyntaxFailure

    static func parse(_ text: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
        guard let tokener = json_tokener_new_ex(maximumDepth) else {
            throw Failure(offset: 0, reason: "json-c could not allocate a tokener", trailingContent: false)
        }
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        guard let base = text.baseAddress?.assumingMemoryBound(to: CChar.self), text.count > 0 else {
            throw Failure(offset: 0, reason: "the input is empty", trailingContent: false)
        }
        var root: OpaquePointer?
        var consumed = 0
        // json_tokener_parse_ex takes an Int32 length: feed large inputs in chunks.
        let chunk = Int(Int32.max / 2)
        while consumed < text.count {
            let length = min(chunk, text.count - consumed)
            root = json_tokener_parse_ex(tokener, base + consumed, Int32(length))
            let error = json_tokener_get_error(tokener)
            if error == json_tokener_continue {
                consumed += length
                continue
            }
            let end = consumed + Int(json_tokener_get_parse_end(tokener))
            if error != json_tokener_success {
                if let root { json_object_put(root) }
                // Strict mode reports text after a complete value as a syntax error at that text: tell
                // concatenated documents and trailing output apart from broken JSON.
                if error != json_tokener_error_depth, let valueEnd = completeValueEnd(text, before: end) {
                    let trailing = firstNonSpace(text, from: valueEnd) ?? end
                    throw Failure(
                        offset: trailing, reason: "more text follows the first JSON value", trailingContent: true)
                }
                throw Failure(offset: end, reason: describe(error), trailingContent: false)
            }
            consumed = end
            break
        }
        if json_tokener_get_error(tokener) == json_tokener_continue {
            // A top-level number (or literal) is only complete once something follows it: end the input
            // with one space. Anything still open after that ran out of input inside a value.
            root = json_tokener_parse_ex(tokener, " ", 1)
            guard json_tokener_get_error(tokener) == json_tokener_success else {
                if let root { json_object_put(root) }
                throw Failure(
                    offset: text.count, reason: "the JSON ends early (truncated file?)", trailingContent: false)
            }
            consumed = text.count
        }
        defer { if let root { json_object_put(root) } }
        if let trailing = firstNonSpace(text, from: consumed) {
            throw Failure(
                offset: trailing, reason: "more text follows the first JSON value", trailingContent: true)
        }
        if root == nil, firstNonSpace(text, from: 0).map({ text[$0] }) != UInt8(ascii: "n") {
            // json-c returns nothing with no error for `null`, and when an allocation failed.
            throw outOfMemory(at: 0, elements: nil)
        }
        var state = ConversionState()
        let value = JSONCConversion.convert(root, state: &state)
        if let count = state.exhaustedAt {
            throw outOfMemory(at: 0, elements: count)
        }
        if state.suspect, let fault = NumberFault.first(in: text, from: 0, to: text.count) {
            throw Failure(offset: fault.offset, reason: fault.reason, trailingContent: false)
        }
        return value
    }

    /// Where a complete JSON value ends when `text[..<limit]` holds one (and maybe more), else `nil`.
    private static func completeValueEnd(_ text: UnsafeRawBufferPointer, before limit: Int) -> Int? {
        guard limit > 0, limit <= text.count, limit <= Int(Int32.max),
            let base = text.baseAddress?.assumingMemoryBound(to: CChar.self),
            let tokener = json_tokener_new_ex(maximumDepth)
        else { return nil }
        defer { json_tokener_free(tokener) }
        // Not strict: stop after the first value instead of failing on what follows it.
        var root = json_tokener_parse_ex(tokener, base, Int32(limit))
        if json_tokener_get_error(tokener) == json_tokener_continue {
            root = json_tokener_parse_ex(tokener, " ", 1)
        }
        guard let root, json_tokener_get_error(tokener) == json_tokener_success else { return nil }
        json_object_put(root)
        return min(Int(json_tokener_get_parse_end(tokener)), limit)
    }

    private static func firstNonSpace(_ text: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return nil
    }

    /// The reason of a parse or copy that memory could not hold (`elements`: the container's size, when known).
    static func outOfMemory(at offset: Int, elements: Int?) -> SyntaxFailure {
        let what = elements.map { "an array or object of \($0) elements in the value starting here" }
        var failure = SyntaxFailure(
            offset: offset, reason: "not enough memory to read \(what ?? "the value starting here")")
        failure.outOfMemory = true
        return failure
    }

    static func describe(_ error: json_tokener_error) -> String {
        switch error {
        case json_tokener_error_depth: return "the JSON nests deeper than \(maximumDepth) levels"
        case json_tokener_error_parse_eof: return "the JSON ends early (truncated file?)"
        default:
            guard let text = json_tokener_error_desc(error) else { return "invalid JSON" }
            return "invalid JSON: " + String(cString: text)
        }
    }
}

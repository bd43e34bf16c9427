import Foundation
import Reporters
import Testing

/// `JSONNode.escape`: the fast path (nothing to escape) and the slow one give JSON that reads back to the
/// same string, with line and paragraph separators and control characters escaped.
@Suite struct JSONEscapeTests {
    @Test(arguments: [
        "aws_vpc_endpoint.interface", "module.hub.aws_route53_zone.endpoint[\"ecr.dkr\"]", "back\\slash",
        "tab\there", "bell\u{07}", "del\u{7F}", "line\u{2028}para\u{2029}", "é 日本 ✓", "\u{0}", "",
    ])
    func escapesAndReadsBack(_ text: String) throws {
        let escaped = JSONNode.escape(text)
        #expect(escaped.hasPrefix("\"") && escaped.hasSuffix("\""))
        #expect(
            !escaped.unicodeScalars.contains {
                $0.value < 0x20 || $0 == "\u{7F}" || $0 == "\u{2028}" || $0 == "\u{2029}"
            })
        let decoded = try JSONSerialization.jsonObject(with: Data(("[" + escaped + "]").utf8)) as? [String]
        #expect(decoded == [text])
    }

    /// The escaper reads scalars from their UTF-8 bytes; it must write what escaping scalar by scalar writes
    /// (quote, backslash and the short escapes; `\uXXXX` for every scalar ``TerminalText`` escapes; the rest
    /// as it is), for every scalar of the first planes' blocks that hold the escaped ones and around them.
    @Test func bytesEscapeAsScalarsDo() {
        let ranges: [ClosedRange<UInt32>] = [
            0...0x7FF, 0x0600...0x06FF, 0x1FFF...0x20FF, 0x2FFF...0x3001, 0x1F600...0x1F601,
        ]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = "a" + String(Character(scalar)) + "\u{2028}b"
                #expect(
                    Array(JSONNode.escape(text).utf8) == Array(Self.scalarByScalar(text).utf8),
                    "U+\(String(value, radix: 16))")
            }
        }
    }

    /// The reference: JSON's short escapes, `\uXXXX` (lowercase) for what the terminal escaping covers.
    private static let shortEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f",
    ]

    private static func scalarByScalar(_ text: String) -> String {
        let body = text.unicodeScalars.map { scalar -> String in
            if let escape = shortEscapes[scalar] { return escape }
            guard TerminalText.isEscaped(scalar) else { return String(Character(scalar)) }
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "\"" + body.joined() + "\""
    }
}

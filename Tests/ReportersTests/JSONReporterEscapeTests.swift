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
}

import Testing

@testable import JSONC

/// The copy of a resource item json-c parses in place of the item (``ResourceSkim``): what it leaves out
/// must be JSON json-c accepts, or there must be no copy, so that a file is refused exactly when it was.
/// (`StreamingTests.resourceItemsReadAsTheWholeTree` holds the loads with and without the copy to the same
/// documents and errors.)
@Suite struct ResourceSkimTests {
    /// The end of the value `text` starts with as the validator sees it (nil when it doubts it).
    static func validated(_ text: [UInt8]) -> Int? {
        let stack = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { stack.deallocate() }
        return text.withUnsafeBufferPointer { buffer in
            let skim = ResourceSkim(
                text: buffer.baseAddress!, end: buffer.count, output: stack, stack: stack, depthLimit: 48)
            return skim.skipValue(at: 0, depth: 0).end
        }
    }

    /// Where the string `text` starts with closes, as the validator finds it.
    static func stringEnd(_ text: [UInt8]) -> Int? {
        let stack = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { stack.deallocate() }
        return text.withUnsafeBufferPointer { buffer in
            ResourceSkim(text: buffer.baseAddress!, end: buffer.count, output: stack, stack: stack, depthLimit: 1)
                .validStringEnd(0)
        }
    }

    static func jsoncAccepts(_ text: [UInt8]) -> Bool {
        text.withUnsafeBytes { buffer in (try? JSONCParser.parse(buffer)) != nil }
    }

    /// A random JSON value, with a fault (a token JSON or json-c refuses, or one the validator must doubt)
    /// in about one value in `faultRate`.
    static func randomValue(
        depth: Int, faultRate: Int, faulty: inout Bool, using generator: inout some RandomNumberGenerator
    ) -> String {
        if Int.random(in: 0..<faultRate, using: &generator) == 0 {
            faulty = true
            return Self.faults.randomElement(using: &generator)!
        }
        switch Int.random(in: 0..<(depth > 6 ? 4 : 6), using: &generator) {
        case 0: return Self.scalars.randomElement(using: &generator)!
        case 1: return String(Int.random(in: -99_999...99_999, using: &generator))
        case 2: return ["true", "false", "null"].randomElement(using: &generator)!
        case 3: return #""\#(Self.strings.randomElement(using: &generator)!)""#
        case 4:
            let count = Int.random(in: 0...4, using: &generator)
            let items = (0..<count).map { _ in
                randomValue(depth: depth + 1, faultRate: faultRate, faulty: &faulty, using: &generator)
            }
            return "[" + items.joined(separator: Self.spaces.randomElement(using: &generator)! + ",") + "]"
        default:
            let count = Int.random(in: 0...4, using: &generator)
            let members = (0..<count).map { index in
                #""k\#(index)"\#(Self.spaces.randomElement(using: &generator)!):"#
                    + randomValue(depth: depth + 1, faultRate: faultRate, faulty: &faulty, using: &generator)
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static let scalars = ["0", "-0", "1.5", "-0.25", "123456789012345678", "0.000001"]
    static let strings = ["", "a", #"\"q\""#, #"\\"#, #"\/"#, #"\b\f\n\r\t"#, #"\u00e9"#, "caf\u{E9}", "\u{1F600}"]
    static let spaces = ["", " ", "\n\t", "\r\n  "]
    static let faults = [
        "1e999", "1E5", "99999999999999999999", "1234567890123456789", "-9223372036854775809", "NaN", "Infinity",
        "-Infinity", "01", "1.", ".5", "-", "+1", "tru", "True", "nul", "\"a\u{01}b\"", "\"\t\"", #""\ud800""#,
        #""\ud83d\ude00""#, #""\x""#, #""\u12""#, "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{\"a\"::1}", "{1:2}",
        "'x'", "/*c*/1", "\u{0C}1", "1\u{0B}", "[", "]", "\"open", "{\"a\":1",
    ]

    /// Whatever the validator accepts, json-c accepts; and it accepts the plain values a resource holds.
    @Test func acceptsOnlyWhatJSONCAccepts() {
        var generator = SystemRandomNumberGenerator()
        var accepted = 0
        var acceptedFaulty = 0
        for round in 0..<4_000 {
            var faulty = false
            let value = Self.randomValue(
                depth: 0, faultRate: round % 2 == 0 ? 25 : 1_000_000, faulty: &faulty, using: &generator)
            let text = Array(value.utf8)
            let end = Self.validated(text)
            if end == text.count {
                accepted += 1
                if faulty { acceptedFaulty += 1 }
                #expect(Self.jsoncAccepts(text), "validator accepted what json-c refuses: \(value)")
            } else if !faulty {
                Issue.record("validator doubted a plain value: \(value)")
            }
        }
        #expect(accepted > 2_000)
        // A fault inside a string (`\t` written raw) or a doubted number is never accepted: only faults that
        // are valid JSON after all (a surrogate pair is doubted, so none) could be, and the list has none.
        #expect(acceptedFaulty == 0)
    }

    /// Strings of every length up to 70, with a quote, backslash or control byte (or none) at every place:
    /// the validator finds each one where it is.
    @Test func findsEverySpecialByteInStringsOfAnyLength() {
        let plain: [UInt8] = Array("abcdefghij-_/:.0123456789".utf8) + [0xC3, 0xA9, 0x7F, 0xFF, 0x80, 0x20, 0x21, 0x5D]
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let body = (0..<length).map { _ in plain.randomElement(using: &generator)! }
            #expect(Self.stringEnd([0x22] + body + [0x22]) == length + 1, "\(body)")
            for place in 0..<length {
                for special: [UInt8] in [[0x01], [0x1F], [0x00], [0x09], [0x5C, 0x22], [0x5C, 0x5C], [0x5C, 0x78]] {
                    var text = body
                    text.replaceSubrange(place..<(place + 1), with: special)
                    let valid = special.first == 0x5C && special != [0x5C, 0x78]
                    #expect(Self.stringEnd([0x22] + text + [0x22]) == (valid ? text.count + 1 : nil), "\(text)")
                }
                var early = body
                early[place] = 0x22  // a quote ends the string there
                #expect(Self.stringEnd([0x22] + early + [0x22]) == place + 1, "\(early)")
            }
        }
    }

    /// The eight-byte test finds the first byte that looking at each byte finds: every value in every lane, among
    /// neighbours that need no look and neighbours that borrow (0x00, 0x20, 0x80, 0xFF).
    @Test func wordTestAnswersAsEachByte() {
        func special(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }
        var checked = 0
        for filler: UInt8 in [0x61, 0x00, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF] {
            for lane in 0..<8 {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[lane] = UInt8(value)
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    let found = ResourceSkim.specialBytes(word)
                    let first = bytes.firstIndex(where: special)
                    #expect((found == 0 ? nil : found.trailingZeroBitCount / 8) == first, "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked == 10 * 8 * 256)
    }

    /// Every fault alone, and inside a container, is doubted: the item is then parsed whole.
    @Test(arguments: faults)
    func doubtsEveryFault(_ fault: String) {
        for text in [fault, "[" + fault + "]", "{\"a\":" + fault + "}", "[1,{\"b\":[" + fault + "]}]"] {
            #expect(Self.validated(Array(text.utf8)) != text.utf8.count, "\(text)")
        }
    }

    /// Containers nested past the limit are doubted, just inside it accepted.
    @Test func doubtsNestingPastTheLimit() {
        let inside = String(repeating: "[", count: 47) + String(repeating: "]", count: 47)
        let past = String(repeating: "[", count: 49) + String(repeating: "]", count: 49)
        #expect(Self.validated(Array(inside.utf8)) == inside.utf8.count)
        #expect(Self.validated(Array(past.utf8)) == nil)
    }

    /// The copy of an item as json-c would parse it, or nil when there is none.
    static func copied(_ item: String, kept: Set<String>?, stubbed: Bool = false) -> String? {
        let text = Array(item.utf8)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count)
        let stack = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
        defer {
            output.deallocate()
            stack.deallocate()
        }
        let keys = kept.map(KeptKeys.init)
        return text.withUnsafeBufferPointer { buffer -> String? in
            var skim = ResourceSkim(
                text: buffer.baseAddress!, end: buffer.count, output: output, stack: stack, depthLimit: 500)
            let made = skim.copy(from: 0) { type in
                guard String(decoding: type, as: UTF8.self) == "aws_vpc" || stubbed else { return nil }
                return stubbed ? .stubbed : keys.map { .kept($0) }
            }
            return made ? String(decoding: UnsafeBufferPointer(start: output, count: skim.written), as: UTF8.self) : nil
        }
    }

    @Test func leavesOutWhatThePruningDrops() {
        let item = #"""
            {"address":"aws_vpc.a","type":"aws_vpc", "name":"a","values":{ "arn":"arn:aws:ec2:x","id":"vpc-1",
            "cidr_block":"10.0.0.0/16","tags":{"Name":"a"},"policy":{"v":[1,2.5,null]}},"sensitive_values":{"tags":{},"arn":false}}
            """#
        #expect(
            Self.copied(item, kept: ["id", "cidr_block", "tags"])
                == #"{"address":"aws_vpc.a","type":"aws_vpc","name":"a","values":{"id":"vpc-1","#
                + #""cidr_block":"10.0.0.0/16","tags":{"Name":"a"}},"sensitive_values":{"tags":{}}}"#)
        #expect(
            Self.copied(item, kept: nil, stubbed: true)
                == #"{"address":"aws_vpc.a","type":"aws_vpc","name":"a","values":{},"sensitive_values":{}}"#)
        // A mark keeps `sensitive_values` whole; keys written with escapes or non-ASCII bytes are kept.
        let marked =
            #"{"type":"aws_vpc","values":{"arn":"x","caf\#u{E9}":1,"i\u0064":"v"},"sensitive_values":{"arn":true}}"#
        #expect(
            Self.copied(marked, kept: ["id"])
                == #"{"type":"aws_vpc","values":{"caf\#u{E9}":1,"i\u0064":"v"},"sensitive_values":{"arn":true}}"#)
    }

    /// No copy when the type is not known before `values`, is given twice or with escapes, when a member key
    /// of the item has escapes, when nothing would be left out, or when anything left out is doubted.
    @Test(arguments: [
        #"{"values":{"arn":"x"},"type":"aws_vpc"}"#,
        #"{"type":"aws_vpc","values":{"arn":"x"},"type":"aws_vpc"}"#,
        #"{"type":"aws_\u0076pc","values":{"arn":"x"}}"#,
        #"{"type":"aws_vpc","valu\u0065s":{"arn":"x"}}"#,
        #"{"type":"aws_vpc","values":{"id":"x"}}"#,
        #"{"type":"aws_vpc","values":{"arn":1e999,"id":"x"}}"#,
        #"{"type":"aws_vpc","values":{"arn":"x","id":"x",}}"#,
        #"{"type":"aws_vpc","values":{"arn":"x"},}"#,
        #"{"type":"aws_vpc","values":{"arn":"x"}} "#,
        #"{"type":"aws_s3_bucket","values":{"arn":"x"}}"#,
        #"{}"#,
    ])
    func makesNoCopyInDoubt(_ item: String) {
        #expect(Self.copied(item, kept: ["id"]) == nil)
    }
}

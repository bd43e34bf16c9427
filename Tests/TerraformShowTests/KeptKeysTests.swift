import Testing

@testable import JSONC

/// The loader picks the kept members of an object by their key's bytes (``KeptKeys``): it must answer as
/// `Set<String>.contains` on the key's Swift string does, canonical equivalence included.
@Suite struct KeptKeysTests {
    static func answer(_ kept: KeptKeys, _ key: [UInt8]) -> String? {
        (key + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                kept.name(of: pointer, slowKey: { String(cString: $0) })
            }
        }
    }

    static func expected(_ names: Set<String>, _ key: [UInt8]) -> String? {
        let text = (key + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { String(cString: $0) }
        }
        return names.contains(text) ? text : nil
    }

    @Test(arguments: [
        Set(["id", "cidr_block", "vpc_id", "tags", "dns_entry"]), Set<String>(), Set([""]), Set(["K", "a;b"]),
        Set(["\u{212A}ey", "caf\u{E9}", "x"]), Set((0..<200).map { "attribute_\($0)" }),
    ])
    func answersAsTheSetDoes(_ names: Set<String>) {
        let kept = KeptKeys(names)
        var keys: [[UInt8]] = names.map { Array($0.utf8) }
        keys += ["", "i", "idd", "ID", "Key", "\u{212A}ey", "K", "\u{212A}", "a\u{37E}b", "cafe\u{301}", "café", "x"]
            .map { Array($0.utf8) }
        keys += [[0xFF, 0x69, 0x64], [0x69, 0x64, 0xC3], [0xE2, 0x84, 0xAA]]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdeiKx_;0123456789".utf8) + [0xC3, 0xA9, 0xE2, 0x84, 0xAA, 0xCD, 0xBE, 0x80]
        for _ in 0..<5_000 {
            keys.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement()! })
        }
        for key in keys {
            #expect(Self.answer(kept, key) == Self.expected(names, key), "\(key)")
        }
    }
}

import Testing

@testable import NetworkModel

@Suite struct CIDRTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.2.0.0/16", true),
        ("10.2.0.0/16", "10.0.0.0/8", false),
        ("10.2.0.0/16", "10.2.0.0/16", true),
        ("10.2.0.0/16", "10.3.0.0/16", false),
        ("0.0.0.0/0", "192.168.1.0/24", true),
        ("10.2.128.0/17", "10.2.0.0/16", false),
        ("10.2.3.4/16", "10.2.200.0/24", true),
        ("2001:db8::/32", "2001:db8:1::/48", true),
        ("2001:db8:1::/48", "2001:db8::/32", false),
        ("::/0", "2001:db8::/64", true),
        ("2001:db8::/64", "2001:db8:0:0:1::/80", true),
        ("2001:db8::/64", "2001:db8:0:1::/64", false),
        ("10.0.0.0/8", "::/0", false),
    ])
    func containment(outer: String, inner: String, expected: Bool) throws {
        let a = try #require(CIDR(outer))
        let b = try #require(CIDR(inner))
        #expect(a.contains(b) == expected)
    }

    @Test func overlapIsSymmetric() throws {
        let a = try #require(CIDR("10.2.0.0/16"))
        let b = try #require(CIDR("10.2.5.0/24"))
        let c = try #require(CIDR("10.3.0.0/16"))
        #expect(a.overlaps(b) && b.overlaps(a))
        #expect(!a.overlaps(c) && !c.overlaps(a))
    }

    @Test(arguments: [
        "10.0.0.0", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "10.0.0.0/-1", "10.0.0.0/+8", "a.b.c.d/8",
        "2001:db8::1::/64", "2001:db8::/129", "12345::/16", "", "/", "10.0.0.00001/8",
    ])
    func rejectsMalformed(text: String) {
        #expect(CIDR(text) == nil)
    }

    @Test(arguments: [
        ("10.2.3.4/16", "10.2.0.0/16"),
        ("2001:DB8:0:0:0:0:0:1/64", "2001:db8::/64"),
        ("2001:db8::/32", "2001:db8::/32"),
        ("::ffff:10.0.0.0/104", "::ffff:a00:0/104"),
        ("fe80:0:0:1::/64", "fe80:0:0:1::/64"),
    ])
    func normalises(text: String, expected: String) throws {
        #expect(try #require(CIDR(text)).description == expected)
    }

    /// The byte-level fast path for plain IPv4 blocks answers as the general parse does: the same network, or
    /// nil, on edge cases and on many random strings of digits, dots, slashes and signs.
    @Test func fastIPv4ParseAgreesWithTheGeneralParse() {
        var texts = [
            "10.0.0.0/8", "10.2.3.4/16", "0.0.0.0/0", "255.255.255.255/32", "256.0.0.0/8", "10.0.0.0/33",
            "010.0.0.0/016", "1234.0.0.0/8", "10.0.0/8", "10.0.0.0.0/8", "10.0.0.0/", "10.0.0.0", "/8", "",
            "10.0.0.0/-0", "10.0.0.0/+8", "10..0.0/8", ".10.0.0/8", "10.0.0.0//8", "10.0.0.0/8/8", "10.0.0.0/ 8",
            " 10.0.0.0/8", "10.0.0.0/8 ", "1.2.3.4/00032", "1.2.3.4/032", "١٠.0.0.0/8", "10.0.0.0/٨",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789././/-+ 25")
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...18, using: &generator)
            texts.append(String((0..<count).map { _ in alphabet.randomElement(using: &generator)! }))
            let octets = (0..<4).map { _ in String(Int.random(in: 0...300, using: &generator)) }
            texts.append(octets.joined(separator: ".") + "/" + String(Int.random(in: 0...40, using: &generator)))
        }
        for text in texts {
            #expect(CIDR(text) == CIDR(general: text), "\(text)")
        }
    }
}

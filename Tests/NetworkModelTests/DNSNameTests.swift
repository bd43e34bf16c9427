import Testing

@testable import NetworkModel

/// The DNS name helpers the path engine calls once per spoke and service take byte-level shortcuts for
/// ASCII names; they must answer as the plain string operations do for every name, ASCII or not.
@Suite struct DNSNameTests {
    static let pieces = [
        "a", "B", "dkr", "ECR", "ap-northeast-1", ".", "..", "*", "-", "1", "\u{212A}", "é", "e\u{301}", "Ä", "ß",
        "\u{130}", "us-east-1", "K",
    ]

    static func randomName(using generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined()
    }

    @Test func normalizeLowercasesAndDropsTrailingDots() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let name = Self.randomName(using: &generator)
            var expected = name.lowercased()
            while expected.hasSuffix(".") { expected.removeLast() }
            #expect(DNSName.normalize(name) == expected, "\(name.unicodeScalars.map(\.value))")
        }
    }

    @Test func anEndpointAnswersANameWithItsRegionAsALabel() {
        var generator = SystemRandomNumberGenerator()
        var matched = 0
        for _ in 0..<5_000 {
            let region = [
                "ap-northeast-1", "us-east-1", "K", "\u{212A}", "é", "e\u{301}", "", "a.b",
            ].randomElement(using: &generator)!
            // Half the names hold the region between dots (or its canonical twin, or a near miss).
            var name = Self.randomName(using: &generator)
            if Bool.random(using: &generator) {
                let label =
                    Bool.random(using: &generator)
                    ? region
                    : [region.uppercased(), region + "x", "K", "\u{212A}", "é", "e\u{301}"]
                        .randomElement(using: &generator)!
                name += "." + label + "." + Self.randomName(using: &generator)
            }
            let endpoint = Endpoint(
                .init(
                    key: "vpce-1", origin: Origin(environment: "dev", path: "dev.json", address: "aws_vpc_endpoint.e"),
                    vpcKey: nil, type: .interface, serviceName: "", service: "ssm", region: region, subnetKeys: [],
                    subnetsUnresolved: false, securityGroupKeys: [], routeTableKeys: [], privateDNSEnabled: true,
                    dnsEntries: [], unresolved: []))
            let expected = name.split(separator: ".").contains(Substring(region))
            if expected { matched += 1 }
            #expect(PathEngine.answers(endpoint, name) == expected, "\(name) \(region)")
        }
        // Over a fifth of the names hold the region (~1,100 expected): far from none, where it would prove nothing.
        #expect(matched > 500)
    }
}

/// An endpoint's billed AZs count its different subnet keys without a set for a few of them: the same count
/// as a set's, for keys equal only as Unicode text (`é` and `e` with a combining accent) too.
@Suite struct AZCountTests {
    @Test func distinctCountIsTheSetsCount() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let keys = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                DNSNameTests.pieces.prefix(Int.random(in: 1...DNSNameTests.pieces.count, using: &generator))
                    .randomElement(using: &generator)!
            }
            #expect(Endpoint.distinctCount(keys) == Set(keys).count, "\(keys)")
        }
        #expect(Endpoint.distinctCount(["subnet-a", "subnet-b", "subnet-a"]) == 2)
        #expect(Endpoint.distinctCount(["é", "e\u{301}"]) == 1)
    }
}

/// ``ModelElement/isManaged`` looks for `.data.` in every element's address by bytes.
@Suite struct ByteRunTests {
    static func plainSearch(_ text: String, _ needle: String) -> Bool {
        let bytes = Array(text.utf8)
        let run = Array(needle.utf8)
        guard bytes.count >= run.count else { return run.isEmpty }
        return (0...(bytes.count - run.count)).contains { Array(bytes[$0..<($0 + run.count)]) == run }
    }

    @Test func containsRunFindsTheBytesWhereverTheyAre() {
        var generator = SystemRandomNumberGenerator()
        let pieces = DNSNameTests.pieces + ["data", ".data", "data.", ".dat", "ata.", "module", "[\"x\"]", "é"]
        var found = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...9, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let expected = Self.plainSearch(text, ".data.")
            if expected { found += 1 }
            #expect(text.utf8.containsRun(of: ".data.") == expected, "\(text)")
            #expect(text.utf8.containsRun(of: "ipv6") == Self.plainSearch(text, "ipv6"), "\(text)")
        }
        // From any place: the first run at or after it, as a plain search of the rest finds it.
        for _ in 0..<2_000 {
            let text = Array(
                (0..<Int.random(in: 0...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined().utf8)
            let start = Int.random(in: 0...text.count, using: &generator)
            let needle = Array(".data.".utf8)
            let expected =
                start + needle.count > text.count
                ? nil
                : (start...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle }
            let found = text.withUnsafeBytes { bytes in
                needle.withUnsafeBytes { ByteRun.first($0, in: bytes, from: start) }
            }
            #expect(found == expected, "\(text) \(start)")
        }
        #expect("".utf8.containsRun(of: ""))
        #expect(!"".utf8.containsRun(of: ".data."))
        #expect("module.a.data.aws_vpc.this".utf8.containsRun(of: ".data."))
        // Far from none (about 150 expected): a search that never matches would prove nothing.
        #expect(found > 40)
    }
}

/// An endpoint's fields are shared by its copies until one is written: each copy still behaves as a value.
@Suite struct EndpointStorageTests {
    static func endpoint() -> Endpoint {
        Endpoint(
            .init(
                key: "vpce-1", origin: Origin(environment: "dev", path: "dev.json", address: "aws_vpc_endpoint.e"),
                vpcKey: "vpc-1", type: .interface, serviceName: "com.amazonaws.ap-northeast-1.ssm", service: "ssm",
                region: "ap-northeast-1", subnetKeys: ["subnet-a"], subnetsUnresolved: false,
                securityGroupKeys: [], routeTableKeys: [], privateDNSEnabled: true, dnsEntries: [],
                unresolved: []))
    }

    @Test func writingACopyLeavesTheOriginalAsItWas() {
        let original = Self.endpoint()
        var copy = original
        copy.subnetKeys.append("subnet-b")
        copy.privateDNSEnabled = false
        copy.securityGroupAssociations["sg-1"] = original.origin
        #expect(original.subnetKeys == ["subnet-a"] && original.privateDNSEnabled == true)
        #expect(original.securityGroupAssociations.isEmpty)
        #expect(copy.subnetKeys == ["subnet-a", "subnet-b"] && copy.privateDNSEnabled == false)
        #expect(copy.securityGroupAssociations["sg-1"] == original.origin)
        #expect(original.azCount == 1 && copy.azCount == 2)
    }

    @Test func anEndpointInAnArrayIsWrittenInPlace() {
        var endpoints = [Self.endpoint(), Self.endpoint()]
        let before = endpoints
        endpoints[1].subnetKeys.append("subnet-b")
        endpoints[1].routeTableKeys.append("rtb-1")
        #expect(endpoints[0].subnetKeys == ["subnet-a"] && endpoints[1].subnetKeys == ["subnet-a", "subnet-b"])
        #expect(endpoints[1].routeTableKeys == ["rtb-1"] && before[1].routeTableKeys.isEmpty)
        #expect(before[1].subnetKeys == ["subnet-a"])
    }
}

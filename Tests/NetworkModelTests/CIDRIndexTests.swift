import Testing

@testable import NetworkModel

/// ``CIDRIndex`` answers what comparing every pair answers: random networks of both families, with few and
/// many prefix lengths, several values per network, and lookups of indexed and unindexed networks.
@Suite struct CIDRIndexTests {
    /// A small deterministic generator (xorshift), so a failure repeats.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// A network in a narrow address range (so many contain one another) at one of `lengths`.
    static func network(_ random: inout Random, lengths: [Int], ipv6Share: Int) -> CIDR {
        let length = lengths[random.below(lengths.count)]
        if random.below(100) < ipv6Share {
            let high = 0x2001_0db8_0000_0000 | UInt64(random.below(4)) << 16 | UInt64(random.below(3))
            let low = UInt64(random.below(4)) << 62
            return CIDR(isIPv6: true, address: (high, low), prefixLength: min(128, length * 4))
        }
        let address = 0x0A00_0000 | UInt64(random.below(4)) << 16 | UInt64(random.below(4)) << 8
        return CIDR(isIPv6: false, address: (0, address), prefixLength: length)
    }

    static func brute(_ entries: [(cidr: CIDR, value: Int)], containing cidr: CIDR) -> [(CIDR, [Int])] {
        let networks = Set(entries.map(\.cidr)).filter { $0.contains(cidr) }.sorted {
            $0.prefixLength < $1.prefixLength
        }
        return networks.map { network in (network, entries.filter { $0.cidr == network }.map(\.value)) }
    }

    static func brute(_ entries: [(cidr: CIDR, value: Int)], within cidr: CIDR) -> [(CIDR, [Int])] {
        let networks = Set(entries.map(\.cidr)).filter { cidr.contains($0) && $0 != cidr }.sorted()
        return networks.map { network in (network, entries.filter { $0.cidr == network }.map(\.value)) }
    }

    static func same(_ found: [(cidr: CIDR, values: [Int])], _ expected: [(CIDR, [Int])]) -> Bool {
        found.count == expected.count && zip(found, expected).allSatisfy { $0.cidr == $1.0 && $0.values == $1.1 }
    }

    @Test(arguments: [
        ([8, 16, 24], 0), ([16], 0), (Array(0...32), 0), ([0, 12, 16, 20, 28, 32], 30), ([4, 8, 16, 32], 100),
    ])
    func answersAsEveryPairDoes(lengths: [Int], ipv6Share: Int) {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(lengths.count * 131 + ipv6Share))
        for _ in 0..<20 {
            let entries = (0..<(1 + random.below(60))).map { value in
                (cidr: Self.network(&random, lengths: lengths, ipv6Share: ipv6Share), value: value)
            }
            let index = CIDRIndex(entries)
            // Lookups at every length, so networks at lengths the index lacks are asked too.
            let probes =
                entries.map(\.cidr)
                + (0..<40).map { _ in
                    Self.network(&random, lengths: Array(0...32), ipv6Share: ipv6Share)
                }
            for probe in probes {
                let containing = Self.brute(entries, containing: probe)
                let within = Self.brute(entries, within: probe)
                #expect(Self.same(index.containing(probe), containing), "containing \(probe)")
                #expect(Self.same(index.within(probe), within), "within \(probe)")
                #expect(Self.same(index.overlapping(probe), containing + within), "overlapping \(probe)")
                #expect(index.root(of: probe) == containing.first?.0)
                #expect(index.longestMatch(probe)?.cidr == containing.last?.0)
            }
        }
    }

    @Test func emptyIndexAnswersNothing() throws {
        let index = CIDRIndex<Int>([])
        let probe = try #require(CIDR("10.0.0.0/8"))
        #expect(index.containing(probe).isEmpty && index.within(probe).isEmpty && index.root(of: probe) == nil)
    }
}

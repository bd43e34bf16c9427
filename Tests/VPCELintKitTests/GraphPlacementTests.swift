import TestSupport
import Testing

@testable import LintCore

/// Where the topology picture places a finding: the linked pairs among the VPCs a finding names, found through
/// each VPC's neighbours, held to asking every pair.
@Suite("Topology picture: the linked pairs a finding names")
struct GraphPlacementTests {
    static func member(_ id: String) -> TopologySummary.Member {
        TopologySummary.Member(id: id, name: id, cidrs: ["10.0.0.0/16"], origin: nil, inInputs: true)
    }

    static func link(_ kind: String, _ id: String, _ ends: [String]) -> TopologySummary.Link {
        TopologySummary.Link(kind: kind, id: id, state: "active", isPath: true, ends: ends, resources: [])
    }

    /// Two hubs of many spokes (one spoke of both), VPCs outside any hub, and links between random VPCs.
    static func topology(_ random: inout SplitMix) -> (TopologySummary, [String]) {
        var hubs = [TopologySummary.Hub]()
        var keys = [String]()
        for hub in 0..<2 {
            let hubKey = "vpc-h\(hub)"
            keys.append(hubKey)
            let spokes = (0..<(hub == 0 ? 120 : 30)).map { index in
                let key = index == 0 ? "vpc-shared" : "vpc-h\(hub)-s\(index)"
                return TopologySummary.Spoke(
                    vpc: member(key), links: [link("peering", "pcx-\(hub)-\(index)", [hubKey, key])])
            }
            keys += spokes.map(\.vpc.id)
            hubs.append(TopologySummary.Hub(vpc: member(hubKey), spokes: spokes))
        }
        let outside = (0..<20).map { member("vpc-o\($0)") }
        keys += outside.map(\.id)
        keys = Array(Set(keys)).sorted()
        // Links between random VPCs (a VPC with itself too, which no pair holds), some twice.
        let extra = (0..<150).map { index in
            link(
                index % 3 == 0 ? "private-zone" : "transit-gateway", "x-\(index % 140)",
                [keys.randomElement(using: &random)!, keys.randomElement(using: &random)!])
        }
        return (TopologySummary(hubs: hubs, links: extra, vpcsOutsideHubs: outside), keys)
    }

    @Test("the pairs of any VPCs named, in their order, are those asking every pair finds")
    func pairsAsEveryPairFinds() {
        var random = SplitMix(state: 15)  // the same networks on every run
        let (topology, keys) = Self.topology(&random)
        let placement = GraphPlacement(topology)
        var checked = 0
        for round in 0..<400 {
            // Few VPCs (a finding about one spoke), many (a summary naming every spoke of a CIDR), and the hubs.
            let count = round % 4 == 0 ? Int.random(in: 100...keys.count, using: &random) : Int.random(in: 0...6)
            var named = Array(keys.shuffled(using: &random).prefix(count))
            if round % 5 == 0 { named.insert(round % 2 == 0 ? "vpc-h0" : "vpc-shared", at: 0) }
            var seen = Set<String>()
            named = named.filter { seen.insert($0).inserted }
            var expected = [GraphPlacement.Pair]()
            for (offset, one) in named.enumerated() {
                for other in named[(offset + 1)...] where placement.links[GraphPlacement.Pair(one, other)] != nil {
                    expected.append(GraphPlacement.Pair(one, other))
                }
            }
            #expect(placement.linkedPairs(among: named) == expected, "round \(round): \(named.count) VPCs")
            checked += expected.count
        }
        #expect(checked > 500, "the rounds named linked VPCs")
    }
}

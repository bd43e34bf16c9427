import LintCore
import NetworkModel

extension Rule {
    /// A check between a hub and a spoke that the inputs cannot decide because the hub is outside them
    /// (``Topology/outsideHubs``): one unknown per spoke, at the spoke VPC, naming the missing hub and the
    /// link that points to it. `check` says what is unknown, e.g. `whether the hub allows ...`. A hub with
    /// more than ``OutsideHubUnknowns/summarizedAbove`` spokes in the inputs gives one unknown instead, at its
    /// first spoke, saying `many` (what is unknown for all of them) with a count: an organisation's spoke files
    /// linted without the hub's would otherwise say the same thing thousands of times.
    func outsideHubUnknowns(_ model: NetworkModel, many: String, _ check: (VPC) -> String) -> [Finding] {
        var findings = [Finding]()
        for hub in model.topology.outsideHubs {
            if hub.spokes.count > OutsideHubUnknowns.summarizedAbove {
                findings.append(outsideHubSummary(hub, many: many))
                continue
            }
            for spoke in hub.spokes {
                let resources = hub.links(of: spoke.key).flatMap(\.resources)
                // A spoke associated with many of the hub's zones names a few of them and counts the rest.
                let declared = Describe.list(
                    resources.prefix(Finding.relatedLimit).map { "`\($0.address)`" }, of: resources.count,
                    more: "resources")
                findings.append(
                    finding(
                        at: spoke.origin,
                        message:
                            "\(check(spoke)) is unknown: \(Describe.outsideHub(hub)), which \(declared) \(resources.count == 1 ? "links" : "link") it to, is in no input",
                        fix: "lint the state or plan that holds \(hub.key) together with this one",
                        subject: "hub:" + hub.key, related: resources, status: .unknown,
                        relatedTotal: resources.count > Finding.relatedLimit ? resources.count : nil))
            }
        }
        return findings
    }

    /// One unknown for all the spokes of a hub outside the inputs, at the first spoke (in input order), naming
    /// three and counting the rest; `related` holds the first few spokes. The report's topology lists them
    /// all once, with their links (`hubs_outside_inputs`), for every rule that says this.
    private func outsideHubSummary(_ hub: OutsideHub, many: String) -> Finding {
        let spokes = hub.spokes.sorted { $0.origin < $1.origin }
        let named = spokes.prefix(3).map { "\(Describe.vpc($0)) (`\($0.origin.address)`)" }
        return finding(
            at: spokes[0].origin,
            message:
                "\(many) is unknown for \(spokes.count) spokes: \(Describe.outsideHub(hub)), which they link to, is in no input; "
                + Describe.list(named + ["\(spokes.count - named.count) more spokes"]),
            fix:
                "lint the state or plan that holds \(hub.key) together with the spokes' (the report's topology lists them under the hubs outside the inputs)",
            subject: "hub:" + hub.key, related: spokes.prefix(Finding.relatedLimit).map(\.origin), status: .unknown,
            relatedTotal: spokes.count)
    }
}

/// How many spokes of a hub outside the inputs get an unknown each.
enum OutsideHubUnknowns {
    /// As many as VPCE001 lists copies one by one (``DuplicateInterfaceEndpointRule/summarizedAbove``).
    static let summarizedAbove = DuplicateInterfaceEndpointRule.summarizedAbove
}

extension Describe {
    /// `hub VPC vpc-1 (10.255.0.0/16)`, `the hub behind transit gateway tgw-1`, `the hub of private hosted
    /// zone Z1`.
    static func outsideHub(_ hub: OutsideHub) -> String {
        switch hub.identity {
        case .vpc:
            return "hub VPC \(hub.key)" + (hub.vpc.map { " (\(cidrs($0.cidrs)))" } ?? "")
        case .transitGateway: return "the hub behind transit gateway \(hub.key)"
        case .privateZone: return "the hub of private hosted zone \(hub.key)"
        }
    }
}

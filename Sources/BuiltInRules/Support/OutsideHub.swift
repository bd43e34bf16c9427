import LintCore
import NetworkModel

extension Rule {
    /// A check between a hub and a spoke that the inputs cannot decide because the hub is outside them
    /// (``Topology/outsideHubs``): one unknown per spoke, at the spoke VPC, naming the missing hub and the
    /// links that point to it (five, then a count). `check` says what is unknown, e.g. `whether the hub allows
    /// ...`. Past ``SpokeUnknowns/summarizedAbove`` spokes of one hub they are one (``SpokeUnknowns``): an
    /// organisation's spoke files linted without the hub's would otherwise say the same thing thousands of times.
    func outsideHubUnknowns(_ model: NetworkModel, _ check: (VPC) -> String) -> [Finding] {
        var unknowns = SpokeUnknowns()
        for hub in model.topology.outsideHubs {
            for spoke in hub.spokes {
                let resources = hub.links(of: spoke.key).flatMap(\.resources)
                let declared = Describe.list(
                    resources.prefix(Finding.relatedLimit).map { "`\($0.address)`" }, of: resources.count,
                    more: "resources")
                let found = finding(
                    at: spoke.origin,
                    message:
                        "\(check(spoke)) is unknown: \(Describe.outsideHub(hub)), which \(declared) \(resources.count == 1 ? "links" : "link") it to, is in no input",
                    fix: "lint the state or plan that holds \(hub.key) together with this one",
                    subject: "hub:" + hub.key, related: resources, status: .unknown,
                    relatedTotal: resources.count > Finding.relatedLimit ? resources.count : nil)
                unknowns.add(found, spoke: spoke, kind: "outside:" + hub.key)
            }
        }
        return unknowns.findings
    }
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

import LintCore
import NetworkModel

extension Rule {
    /// A check between a hub and a spoke that the inputs cannot decide because the hub is outside them
    /// (``Topology/outsideHubs``): one unknown per spoke, at the spoke VPC, naming the missing hub and the
    /// link that points to it. `check` says what is unknown, e.g. `whether the hub allows ...`.
    func outsideHubUnknowns(_ model: NetworkModel, _ check: (VPC) -> String) -> [Finding] {
        var findings = [Finding]()
        for hub in model.topology.outsideHubs {
            for spoke in hub.spokes {
                let links = hub.links(of: spoke.key)
                let declared = Describe.list(links.flatMap(\.resources).map { "`\($0.address)`" })
                findings.append(
                    finding(
                        at: spoke.origin,
                        message:
                            "\(check(spoke)) is unknown: \(Describe.outsideHub(hub)), which \(declared) links it to, is in no input",
                        fix: "lint the state or plan that holds \(hub.key) together with this one",
                        subject: "hub:" + hub.key, related: links.flatMap(\.resources), status: .unknown))
            }
        }
        return findings
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

import LintCore
import NetworkModel

/// Short human names for model elements in messages.
enum Describe {
    /// `stg` (the environment), with the VPC's Name tag, or its address when one environment holds several
    /// untagged VPCs (``VPC/label``).
    static func vpc(_ vpc: VPC) -> String { vpc.label }

    /// `10.2.0.0/16, 10.20.0.0/16`.
    static func cidrs(_ cidrs: [CIDR]) -> String {
        cidrs.map(\.description).joined(separator: ", ")
    }

    /// `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// `a, b and c`, or `a, b, c and 697 more VPCs` when `items` (the first few of `total`) are only some:
    /// a message never grows with the estate.
    static func list(_ items: [String], of total: Int, more noun: String) -> String {
        let named = Array(items.prefix(Finding.relatedLimit))
        guard total > named.count else { return list(named) }
        return named.joined(separator: ", ") + " and \(total - named.count) more \(noun)"
    }

    /// A connection as a reader knows it: the peering's address, or the transit gateway; for a spoke only a
    /// zone links, what is missing.
    static func connection(_ spoke: Spoke) -> String {
        switch spoke.connection {
        case .peering(let key):
            let id = key.hasPrefix("ref:") ? "" : "\(key), "
            return "peering \(id)`\(spoke.connectionOrigin.address)` in \(spoke.connectionOrigin.environment)"
        case .transitGateway(let key): return "transit gateway `\(ModelKey.shown(key))`"
        case .privateZone:
            // Only DNS links them: a zone of the hub, or a Route 53 Profile carrying the hub's endpoints.
            let profile = spoke.links.contains {
                $0.kind == .route53Profile && $0.resources.first == spoke.connectionOrigin
            }
            return "a peering or transit gateway (none joins them; only "
                + (profile ? "Route 53 Profile association " : "private hosted zone ")
                + "`\(spoke.connectionOrigin.address)` links this spoke to the hub)"
        }
    }

    /// `stg's attachment `aws_ec2_transit_gateway_vpc_attachment.hub``.
    static func attachment(_ origin: Origin) -> String {
        "\(origin.environment)'s attachment `\(origin.address)`"
    }

    /// `transit gateway route table `X` (of shared's attachment `Y`)`.
    static func gatewayTable(_ table: Origin, of source: Origin) -> String {
        "transit gateway route table `\(table.address)` (of \(attachment(source)))"
    }
}

extension NetworkModel {
    /// Interface endpoints of every hub, by hub VPC key.
    func hubEndpoints(_ hub: Hub) -> [Endpoint] {
        interfaceEndpoints(in: hub.vpc.key).filter(\.isManaged)
    }

    /// Private zones named like `zoneName`.
    func privateZones(named zoneName: String) -> [HostedZone] {
        zones(named: zoneName).filter(\.isPrivate)
    }
}

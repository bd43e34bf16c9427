import LintCore
import NetworkModel

/// The topology in sentences, shared by the reports that print it: one line per hub (its spokes with the
/// evidence), one per hub outside the inputs, one for VPCs in no hub; or all of it in one line. Resources
/// are in backticks; each reporter escapes for its format.
enum TopologyText {
    /// `hub shared (hub-vpc) vpc-1 10.255.0.0/16: 2 spokes: dev [peering `x` active, 6 private zones], ...`.
    static func lines(_ topology: TopologySummary) -> [String] {
        var lines = topology.hubs.map { hub in
            let selected = hub.isSelected ? " (selected)" : ""
            return "hub \(member(hub.vpc))\(selected): " + spokes(hub)
        }
        lines += topology.hubsOutsideInputs.map { hub in
            let known = hub.vpc.origin.map { " (data source `\($0.address)` in \($0.environment))" } ?? ""
            return "hub outside the inputs: \(identity(hub))\(known): " + spokes(hub)
                + "; checks that need the hub are unknown"
        }
        if !topology.vpcsOutsideHubs.isEmpty {
            lines.append("in no hub: " + topology.vpcsOutsideHubs.map { "\($0.name) \($0.id)" }.joined(separator: ", "))
        }
        return lines
    }

    /// `1 hub (shared: 3 spokes), 1 hub outside the inputs (vpc-1: 3 spokes), 2 VPCs in no hub`.
    static func oneLine(_ topology: TopologySummary) -> String {
        var parts = [String]()
        if !topology.hubs.isEmpty {
            parts.append(
                count(topology.hubs.count, "hub") + " ("
                    + topology.hubs.map { "\($0.vpc.name): \(count($0.spokes.count, "spoke"))" }.joined(
                        separator: "; ") + ")")
        }
        if !topology.hubsOutsideInputs.isEmpty {
            parts.append(
                count(topology.hubsOutsideInputs.count, "hub") + " outside the inputs ("
                    + topology.hubsOutsideInputs.map { "\($0.vpc.id): \(count($0.spokes.count, "spoke"))" }.joined(
                        separator: "; ") + ")")
        }
        if !topology.vpcsOutsideHubs.isEmpty {
            parts.append(count(topology.vpcsOutsideHubs.count, "VPC") + " in no hub")
        }
        return parts.isEmpty ? "no VPC" : parts.joined(separator: ", ")
    }

    private static func member(_ member: TopologySummary.Member) -> String {
        ([member.name, ModelKey.shown(member.id)] + member.cidrs).joined(separator: " ")
    }

    private static func identity(_ hub: TopologySummary.Hub) -> String {
        switch hub.identifiedBy {
        case "transit-gateway": return "the hub behind transit gateway \(hub.vpc.id)"
        case "private-zone": return "the hub of private hosted zone \(hub.vpc.id)"
        default: return "VPC " + ([hub.vpc.id] + hub.vpc.cidrs).joined(separator: " ")
        }
    }

    private static func spokes(_ hub: TopologySummary.Hub) -> String {
        guard !hub.spokes.isEmpty else {
            return "no spokes: no active peering, routed transit gateway or private hosted zone of its endpoints "
                + "in the inputs links a VPC to it"
        }
        return count(hub.spokes.count, "spoke") + ": "
            + hub.spokes.map { "\($0.vpc.name) [\(evidence($0.links))]" }.joined(separator: ", ")
    }

    /// `peering `x` active, 6 private zones; not a path: peering `y` pending-acceptance`.
    static func evidence(_ links: [TopologySummary.Link]) -> String {
        func describe(_ links: [TopologySummary.Link]) -> [String] {
            let zones = links.filter { $0.kind == "private-zone" }
            var parts = links.filter { $0.kind != "private-zone" }.map { link in
                let resource = link.resources.first.map { "`\($0.address)`" } ?? link.id
                let kind =
                    switch link.kind {
                    case "transit-gateway": "transit gateway"
                    case "route53-profile": "Route 53 Profile"
                    default: link.kind
                    }
                return "\(kind) \(resource) \(link.state)"
            }
            let zoneCount = zones.reduce(0) { $0 + $1.ids.count }
            if zoneCount == 1, let zone = zones[0].resources.first {
                parts.append("private zone `\(zone.address)`")
            } else if zoneCount > 0 {
                parts.append("\(zoneCount) private zones")
            }
            return parts
        }
        let paths = describe(links.filter(\.isPath)).joined(separator: ", ")
        let others = describe(links.filter { !$0.isPath })
        return others.isEmpty ? paths : paths + "; not a path: " + others.joined(separator: ", ")
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}

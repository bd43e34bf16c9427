import LintCore
import NetworkModel

/// `environments.by_tag`: names each resource's environment after a tag of its VPC, for inputs that hold
/// several environments (one plan of a whole network). A resource takes the tag of the VPC it sits in (its
/// `vpc_id`, a record through its zone, a peering through its requester), else of the VPC in the same module
/// of the same file, else of the only tagged VPC of its file; without any, it keeps its file's environment.
struct EnvironmentTagger {
    /// Tag value by `path|address`.
    private var byResource: [String: String] = [:]
    /// Tag values of the VPCs of each file, with the module prefix of each VPC's address.
    private var byFile: [String: [(prefix: String, value: String)]] = [:]
    /// Tag value by VPC key.
    private(set) var byVPC: [String: String] = [:]

    init(model: NetworkModel, tag: String) {
        for vpc in model.vpcs {
            guard let value = vpc.tags[tag], !value.isEmpty else { continue }
            byVPC[vpc.key] = value
            byFile[vpc.origin.path, default: []].append((Self.modulePrefix(vpc.origin.address), value))
        }
        func place(_ origin: Origin, _ vpcKey: String?) {
            if let value = vpcKey.flatMap({ byVPC[$0] }) { byResource[origin.path + "|" + origin.address] = value }
        }
        for vpc in model.vpcs { place(vpc.origin, vpc.key) }
        for subnet in model.subnets { place(subnet.origin, subnet.vpcKey) }
        for table in model.routeTables { place(table.origin, table.vpcKey) }
        for endpoint in model.endpoints { place(endpoint.origin, endpoint.vpcKey) }
        for group in model.securityGroups { place(group.origin, group.vpcKey) }
        for attachment in model.transitGatewayAttachments { place(attachment.origin, attachment.vpcKey) }
        for peering in model.peerings { place(peering.origin, peering.requesterVPCKey) }
        var zoneVPC = [String: String]()
        for zone in model.zones {
            let own = zone.vpcKeys.sorted().first { model.vpc($0)?.origin.path == zone.origin.path }
            zoneVPC[zone.key] = own ?? (zone.vpcKeys.count == 1 ? zone.vpcKeys.first : nil)
            place(zone.origin, zoneVPC[zone.key])
        }
        for record in model.records { place(record.origin, record.zoneKey.flatMap { zoneVPC[$0] }) }
    }

    /// The environment of the resource at `origin`, or `nil` to keep the file's.
    func environment(of origin: Origin) -> String? {
        if let value = byResource[origin.path + "|" + origin.address] { return value }
        let candidates = byFile[origin.path] ?? []
        let sameModule = candidates.filter { !$0.prefix.isEmpty && origin.address.hasPrefix($0.prefix) }
        if let best = sameModule.max(by: { $0.prefix.count < $1.prefix.count }) { return best.value }
        let values = Set(candidates.map(\.value))
        return values.count == 1 ? values.first : nil
    }

    /// `finding` with its own and its related resources' environments renamed.
    func relabel(_ finding: Finding) -> Finding {
        var finding = finding
        finding.location.environment = environment(of: finding.location) ?? finding.location.environment
        finding.related = finding.related.map { origin in
            var origin = origin
            origin.environment = environment(of: origin) ?? origin.environment
            return origin
        }
        return finding
    }

    /// `module.stg.aws_vpc.this` -> `module.stg.`; a root-level address -> empty.
    static func modulePrefix(_ address: String) -> String {
        guard let range = address.range(of: ".aws_", options: .backwards) else { return "" }
        return String(address[..<range.lowerBound]) + "."
    }
}

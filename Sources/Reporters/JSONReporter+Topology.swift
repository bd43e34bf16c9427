import LintCore

/// The JSON report's `topology` section (also SARIF's run property `topology`): hubs with their spokes and
/// the links that make them spokes, hubs outside the inputs, the links no spoke lists, and the VPCs in no hub.
/// Each link is written once, and the zones linking one pair are one link: the section is linear in the VPCs.
/// A spoke with its links, and a link listed apart, is one line: one record per line in a list of thousands.
extension JSONReporter {
    static func topology(_ topology: TopologySummary) -> JSONNode {
        .object([
            ("hubs", .array(topology.hubs.map(hub))),
            ("hubs_outside_inputs", .array(topology.hubsOutsideInputs.map(hub))),
            ("links", .array(topology.links.map { .line(link($0)) })),
            ("spoke_to_spoke_paths", .int(topology.spokeToSpokePaths)),
            ("spoke_to_spoke_not_routed", .int(topology.spokeToSpokeNotRouted)),
            ("vpcs_outside_hubs", .array(topology.vpcsOutsideHubs.map(member))),
        ])
    }

    private static func hub(_ hub: TopologySummary.Hub) -> JSONNode {
        .object([
            ("vpc", member(hub.vpc)),
            ("identified_by", .string(hub.identifiedBy)),
            ("selected", .bool(hub.isSelected)),
            (
                "spokes",
                .array(
                    hub.spokes.map { spoke in
                        .line(.object([("vpc", member(spoke.vpc)), ("links", .array(spoke.links.map(link)))]))
                    })
            ),
        ])
    }

    private static func member(_ member: TopologySummary.Member) -> JSONNode {
        .object([
            ("id", .string(member.id)),
            ("name", .string(member.name)),
            ("cidrs", .array(member.cidrs.map(JSONNode.string))),
            ("in_inputs", .bool(member.inInputs)),
            ("environment", .optionalString(member.origin?.environment)),
            ("path", .optionalString(member.origin?.path)),
            ("address", .optionalString(member.origin?.address)),
        ])
    }

    private static func link(_ link: TopologySummary.Link) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("kind", .string(link.kind)),
            ("id", .string(link.id)),
        ]
        if link.ids.count > 1 { members.append(("ids", .array(link.ids.map(JSONNode.string)))) }
        members += [
            ("state", .string(link.state)),
            ("path", .bool(link.isPath)),
            ("ends", .array(link.ends.map(JSONNode.string))),
            ("resources", .array(link.resources.map(origin))),
        ]
        if link.resourcesTotal > link.resources.count {
            members.append(("resources_total", .int(link.resourcesTotal)))
        }
        return .object(members)
    }
}

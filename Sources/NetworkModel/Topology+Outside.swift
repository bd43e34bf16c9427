/// The hub-and-spoke layout the inputs show, with the evidence for each part.
public struct Topology: Sendable {
    /// Hubs in the inputs with their spokes.
    public var hubs: [Hub] = []
    /// Every link between two VPCs (paths or not), see ``NetworkModel/topologyLinks(keeping:)``, except the
    /// transit gateway pairs of two VPCs that cannot be hubs (both managed, or both not): those are counted in
    /// ``unlistedTransitGatewayPaths`` and ``unlistedTransitGatewayNoPaths``.
    public var links: [TopologyLink] = []
    /// Transit gateway paths left out of ``links``: between two VPCs of the inputs that are no hub (spokes of
    /// one gateway reach each other; a gateway with n attachments has n^2 such pairs, and no check reads them).
    public var unlistedTransitGatewayPaths = 0
    /// Transit gateway pairs left out of ``links`` that are no path (`not-routed`): between two VPCs that are no
    /// hub, such as the spokes of a gateway whose route tables keep them apart (n^2 of them, read by no check).
    public var unlistedTransitGatewayNoPaths = 0
    /// Hubs the inputs link VPCs to but do not hold: a partial view, said rather than filled in.
    public var outsideHubs: [OutsideHub] = []
    /// VPCs of the inputs (managed) that are no hub and no spoke of one.
    public var unlinkedVPCs: [VPC] = []
    /// The hub of each spoke (the first that lists it), in the inputs or outside them: VPCE001 compares the
    /// copies of a service among one hub's spokes, and a hub's component ends at its spokes.
    public var hubBySpoke: [String: String] = [:]
    /// The VPC keys of the hubs in the inputs.
    public var hubKeys: Set<String> = []

    public init() {}

    /// Whether `vpcKey` is a hub or a spoke of one (in the inputs or outside them).
    public func isInHub(_ vpcKey: String) -> Bool {
        hubKeys.contains(vpcKey) || hubBySpoke[vpcKey] != nil
    }
}

/// A hub outside the inputs: the VPCs of the inputs link to it, but no input holds it (only, perhaps, a
/// data source of its VPC). Checks between it and its spokes cannot be decided.
public struct OutsideHub: Sendable {
    /// What the inputs know it by.
    public enum Identity: String, Sendable {
        /// A peering's peer VPC ID.
        case vpc
        /// A transit gateway no input holds (the hub's attachment and route tables are elsewhere).
        case transitGateway = "transit-gateway"
        /// Only a private hosted zone ID the spokes are associated with.
        case privateZone = "private-zone"
    }

    /// The hub VPC ID, or the transit gateway or zone ID when that is all the inputs show.
    public var key: String
    public var identity: Identity
    /// A data source of the hub VPC in the inputs (its CIDRs), when there is one.
    public var vpc: VPC?
    /// VPCs of the inputs linked to it.
    public var spokes: [VPC]
    /// The links, each naming where it is declared.
    public var links: [TopologyLink]
    /// ``links`` by the spoke they link (its evidence and its zone associations), in the same order.
    var linksBySpoke: [String: [TopologyLink]]

    /// The links of `spoke` (a VPC key), looked up, not filtered out of ``links``.
    public func links(of spoke: String) -> [TopologyLink] {
        linksBySpoke[spoke] ?? []
    }
}

extension NetworkModel {
    /// Hubs and spokes from evidence, then the hubs outside the inputs that the remaining VPCs link to, then
    /// the VPCs left in no hub.
    func inferTopology() -> Topology {
        var topology = Topology()
        let possibleHubs = hubCandidates()
        (topology.links, topology.unlistedTransitGatewayPaths, topology.unlistedTransitGatewayNoPaths) =
            topologyLinks(keeping: possibleHubs)
        topology.hubs = inferHubs(topology.links, possible: possibleHubs)
        var inside = Set(topology.hubs.map(\.vpc.key))
        for hub in topology.hubs { inside.formUnion(hub.spokes.map(\.vpc.key)) }
        topology.outsideHubs = outsideHubs(topology.links, inside: inside, hubs: Set(topology.hubs.map(\.vpc.key)))
        inside.formUnion(topology.outsideHubs.flatMap { $0.spokes.map(\.key) })
        topology.unlinkedVPCs = vpcs.filter { $0.isManaged && !inside.contains($0.key) }
        topology.hubKeys = Set(topology.hubs.map(\.vpc.key))
        for hub in topology.hubs {
            for spoke in hub.spokes where topology.hubBySpoke[spoke.vpc.key] == nil {
                topology.hubBySpoke[spoke.vpc.key] = hub.vpc.key
            }
        }
        for hub in topology.outsideHubs {
            for spoke in hub.spokes where topology.hubBySpoke[spoke.key] == nil {
                topology.hubBySpoke[spoke.key] = hub.key
            }
        }
        return topology
    }

    /// For each VPC of the inputs in no hub: the peer VPCs no input holds that a path links it to, the
    /// transit gateways no input holds that it is attached to (unless a hub of the inputs is attached too),
    /// and the zones no input holds that it is associated with (these join its peer or gateway hub, if any).
    private func outsideHubs(_ links: [TopologyLink], inside: Set<String>, hubs: Set<String>) -> [OutsideHub] {
        var found = [OutsideHub]()
        var foundIndex = [String: Int]()
        var spokesOf = [Set<String>]()
        func add(_ key: String, _ identity: OutsideHub.Identity, _ spoke: VPC, _ links: [TopologyLink]) {
            if let index = foundIndex[key] {
                if spokesOf[index].insert(spoke.key).inserted { found[index].spokes.append(spoke) }
                found[index].links += links
                found[index].linksBySpoke[spoke.key, default: []] += links
            } else {
                let described = identity == .vpc ? vpc(key) : nil
                foundIndex[key] = found.count
                spokesOf.append([spoke.key])
                found.append(
                    OutsideHub(
                        key: key, identity: identity, vpc: described, spokes: [spoke], links: links,
                        linksBySpoke: [spoke.key: links]))
            }
        }
        // Looked up per VPC, each in model order: a scan of every link, attachment or association per VPC made
        // 2,000 spokes of a hub outside the inputs a quarter of the run.
        var pathLinks = [String: [TopologyLink]]()
        for link in links where link.isPath && link.kind != .privateZone {
            pathLinks[link.vpcKey, default: []].append(link)
            if link.peerKey != link.vpcKey { pathLinks[link.peerKey, default: []].append(link) }
        }
        var attachmentsOf = [String: [TransitGatewayAttachment]]()
        var gatewaysWithHub = Set<String>()
        for attachment in transitGatewayAttachments {
            guard let vpcKey = attachment.vpcKey else { continue }
            attachmentsOf[vpcKey, default: []].append(attachment)
            if let gateway = attachment.transitGatewayKey, hubs.contains(vpcKey) { gatewaysWithHub.insert(gateway) }
        }
        let zoneAssociations = Dictionary(grouping: outsideZoneAssociations) { $0.vpcKey }
        for spoke in vpcs where spoke.isManaged && !inside.contains(spoke.key) {
            var evidence = [(key: String, identity: OutsideHub.Identity, link: TopologyLink)]()
            for link in pathLinks[spoke.key] ?? [] {
                let peer = link.other(than: spoke.key)
                if vpc(peer)?.isManaged != true { evidence.append((peer, .vpc, link)) }
            }
            for attachment in attachmentsOf[spoke.key] ?? [] {
                guard let gateway = attachment.transitGatewayKey, transitGateway(gateway)?.isManaged != true,
                    !gatewaysWithHub.contains(gateway)
                else { continue }
                let link = TopologyLink(
                    kind: .transitGateway, key: gateway, vpcKey: spoke.key, peerKey: gateway,
                    state: "routes-outside-inputs", isPath: true, resources: [attachment.origin])
                evidence.append((gateway, .transitGateway, link))
            }
            let zones = (zoneAssociations[spoke.key] ?? []).map { association in
                TopologyLink(
                    kind: .privateZone, key: association.zoneKey, vpcKey: spoke.key, peerKey: association.zoneKey,
                    state: "associated", isPath: true, resources: [association.origin])
            }
            for (key, identity, link) in evidence { add(key, identity, spoke, [link]) }
            if let first = evidence.first {
                add(first.key, first.identity, spoke, zones)
            } else if let zone = zones.first {
                add(zone.key, .privateZone, spoke, zones)
            }
        }
        return found.sorted { $0.key < $1.key }
    }
}

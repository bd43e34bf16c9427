import NetworkModel

/// The hub-and-spoke layout a run inferred, as reports state it: hubs with their spokes and the evidence
/// for each (``NetworkModel/topology``), hubs outside the inputs, and VPCs in no hub.
public struct TopologySummary: Sendable, Hashable {
    /// A VPC (or, for a hub outside the inputs known only by it, a transit gateway or zone).
    public struct Member: Sendable, Hashable {
        /// The VPC ID (or transit gateway or zone ID).
        public var id: String
        /// The environment, with the `Name` tag when there is one; the ID when no input declares it.
        public var name: String
        public var cidrs: [String]
        /// Where the inputs declare it (a data source, for a VPC no input manages); `nil` when none does.
        public var origin: Origin?
        /// Whether an input manages it (not only a data source).
        public var inInputs: Bool

        public init(id: String, name: String, cidrs: [String], origin: Origin?, inInputs: Bool) {
            self.id = id
            self.name = name
            self.cidrs = cidrs
            self.origin = origin
            self.inInputs = inInputs
        }
    }

    /// One link between two VPCs (``TopologyLink``); the private hosted zones that link one pair the same way
    /// are one link with every zone in ``ids``, so a spoke's entry does not grow with the services.
    public struct Link: Sendable, Hashable {
        /// `peering`, `transit-gateway`, `private-zone`, `resolver-rule` or `route53-profile`.
        public var kind: String
        /// The peering, transit gateway or zone ID (for several zones, the first).
        public var id: String
        /// Every ID the link stands for: `[id]`, or the zones of one pair.
        public var ids: [String]
        /// See ``TopologyLink/state``.
        public var state: String
        public var isPath: Bool
        /// The IDs at its two ends.
        public var ends: [String]
        /// Where it is declared: at most ``Finding/relatedLimit``; for several zones, the first zone's
        /// (``resourcesTotal`` counts them all).
        public var resources: [Origin]
        public var resourcesTotal: Int

        public init(
            kind: String, id: String, ids: [String]? = nil, state: String, isPath: Bool, ends: [String],
            resources: [Origin], resourcesTotal: Int? = nil
        ) {
            self.kind = kind
            self.id = id
            self.ids = ids ?? [id]
            self.state = state
            self.isPath = isPath
            self.ends = ends
            self.resources = Array(resources.prefix(Finding.relatedLimit))
            self.resourcesTotal = max(resourcesTotal ?? resources.count, self.resources.count)
        }
    }

    public struct Spoke: Sendable, Hashable {
        public var vpc: Member
        /// What links it to its hub, paths first.
        public var links: [Link]

        public init(vpc: Member, links: [Link]) {
            self.vpc = vpc
            self.links = links
        }
    }

    public struct Hub: Sendable, Hashable {
        public var vpc: Member
        /// `vpc`, or for a hub outside the inputs known only so, `transit-gateway` or `private-zone`.
        public var identifiedBy: String
        /// Named by `--hub` or `hubs:` rather than inferred.
        public var isSelected: Bool
        public var spokes: [Spoke]

        public init(vpc: Member, identifiedBy: String = "vpc", isSelected: Bool = false, spokes: [Spoke]) {
            self.vpc = vpc
            self.identifiedBy = identifiedBy
            self.isSelected = isSelected
            self.spokes = spokes
        }
    }

    public var hubs: [Hub]
    /// Hubs the inputs link VPCs to but do not hold: the checks that need them are unknown.
    public var hubsOutsideInputs: [Hub]
    /// The links that explain the layout and no spoke lists (each link is listed once): links with a hub at
    /// one end to a VPC that is not its spoke, and links that are no path (a pending peering) between VPCs that
    /// are not hub and spoke. Transit gateway pairs of two VPCs that are not hubs (spokes of one gateway) are
    /// counted instead, in ``spokeToSpokePaths`` when they reach each other and ``spokeToSpokeNotRouted`` when
    /// not: there are n² of them, and no check reads them.
    public var links: [Link]
    /// Paths between two VPCs neither of which is a hub, left out of ``links``.
    public var spokeToSpokePaths: Int
    /// Transit gateway pairs of two VPCs neither of which may be a hub that no route table connects
    /// (`not-routed`), left out of ``links``: a gateway that keeps its spokes apart has n² of them, and no check
    /// reads them.
    public var spokeToSpokeNotRouted: Int
    /// VPCs of the inputs in no hub.
    public var vpcsOutsideHubs: [Member]

    public init(
        hubs: [Hub] = [], hubsOutsideInputs: [Hub] = [], links: [Link] = [], spokeToSpokePaths: Int = 0,
        spokeToSpokeNotRouted: Int = 0, vpcsOutsideHubs: [Member] = []
    ) {
        self.hubs = hubs
        self.hubsOutsideInputs = hubsOutsideInputs
        self.links = links
        self.spokeToSpokePaths = spokeToSpokePaths
        self.spokeToSpokeNotRouted = spokeToSpokeNotRouted
        self.vpcsOutsideHubs = vpcsOutsideHubs
    }

    /// The topology of `model`.
    public init(_ model: NetworkModel) {
        let topology = model.topology
        let selected = !model.hubSelectors.isEmpty
        let hubKeys = Set(topology.hubs.map(\.vpc.key) + topology.outsideHubs.map(\.key))
        let shown = topology.links.filter { link in
            !link.isPath || hubKeys.contains(link.vpcKey) || hubKeys.contains(link.peerKey)
        }
        var listed = Set<TopologyLink>()
        listed.reserveCapacity(topology.hubs.reduce(0) { $0 + $1.spokes.reduce(0) { $0 + $1.links.count } })
        let hubs = topology.hubs.map { hub in
            Hub(
                vpc: Self.member(hub.vpc), isSelected: selected,
                spokes: hub.spokes.map { spoke in
                    listed.formUnion(spoke.links)
                    return Spoke(vpc: Self.member(spoke.vpc), links: Self.links(spoke.links))
                })
        }
        let outside = topology.outsideHubs.map { hub in
            Hub(
                vpc: hub.vpc.map(Self.member)
                    ?? Member(id: hub.key, name: hub.key, cidrs: [], origin: nil, inInputs: false),
                identifiedBy: hub.identity.rawValue,
                spokes: hub.spokes.map { spoke in
                    let links = hub.links(of: spoke.key)
                    listed.formUnion(links)
                    return Spoke(vpc: Self.member(spoke), links: Self.links(links, hub: hub.key))
                })
        }
        self.init(
            hubs: hubs, hubsOutsideInputs: outside, links: Self.links(shown.filter { !listed.contains($0) }),
            spokeToSpokePaths: topology.links.count - shown.count + topology.unlistedTransitGatewayPaths,
            spokeToSpokeNotRouted: topology.unlistedTransitGatewayNoPaths,
            vpcsOutsideHubs: topology.unlinkedVPCs.map(Self.member))
    }

    /// `links` as reports list them: the private zones that link one pair the same way (state, path) as one
    /// link, in the order of their first zone, naming the first zone's resources and counting the others'. For
    /// a spoke of a hub outside the inputs (`hub`), whose zone links end at each zone, its zones are one link
    /// the same way, ending at the hub.
    private static func links(_ links: [TopologyLink], hub: String? = nil) -> [Link] {
        var result = [Link]()
        var zones = [ZonePair: (index: Int, ids: [String], total: Int)]()
        for link in links {
            guard link.kind == .privateZone else {
                result.append(Self.link(link))
                continue
            }
            let key = ZonePair(vpc: link.vpcKey, peer: hub ?? link.peerKey, state: link.state, isPath: link.isPath)
            if let position = zones.index(forKey: key) {
                // In place: the pair's list of zones is not copied for each zone it gains.
                zones.values[position].ids.append(link.key)
                zones.values[position].total += link.resources.count
            } else {
                zones[key] = (result.count, [link.key], link.resources.count)
                result.append(Self.link(link))
            }
        }
        // The first zone's resources stand for all (each zone's own are in the inputs under its ID).
        for zone in zones.values where zone.ids.count > 1 {
            let first = result[zone.index]
            result[zone.index] = Link(
                kind: first.kind, id: first.id, ids: zone.ids, state: first.state, isPath: first.isPath,
                ends: hub.map { [first.ends[0], $0] } ?? first.ends, resources: first.resources,
                resourcesTotal: zone.total)
        }
        return result
    }

    /// The zone links that are one link in a report: between one pair, the same way.
    private struct ZonePair: Hashable {
        var vpc: String
        var peer: String
        var state: String
        var isPath: Bool
    }

    private static func member(_ vpc: VPC) -> Member {
        let name =
            vpc.isManaged ? vpc.label : (vpc.tags["Name"] ?? vpc.key)
        return Member(
            id: vpc.key, name: name, cidrs: vpc.cidrs.map(\.description), origin: vpc.origin, inInputs: vpc.isManaged)
    }

    private static func link(_ link: TopologyLink) -> Link {
        Link(
            kind: link.kind.rawValue, id: link.key, state: link.state, isPath: link.isPath,
            ends: [link.vpcKey, link.peerKey], resources: link.resources)
    }
}

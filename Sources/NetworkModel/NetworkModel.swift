import TerraformShow

/// The AWS network that all inputs of one run describe together, linked by IDs (and, in plans, by
/// configuration references). Every collection is sorted by origin, so rules see the same order on
/// every run.
public struct NetworkModel: Sendable {
    public internal(set) var inputs: [Input] = []
    public internal(set) var vpcs: [VPC] = []
    public internal(set) var subnets: [Subnet] = []
    public internal(set) var routeTables: [RouteTable] = []
    public internal(set) var peerings: [PeeringConnection] = []
    public internal(set) var transitGatewayAttachments: [TransitGatewayAttachment] = []
    public internal(set) var transitGateways: [TransitGateway] = []
    /// Route tables with their static routes, associations and propagations (see TransitGatewayRouting.swift).
    public internal(set) var transitGatewayRouteTables: [TransitGatewayRouteTable] = []
    public internal(set) var endpoints: [Endpoint] = []
    public internal(set) var securityGroups: [SecurityGroup] = []
    public internal(set) var zones: [HostedZone] = []
    public internal(set) var records: [DNSRecord] = []
    public internal(set) var prefixLists: [PrefixList] = []
    /// Route 53 Resolver endpoints and rules (with the VPCs each rule is associated with).
    public internal(set) var resolverEndpoints: [ResolverEndpoint] = []
    public internal(set) var resolverRules: [ResolverRule] = []
    /// Resolver rule associations whose rule or VPC a plan leaves unknown (`zoneKey` holds the rule's key).
    public internal(set) var unplacedResolverAssociations: [UnplacedAssociation] = []
    /// Routes and security group rules whose table or group a plan leaves unknown, with why: rules report
    /// the checks these could decide as unknown instead of failing them.
    public internal(set) var unplacedRoutes: [(route: Route, problem: Unresolved)] = []
    public internal(set) var unplacedRules: [(rule: SecurityGroupRule, problem: Unresolved)] = []
    /// Zone associations whose zone or VPC a plan leaves unknown (the known side is kept).
    public internal(set) var unplacedZoneAssociations: [UnplacedAssociation] = []
    /// Transit gateway routes, associations and propagations whose route table or attachment a plan leaves
    /// unknown: a transit gateway hop they could decide is unknown rather than failed.
    public internal(set) var unplacedTransitGatewayItems: [(origin: Origin, problem: Unresolved)] = []
    /// Records whose zone a plan leaves unknown.
    public internal(set) var unplacedRecords: [(record: DNSRecord, problem: Unresolved)] = []
    /// Route 53 Profiles, their associations with VPCs and the resources they carry (the zones and Resolver
    /// rules among these are also in their zones' ``HostedZone/vpcKeys`` and rules' ``ResolverRule/vpcKeys``).
    public internal(set) var profiles: [DNSProfile] = []
    public internal(set) var profileAssociations: [ProfileAssociation] = []
    public internal(set) var profileResources: [ProfileResource] = []
    /// Zone associations whose zone no input holds: evidence of a hub outside the inputs (see ``topology``).
    public internal(set) var outsideZoneAssociations: [(zoneKey: String, vpcKey: String, origin: Origin)] = []
    /// Resolver rule associations whose rule no input holds (by an association of the VPC's own, or a Route 53
    /// Profile's): its domain is unknown, so where the VPC's queries go is too (``outsideResolverRules(of:)``).
    public internal(set) var outsideResolverAssociations: [OutsideResolverAssociation] = []
    /// VPCs named as hubs by configuration; empty means hubs are inferred.
    public internal(set) var hubSelectors: [String] = []

    var vpcIndex: [String: Int] = [:]
    var subnetIndex: [String: Int] = [:]
    var securityGroupIndex: [String: Int] = [:]
    var zoneIndex: [String: Int] = [:]
    var prefixListIndex: [String: Int] = [:]
    var endpointIndex: [String: Int] = [:]
    var peeringIndex: [String: Int] = [:]
    /// Route table key per subnet key (explicit associations).
    var subnetRouteTable: [String: Int] = [:]
    /// Main route table per VPC key.
    var mainRouteTable: [String: Int] = [:]
    /// Lookups the rules and the path engine make per VPC or zone, built once so that no check scans the
    /// whole model per element (account-scale inputs hold thousands of VPCs).
    var interfaceEndpointsByVPC: [String: [Int]] = [:]
    var endpointsByVPC: [String: [Int]] = [:]
    var recordsByZone: [String: [Int]] = [:]
    var subnetsByVPC: [String: [Int]] = [:]
    var zonesByName: [String: [Int]] = [:]
    /// For a name that many zones share (one private zone per service in each of hundreds of hubs), the first of
    /// them that is private and associated with each VPC: ``privateZone(named:associatedWith:)`` without asking
    /// every hub's zone per spoke and service. Names of fewer zones are not held (a few are read faster).
    var privateZoneByNameAndVPC: [ZoneNameAndVPC: Int] = [:]
    /// The first gateway endpoint of each service (in model order): where one is, when a VPC lacks it.
    var firstGatewayEndpoint: [String: Int] = [:]
    /// Peering keys by `VPC|PEER` (both ways), and the transit gateways each VPC is attached to: what joins two
    /// VPCs, found without scanning a hub's connections per spoke or storing the n^2 pairs of one gateway.
    var peeringKeysByPair: [String: Set<String>] = [:]
    var gatewaysByVPC: [String: Set<String>] = [:]
    /// Transit gateways, their route tables and attachments by key; attachments per gateway; the route table
    /// each attachment is explicitly associated with (the first that names it).
    var transitGatewayIndex: [String: Int] = [:]
    var transitGatewayRouteTableIndex: [String: Int] = [:]
    var transitGatewayAttachmentIndex: [String: Int] = [:]
    var attachmentsByGateway: [String: [Int]] = [:]
    var associatedTableIndex: [String: Int] = [:]
    /// Route tables per VPC key.
    var routeTablesByVPC: [String: [Int]] = [:]
    /// Peerings per VPC key, both ways (``connections(of:)`` adds the transit gateways' attachments per call).
    var peeringConnectionsByVPC: [String: [(peer: String, connection: Connection, origin: Origin)]] = [:]
    /// Attachments per gateway whose VPC holds interface endpoints, in attachment order.
    var interfaceEndpointAttachmentsByGateway: [String: [Int]] = [:]
    var aliasedEndpointKeys: Set<String> = []
    /// Hubs, decided once with the topology (see ``inferHubs(_:possible:)``): `topology.hubs`.
    public var hubs: [Hub] { topology.hubs }
    /// Hubs and spokes with the evidence that links them, hubs outside the inputs and VPCs in no hub,
    /// decided once: when the model is built, or for a model built without them by ``inferTopologyIfNeeded()``.
    public var topology: Topology {
        assert(inferredTopology != nil, "the topology is read before inferTopologyIfNeeded()")
        return inferredTopology ?? Topology()
    }
    /// Nil until inferred (see ``init(documents:hubSelectors:inferringTopology:)``).
    private var inferredTopology: Topology? = Topology()
    /// Derived facts computed once (see ``memoized(_:_:)``).
    private(set) var memo = ModelMemo()

    public init() {}

    /// The fewest VPCs for which work over a model (its topology, the rules) runs on all cores: below, starting
    /// the workers costs more than the work (a team's environments).
    public static let concurrentFromVPCs = 64

    /// The fewest zones of one name for which ``privateZone(named:associatedWith:)`` is answered from
    /// ``privateZoneByNameAndVPC``.
    static let indexedZonesPerName = 8

    /// Builds the model from every input of a run: `(environment, document)` pairs.
    public init(documents: [(environment: String, document: TerraformDocument)], hubSelectors: [String] = []) {
        self.init(documents: documents, hubSelectors: hubSelectors, inferringTopology: true)
    }

    /// The same; with `inferringTopology` false, the hubs and spokes are left to ``inferTopologyIfNeeded()``,
    /// which needs no document: a caller that holds the documents' values can let go of them first (the values
    /// and the topology were the peak of a large check together). Nothing may read the topology before.
    public init(
        documents: [(environment: String, document: TerraformDocument)], hubSelectors: [String] = [],
        inferringTopology: Bool
    ) {
        self.init(
            documents: documents, hubSelectors: hubSelectors, inferringTopology: inferringTopology, segmentSize: nil)
    }

    /// The same, the resources read in segments of `segmentSize` on all cores (nil: as their number
    /// decides, see ``ModelBuilder/collecting(_:segmentSize:)``); the model is the same for any size.
    package init(
        documents: [(environment: String, document: TerraformDocument)], hubSelectors: [String] = [],
        inferringTopology: Bool, segmentSize: Int?
    ) {
        self = ModelBuilder.collecting(documents, segmentSize: segmentSize).finish()
        self.hubSelectors = hubSelectors
        buildIndexes()
        inferredTopology = nil
        if inferringTopology { inferTopologyIfNeeded() }
    }

    /// Infers the hubs, spokes and their links if the model was built without them.
    public mutating func inferTopologyIfNeeded() {
        guard inferredTopology == nil else { return }
        inferredTopology = inferTopology()
    }

    private mutating func buildIndexes() {
        for (offset, endpoint) in endpoints.enumerated() {
            if endpoint.type == .gateway, firstGatewayEndpoint[endpoint.service] == nil {
                firstGatewayEndpoint[endpoint.service] = offset
            }
            guard let vpcKey = endpoint.vpcKey else { continue }
            endpointsByVPC[vpcKey, default: []].append(offset)
            if endpoint.type == .interface { interfaceEndpointsByVPC[vpcKey, default: []].append(offset) }
        }
        for (offset, record) in records.enumerated() {
            if let zoneKey = record.zoneKey { recordsByZone[zoneKey, default: []].append(offset) }
            if let endpoint = record.aliasEndpointKey { aliasedEndpointKeys.insert(endpoint) }
        }
        for (offset, subnet) in subnets.enumerated() {
            if let vpcKey = subnet.vpcKey { subnetsByVPC[vpcKey, default: []].append(offset) }
        }
        for (offset, zone) in zones.enumerated() { zonesByName[zone.name, default: []].append(offset) }
        for (name, offsets) in zonesByName where offsets.count >= Self.indexedZonesPerName {
            for offset in offsets where zones[offset].isPrivate {
                for vpcKey in zones[offset].vpcKeys {
                    let key = ZoneNameAndVPC(name: name, vpcKey: vpcKey)
                    // As ``privateZone(named:associatedWith:)`` picks: the VPC's own association first.
                    if let first = privateZoneByNameAndVPC[key],
                        zones[first].viaProfile[vpcKey] == nil || zones[offset].viaProfile[vpcKey] != nil
                    {
                        continue
                    }
                    privateZoneByNameAndVPC[key] = offset
                }
            }
        }
        for (offset, peering) in peerings.enumerated() where peeringIndex[peering.key] == nil {
            peeringIndex[peering.key] = offset
        }
        peeringConnectionsByVPC = peeringConnections()
        for peering in peerings {
            guard let requester = peering.requesterVPCKey, let accepter = peering.accepterVPCKey else { continue }
            peeringKeysByPair[requester + "|" + accepter, default: []].insert(peering.key)
            peeringKeysByPair[accepter + "|" + requester, default: []].insert(peering.key)
        }
        for attachment in transitGatewayAttachments {
            guard let vpc = attachment.vpcKey, let gateway = attachment.transitGatewayKey, !gateway.isEmpty else {
                continue
            }
            gatewaysByVPC[vpc, default: []].insert(gateway)
        }
        for (offset, gateway) in transitGateways.enumerated() where transitGatewayIndex[gateway.key] == nil {
            transitGatewayIndex[gateway.key] = offset
        }
        for (offset, table) in transitGatewayRouteTables.enumerated() {
            if transitGatewayRouteTableIndex[table.key] == nil { transitGatewayRouteTableIndex[table.key] = offset }
            for association in table.associations where associatedTableIndex[association.attachmentKey] == nil {
                associatedTableIndex[association.attachmentKey] = offset
            }
        }
        for (offset, attachment) in transitGatewayAttachments.enumerated() {
            if transitGatewayAttachmentIndex[attachment.key] == nil {
                transitGatewayAttachmentIndex[attachment.key] = offset
            }
            if let gateway = attachment.transitGatewayKey { attachmentsByGateway[gateway, default: []].append(offset) }
            if let gateway = attachment.transitGatewayKey, let vpc = attachment.vpcKey,
                interfaceEndpointsByVPC[vpc] != nil
            {
                interfaceEndpointAttachmentsByGateway[gateway, default: []].append(offset)
            }
        }
        for (offset, table) in routeTables.enumerated() {
            if let vpcKey = table.vpcKey { routeTablesByVPC[vpcKey, default: []].append(offset) }
        }
    }

    public func vpc(_ key: String?) -> VPC? { key.flatMap { vpcIndex[$0] }.map { vpcs[$0] } }
    public func subnet(_ key: String?) -> Subnet? { key.flatMap { subnetIndex[$0] }.map { subnets[$0] } }
    /// A subnet's AZ, read in place (nil when the subnet is not in the inputs or its AZ is unknown).
    func availabilityZone(ofSubnet key: String) -> String? {
        subnetIndex[key].flatMap { subnets[$0].availabilityZone }
    }
    public func securityGroup(_ key: String?) -> SecurityGroup? {
        key.flatMap { securityGroupIndex[$0] }.map { securityGroups[$0] }
    }
    public func zone(_ key: String?) -> HostedZone? { key.flatMap { zoneIndex[$0] }.map { zones[$0] } }
    public func endpoint(_ key: String?) -> Endpoint? { key.flatMap { endpointIndex[$0] }.map { endpoints[$0] } }
    public func peering(_ key: String?) -> PeeringConnection? {
        key.flatMap { peeringIndex[$0] }.map { peerings[$0] }
    }
    public func prefixList(_ key: String?) -> PrefixList? {
        key.flatMap { prefixListIndex[$0] }.map { prefixLists[$0] }
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main route table.
    public func routeTable(forSubnet key: String) -> RouteTable? {
        if let index = subnetRouteTable[key] { return routeTables[index] }
        guard let vpcKey = subnet(key)?.vpcKey, let index = mainRouteTable[vpcKey] else { return nil }
        return routeTables[index]
    }

    /// Interface endpoints of a VPC.
    public func interfaceEndpoints(in vpcKey: String) -> [Endpoint] {
        (interfaceEndpointsByVPC[vpcKey] ?? []).map { endpoints[$0] }
    }

    /// Every endpoint of a VPC (interface, gateway, Gateway Load Balancer).
    public func endpoints(in vpcKey: String) -> [Endpoint] {
        (endpointsByVPC[vpcKey] ?? []).map { endpoints[$0] }
    }

    /// The first gateway endpoint for `service` in any VPC.
    public func firstGatewayEndpoint(service: String) -> Endpoint? {
        firstGatewayEndpoint[service].map { endpoints[$0] }
    }

    /// Route tables of a VPC.
    public func routeTables(in vpcKey: String) -> [RouteTable] {
        (routeTablesByVPC[vpcKey] ?? []).map { routeTables[$0] }
    }

    /// Records of a zone.
    public func records(in zoneKey: String) -> [DNSRecord] {
        (recordsByZone[zoneKey] ?? []).map { records[$0] }
    }

    /// Subnets of a VPC.
    public func subnets(in vpcKey: String) -> [Subnet] {
        (subnetsByVPC[vpcKey] ?? []).map { subnets[$0] }
    }

    /// Hosted zones with this (normalised) name.
    public func zones(named name: String) -> [HostedZone] {
        (zonesByName[name] ?? []).map { zones[$0] }
    }

    /// The first of ``zones(named:)`` that is private and associated with the VPC, read in place (the path
    /// engine asks for each spoke and service: copying every zone of the name, with its VPC set, each time
    /// was a fifth of a DNS rule's time), or looked up when many zones share the name (200 hubs' zones asked
    /// in turn for each of their 8,000 spokes were a fifth of the run).
    func privateZone(named name: String, associatedWith vpcKey: String) -> HostedZone? {
        guard let offsets = zonesByName[name] else { return nil }
        if offsets.count >= Self.indexedZonesPerName {
            return privateZoneByNameAndVPC[ZoneNameAndVPC(name: name, vpcKey: vpcKey)].map { zones[$0] }
        }
        // A zone associated with the VPC itself wins over a profile's zone of the same name.
        var profiles: Int?
        for offset in offsets where zones[offset].isPrivate && zones[offset].vpcKeys.contains(vpcKey) {
            if zones[offset].viaProfile.isEmpty || zones[offset].viaProfile[vpcKey] == nil { return zones[offset] }
            profiles = profiles ?? offset
        }
        return profiles.map { zones[$0] }
    }

    /// The first interface endpoint of a VPC that `predicate` accepts, read in place.
    func firstInterfaceEndpoint(in vpcKey: String, where predicate: (Endpoint) -> Bool) -> Endpoint? {
        for offset in interfaceEndpointsByVPC[vpcKey] ?? [] where predicate(endpoints[offset]) {
            return endpoints[offset]
        }
        return nil
    }

    /// The first record of a zone whose type is one of `types` and that `accepts`, read in place; and of
    /// those that `ranks` (a number) and `accepts` refuses, the first of the highest rank.
    func record(
        in zoneKey: String, types: [String], accepting accepts: (DNSRecord) -> Bool, else ranks: (DNSRecord) -> Int?
    ) -> DNSRecord? {
        var best: (offset: Int, rank: Int)?
        for offset in recordsByZone[zoneKey] ?? [] where types.contains(records[offset].type) {
            if accepts(records[offset]) { return records[offset] }
            if let rank = ranks(records[offset]), rank > best?.rank ?? Int.min { best = (offset, rank) }
        }
        return best.map { records[$0.offset] }
    }
}

/// A zone name and a VPC key, the key of ``NetworkModel/privateZoneByNameAndVPC``.
struct ZoneNameAndVPC: Hashable, Sendable {
    var name: String
    var vpcKey: String
}

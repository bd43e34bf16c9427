/// Something in the inputs that links two VPCs: a peering, a transit gateway, a private hosted zone of one
/// associated with the other. Only a link that is a path (``isPath``) makes a spoke; the others are kept so
/// that reports can say why a VPC is no spoke (a peering still pending acceptance, say).
public struct TopologyLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case peering
        case transitGateway = "transit-gateway"
        case privateZone = "private-zone"
        /// A Route 53 Resolver rule forwarding a VPC's queries to a hub's inbound endpoint.
        case resolverRule = "resolver-rule"
        /// A Route 53 Profile associated with a VPC that carries interface endpoints (with private DNS) of
        /// another: their names answer in the VPC (a profile's zones are ``privateZone`` links).
        case route53Profile = "route53-profile"
    }

    public var kind: Kind
    /// The peering, transit gateway, zone or resolver rule key.
    public var key: String
    /// The VPC at one end (for a zone: the VPC it is associated with).
    public var vpcKey: String
    /// The other end: a VPC key (for a zone: the VPC whose endpoints it aliases); for a link into a hub
    /// outside the inputs whose VPC is unknown, the transit gateway or zone key.
    public var peerKey: String
    /// Peerings: their `accept_status` (`active`, `pending-acceptance`, ...), or for a plan `accepted-on-apply`
    /// (auto_accept in one account, or an accepter in the inputs) or `not-accepted`. Transit gateways:
    /// `routed` (a gateway route table of one attachment sends the other's CIDR to it), `not-routed`,
    /// `unknown-until-apply`, `routes-unchecked` (a CIDR is unknown) or `routes-outside-inputs`. Zones:
    /// `associated`.
    public var state: String
    /// Traffic can take it (or a plan says it will): active peering, routed or uncheckable transit gateway,
    /// associated zone.
    public var isPath: Bool
    /// Where it is declared (the peering and its accepter, both attachments, the zone or association).
    public var resources: [Origin]

    /// What names the link (equal links have equal hashes: `==` still compares every field). Hashing the
    /// state and the resources' origins too was a third of the topology summary's time.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(key)
        hasher.combine(vpcKey)
        hasher.combine(peerKey)
    }

    public init(
        kind: Kind, key: String, vpcKey: String, peerKey: String, state: String, isPath: Bool, resources: [Origin]
    ) {
        self.kind = kind
        self.key = key
        self.vpcKey = vpcKey
        self.peerKey = peerKey
        self.state = state
        self.isPath = isPath
        self.resources = resources
    }

    /// Whether `vpc` is one of its ends.
    public func joins(_ vpc: String) -> Bool { vpcKey == vpc || peerKey == vpc }

    /// The end that is not `vpc`.
    public func other(than vpc: String) -> String { vpcKey == vpc ? peerKey : vpcKey }
}

extension NetworkModel {
    /// Every link between two VPCs the inputs show, in a stable order: peerings, transit gateway attachment
    /// pairs, private hosted zones that alias one VPC's endpoints and are associated with another, and
    /// Resolver rules that forward one VPC's queries to another's inbound endpoint. A transit gateway pair
    /// of two VPCs neither of which is in `kept` (both managed, or both not) is only counted: in `unlisted` when
    /// it is a path, in `notRouted` when it is not. A gateway with n attachments has n^2 of them, and only the
    /// links of a possible hub or of a VPC outside the inputs are read (see ``TransitGatewayPairs``).
    func topologyLinks(keeping kept: Set<String>) -> (links: [TopologyLink], unlisted: Int, notRouted: Int) {
        // The transit gateways' links beside the others' on a large network (each about half the work).
        let parts = [true, false].concurrentMap(minimum: vpcs.count >= Self.concurrentFromVPCs ? 2 : .max) {
            gateways -> (
                peerings: [TopologyLink], gateways: [TopologyLink], zones: [TopologyLink], unlisted: Int,
                notRouted: Int
            ) in
            guard gateways else { return (peeringLinks(), [], zoneLinks(), 0, 0) }
            let found = transitGatewayLinks(keeping: kept)
            return ([], found.links, [], found.unlisted, found.notRouted)
        }
        return (
            parts[1].peerings + parts[0].gateways + parts[1].zones + resolverRuleLinks() + profileEndpointLinks(),
            parts[0].unlisted,
            parts[0].notRouted
        )
    }

    private func peeringLinks() -> [TopologyLink] {
        peerings.compactMap { peering in
            guard let requester = peering.requesterVPCKey, let accepter = peering.accepterVPCKey, requester != accepter
            else { return nil }
            let state: String
            if let status = peering.status {
                state = status
            } else if peering.accepter != nil || (peering.autoAccept == true && peering.peerOwnerID == nil) {
                state = "accepted-on-apply"
            } else {
                state = "not-accepted"
            }
            return TopologyLink(
                kind: .peering, key: peering.key, vpcKey: requester, peerKey: accepter, state: state,
                isPath: state == "active" || state == "accepted-on-apply",
                resources: [peering.origin] + (peering.accepter.map { [$0] } ?? []))
        }
    }

    private func transitGatewayLinks(
        keeping kept: Set<String>
    ) -> (links: [TopologyLink], unlisted: Int, notRouted: Int) {
        let byGateway = Dictionary(grouping: transitGatewayAttachments.filter { $0.vpcKey != nil }) {
            $0.transitGatewayKey ?? ""
        }
        var links = [TopologyLink]()
        var (unlisted, notRouted) = (0, 0)
        for gateway in byGateway.keys.sorted() where !gateway.isEmpty {
            let pairs = TransitGatewayPairs(self, gateway: gateway, attachments: byGateway[gateway] ?? [])
            let found = pairs.links(keeping: kept)
            links += found.links
            unlisted += pairs.pairCount - found.links.count - found.notRouted
            notRouted += found.notRouted
        }
        return (links, unlisted, notRouted)
    }

    /// A private zone whose records alias endpoints of one VPC links each other VPC it is associated with to
    /// that one: the zone hands the endpoint addresses to those VPCs.
    private func zoneLinks() -> [TopologyLink] {
        var links = [TopologyLink]()
        for zone in zones where zone.isPrivate {
            let holders = Set(records(in: zone.key).compactMap { endpoint($0.aliasEndpointKey)?.vpcKey })
            for holder in holders.sorted() {
                for vpc in zone.vpcKeys.sorted() where vpc != holder {
                    links.append(
                        TopologyLink(
                            kind: .privateZone, key: zone.key, vpcKey: vpc, peerKey: holder, state: "associated",
                            isPath: true, resources: [zone.origin] + (zone.viaProfile[vpc] ?? [])))
                }
            }
        }
        return links
    }

    /// A Route 53 Profile that carries interface endpoints with private DNS links each VPC it is associated with
    /// to the endpoints' VPCs, once per pair: the profile's association with the VPC, then the first endpoint's
    /// with the profile.
    func profileEndpointLinks() -> [TopologyLink] {
        guard !profileAssociations.isEmpty else { return [] }
        var links = [TopologyLink]()
        for association in profileAssociations {
            var seen = Set<String>()
            for resource in profileResources(of: association.profileKey) where resource.kind == .interfaceEndpoint {
                guard let endpoint = endpoint(resource.resourceKey), endpoint.privateDNSEnabled == true,
                    let holder = endpoint.vpcKey, holder != association.vpcKey, seen.insert(holder).inserted
                else { continue }
                links.append(
                    TopologyLink(
                        kind: .route53Profile, key: association.profileKey, vpcKey: association.vpcKey,
                        peerKey: holder, state: "associated", isPath: true,
                        resources: [association.origin, resource.origin]))
            }
        }
        return links
    }

    /// A Route 53 Resolver rule (`aws_route53_resolver_rule` with an `aws_route53_resolver_rule_association`)
    /// that forwards a VPC's queries to an inbound Resolver endpoint links that VPC to the endpoint's VPC: the
    /// hub answers the names the spoke asks for.
    func resolverRuleLinks() -> [TopologyLink] {
        var links = [TopologyLink]()
        for rule in resolverRules where rule.kind == .forward {
            let hubs = Set(inboundEndpoints(targetedBy: rule).compactMap(\.vpcKey))
            for hub in hubs.sorted() {
                for vpc in rule.vpcKeys.sorted() where vpc != hub {
                    links.append(
                        TopologyLink(
                            kind: .resolverRule, key: rule.key, vpcKey: vpc, peerKey: hub, state: "associated",
                            isPath: true, resources: [rule.origin] + rule.associations))
                }
            }
        }
        return links
    }
}

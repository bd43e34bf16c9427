#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a model element came from: environment, input file and Terraform address.
public struct Origin: Sendable, Hashable, Comparable, Codable {
    public var environment: String
    public var path: String
    public var address: String

    public init(environment: String, path: String, address: String) {
        self.environment = environment
        self.path = path
        self.address = address
    }

    public static func < (lhs: Origin, rhs: Origin) -> Bool {
        (lhs.environment, lhs.address, lhs.path) < (rhs.environment, rhs.address, rhs.path)
    }
}

/// What every keyed model element has.
public protocol ModelElement: Sendable {
    /// The AWS ID, or a synthetic `ref:ENV:ADDRESS` key while a plan does not know it.
    var key: String { get }
    var origin: Origin { get }
}

extension ModelElement {
    /// False for elements read from a data source (`data.` in the address).
    public var isManaged: Bool {
        // Foundation's `contains` searches Unicode text (slow, and called for every element by several rules);
        // an address without the bytes `.data.` cannot hold it, so only the others are searched.
        !(origin.address.hasPrefix("data.")
            || (origin.address.utf8.containsRun(of: ".data.") && origin.address.contains(".data.")))
    }
}

/// A value a rule needs that a plan leaves unknown and no ID or reference resolves.
public struct Unresolved: Sendable, Hashable {
    /// The attribute, e.g. `vpc_id` or `route.vpc_peering_connection_id`.
    public var attribute: String
    /// Why it could not be resolved, e.g. `unknown until apply; no reference in configuration`.
    public var reason: String
}

/// An AWS VPC (managed or from a data source).
public struct VPC: ModelElement {
    /// The VPC ID, or a synthetic `ref:ENV:ADDRESS` key while a plan does not know it.
    public var key: String
    public var origin: Origin
    public var cidrs: [CIDR]
    public var enableDNSSupport: Bool?
    public var enableDNSHostnames: Bool?
    public var isDataSource: Bool
    public var tags: [String: String]
    /// The Region (`ap-northeast-1`): from the resource's `region` or `arn`, else its subnets' availability
    /// zones, else its endpoints' service names; nil when the inputs do not tell.
    public var region: String? = nil
    /// CIDR attributes that hold something other than a network of their family (`"10.3.0.0/16 "`, `/33`, an
    /// IPv4-mapped IPv6 form): kept with their reason, so the reachability rules report the VPC as unknown
    /// instead of leaving the network out.
    public var unreadableCIDRs: [Unresolved] = []
    /// Set when another VPC the inputs manage has the same environment and the same `Name` tag, or none like
    /// this one (one root of many untagged spokes, or of spokes a module tags alike).
    public var sharesName = false
    /// The `Name` tag, else the key as reports show it (``ModelKey/shown(_:)``: the address of a planned VPC).
    public var displayName: String { tags["Name"] ?? ModelKey.shown(key) }

    /// How reports name the VPC: `stg`, or with its Name tag `stg (stg-vpc)`; when another VPC of its
    /// environment would have the same name, with its address too: `network (module.spoke["dev"].aws_vpc.this)`,
    /// `network (spoke, module.spoke[0].aws_vpc.this)`. Two VPCs of the inputs never share a label.
    public var label: String {
        let name = tags["Name"]
        guard sharesName else { return name.map { "\(origin.environment) (\($0))" } ?? origin.environment }
        return "\(origin.environment) (" + (name.map { $0 + ", " } ?? "") + origin.address + ")"
    }
}

public struct Subnet: ModelElement {
    public var key: String
    public var origin: Origin
    public var vpcKey: String?
    public var availabilityZone: String?
    public var cidr: CIDR?
    /// Set when `cidr_block` holds a value that is not a network: a path into the subnet is then unknown.
    public var unreadableCIDR: Unresolved? = nil
}

/// Where a route sends traffic.
public enum RouteTarget: Sendable, Hashable {
    case peering(String)
    case transitGateway(String)
    case gateway(String)
    case vpcEndpoint(String)
    /// An AWS Cloud WAN core network (`core_network_arn`): a connection between VPCs whose segments and
    /// routes vpcelint does not read, so a path through it is unknown, never a wrong target.
    case coreNetwork(String)
    case other(String)
    case local
    /// Unknown in a plan and not resolvable.
    case unresolved(String)
}

public struct Route: Sendable {
    public var destination: CIDR?
    public var destinationPrefixList: String?
    public var target: RouteTarget
    public var origin: Origin
    /// Set when the destination holds a value that is not a network: the route may cover any destination.
    public var unreadable: Unresolved? = nil
}

public struct RouteTable: ModelElement {
    public var key: String
    public var origin: Origin
    public var vpcKey: String?
    public var routes: [Route]
    /// Subnets explicitly associated.
    public var subnetKeys: Set<String>
    public var isMain: Bool
}

public struct PeeringConnection: ModelElement {
    public var key: String
    public var origin: Origin
    public var requesterVPCKey: String?
    public var accepterVPCKey: String?
    /// `accept_status` (`active`, `pending-acceptance`, ...), when known.
    public var status: String?
    /// `auto_accept` of the requester, when set.
    public var autoAccept: Bool?
    /// `peer_owner_id`: another account's ID when the peering crosses accounts.
    public var peerOwnerID: String?
    /// The `aws_vpc_peering_connection_accepter` that accepts it, when one is in the inputs.
    public var accepter: Origin?
}

public struct TransitGatewayAttachment: ModelElement {
    public var key: String
    public var origin: Origin
    public var transitGatewayKey: String?
    public var vpcKey: String?
    public var subnetKeys: [String]
    /// `transit_gateway_default_route_table_association` (provider default true); an accepter's value wins.
    public var defaultAssociation: Bool?
    /// `transit_gateway_default_route_table_propagation` (provider default true).
    public var defaultPropagation: Bool?
    /// The `aws_ec2_transit_gateway_vpc_attachment_accepter` that accepts it, when one is in the inputs.
    public var accepter: Origin?
    /// `appliance_mode_support = "enable"`: the attachment of an inspection VPC, whose appliances return the
    /// traffic to the gateway (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html).
    public var applianceMode: Bool? = nil
}

public enum EndpointType: String, Sendable {
    case interface = "Interface"
    case gateway = "Gateway"
    case gatewayLoadBalancer = "GatewayLoadBalancer"
}

public struct DNSEntry: Sendable, Hashable {
    public var dnsName: String
    public var hostedZoneID: String?
}

/// A VPC endpoint. Its fields live in one shared copy-on-write object: the builder and the rules copy endpoints
/// at many places (into per-VPC lists, groups, findings), and a copy is then one reference count instead of one
/// per string and list (benchmarks/RESULTS.md run 18: 28% of the account mix's string and list retains).
/// Read and written as before (`endpoint.subnetKeys.append(key)`), through ``Fields``' key paths.
@dynamicMemberLookup
public struct Endpoint: ModelElement {
    public struct Fields: Sendable {
        public var key: String
        public var origin: Origin
        public var vpcKey: String?
        public var type: EndpointType
        /// `com.amazonaws.ap-northeast-1.ecr.dkr`.
        public var serviceName: String
        /// `ecr.dkr`.
        public var service: String
        /// `ap-northeast-1`, from the service name.
        public var region: String?
        public var subnetKeys: [String]
        /// True when the subnet list is unknown in a plan and no reference resolves it.
        public var subnetsUnresolved: Bool
        public var securityGroupKeys: [String]
        /// The `aws_vpc_endpoint_security_group_association` that gives it a group, by group key: where to change
        /// that group's attachment.
        public var securityGroupAssociations: [String: Origin] = [:]
        /// Gateway endpoints: the route tables that get its prefix-list route.
        public var routeTableKeys: [String]
        public var privateDNSEnabled: Bool?
        public var dnsEntries: [DNSEntry]
        public var unresolved: [Unresolved]
    }

    @usableFromInline final class Shared: @unchecked Sendable {
        /// Written only through the writable dynamic-member subscript, and only while no other endpoint holds it.
        @usableFromInline var fields: Fields

        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var shared: Shared

    public init(_ fields: Fields) { shared = Shared(fields) }

    @inlinable public subscript<Value>(dynamicMember path: KeyPath<Fields, Value>) -> Value {
        shared.fields[keyPath: path]
    }

    @inlinable public subscript<Value>(dynamicMember path: WritableKeyPath<Fields, Value>) -> Value {
        get { shared.fields[keyPath: path] }
        _modify {
            if !isKnownUniquelyReferenced(&shared) { shared = Shared(shared.fields) }
            yield &shared.fields[keyPath: path]
        }
    }

    public var key: String { shared.fields.key }
    public var origin: Origin { shared.fields.origin }

    /// Billed endpoint-AZs: one per subnet (only one subnet per AZ is allowed).
    public var azCount: Int { max(Self.distinctCount(self.subnetKeys), self.type == .interface ? 1 : 0) }

    /// How many different keys `keys` holds: compared in place for an endpoint's few subnets (a rule asks
    /// for every endpoint, and a sort by cost asks again per comparison), through a set for more.
    static func distinctCount(_ keys: [String]) -> Int {
        guard keys.count > 16 else {
            var count = 0
            for index in keys.indices where !keys[..<index].contains(keys[index]) { count += 1 }
            return count
        }
        return Set(keys).count
    }
}

public enum IPProtocol: Sendable, Hashable {
    case all
    case tcp
    case udp
    case icmp
    case other(String)

    /// `tcp`, `TCP`, `6`, `-1`, `all`.
    public init(_ text: String) {
        switch text.lowercased() {
        case "-1", "all": self = .all
        case "tcp", "6": self = .tcp
        case "udp", "17": self = .udp
        case "icmp", "1": self = .icmp
        default: self = .other(text)
        }
    }
}

public enum RuleSource: Sendable, Hashable {
    case cidr(CIDR)
    case securityGroup(String)
    case prefixList(String)
    case selfGroup
    case unresolved(String)
}

public struct SecurityGroupRule: Sendable {
    public var isIngress: Bool
    public var ipProtocol: IPProtocol
    public var fromPort: Int?
    public var toPort: Int?
    public var source: RuleSource
    public var origin: Origin
    /// Why `from_port`/`to_port` of a TCP or UDP rule cannot be read (`from_port "abc" is not a port number`),
    /// naming the attribute; such a rule allows nothing for sure and may allow anything.
    public var unreadablePorts: String? = nil

    /// Whether the rule lets TCP `port` in: `.unknown` when its protocol is TCP but its ports cannot be read.
    public func tcpStatus(_ port: Int) -> HopStatus {
        if unreadablePorts != nil, ipProtocol == .tcp { return .unknown }
        return allowsTCP(port) ? .pass : .fail
    }

    /// Whether the rule lets UDP `port` in: `.unknown` when its protocol is UDP but its ports cannot be read.
    public func udpStatus(_ port: Int) -> HopStatus {
        if unreadablePorts != nil, ipProtocol == .udp { return .unknown }
        return allowsUDP(port) ? .pass : .fail
    }

    /// True when the rule lets TCP `port` in for sure.
    public func allowsTCP(_ port: Int) -> Bool {
        if unreadablePorts != nil, ipProtocol != .all { return false }
        switch ipProtocol {
        case .all: return true
        case .tcp:
            guard let fromPort, let toPort else { return true }
            return fromPort <= port && port <= toPort
        default: return false
        }
    }

    /// True when the rule lets UDP `port` in (DNS queries to a Resolver endpoint).
    public func allowsUDP(_ port: Int) -> Bool {
        if unreadablePorts != nil, ipProtocol != .all { return false }
        switch ipProtocol {
        case .all: return true
        case .udp:
            guard let fromPort, let toPort else { return true }
            return fromPort <= port && port <= toPort
        default: return false
        }
    }
}

public struct SecurityGroup: ModelElement {
    public var key: String
    public var origin: Origin
    public var vpcKey: String?
    public var rules: [SecurityGroupRule]
}

public struct DNSRecord: Sendable {
    public var origin: Origin
    public var zoneKey: String?
    /// Lower case, without the trailing dot; `*.` kept.
    public var name: String
    public var type: String
    /// Alias target DNS name (lower case, no trailing dot).
    public var aliasName: String?
    public var aliasZoneID: String?
    /// The endpoint the alias points at, when known through its DNS name or a plan reference.
    public var aliasEndpointKey: String?
    public var values: [String]
}

public struct HostedZone: ModelElement {
    public var key: String
    public var origin: Origin
    /// Lower case, no trailing dot.
    public var name: String
    public var isPrivate: Bool
    /// VPCs from inline `vpc` blocks, `aws_route53_zone_association` and Route 53 Profiles that carry the zone.
    public var vpcKeys: Set<String>
    /// The VPCs of ``vpcKeys`` associated only through a Route 53 Profile, each with the evidence: the profile's
    /// association with the VPC, then the zone's with the profile. A setting of the VPC's own wins over a
    /// profile's (a private-DNS endpoint of the VPC answers its name, not the profile's zone).
    public var viaProfile: [String: [Origin]] = [:]
}

/// A Route 53 Profile (`aws_route53profiles_profile`): DNS settings (private hosted zones, Resolver rules,
/// interface endpoints) that apply to every VPC the profile is associated with, across accounts through RAM.
public struct DNSProfile: ModelElement {
    public var key: String
    public var origin: Origin
    public var name: String?
}

/// A profile's association with a VPC (`aws_route53profiles_association`, `resource_id` the VPC).
public struct ProfileAssociation: Sendable {
    public var profileKey: String
    public var vpcKey: String
    public var origin: Origin
}

/// A resource a profile carries (`aws_route53profiles_resource_association`, `resource_arn`).
public struct ProfileResource: Sendable {
    public enum Kind: String, Sendable {
        case privateZone = "private hosted zone"
        case resolverRule = "Resolver rule"
        case interfaceEndpoint = "interface endpoint"
        /// A DNS Firewall rule group or a query logging configuration: nothing the model answers names with.
        case other = "resource"
    }

    public var profileKey: String
    /// The zone, rule or endpoint ID (from the ARN), or its synthetic key in a plan; the ARN for ``Kind/other``.
    public var resourceKey: String
    public var kind: Kind
    public var origin: Origin
}

public struct PrefixList: ModelElement {
    public var key: String
    public var origin: Origin
    public var cidrs: [CIDR]
    /// Entries whose `cidr` is not a network: the list may hold any destination.
    public var unreadable: [Unresolved] = []
}

/// One input file and the environment it describes.
public struct Input: Sendable {
    public var path: String
    public var environment: String
}

/// A zone association that cannot be placed: one side is unknown in a plan.
public struct UnplacedAssociation: Sendable {
    public var origin: Origin
    public var zoneKey: String?
    public var vpcKey: String?
    public var problem: Unresolved
    /// Through a Route 53 Profile: a setting of the VPC's own wins over it, so it never conflicts with one.
    public var viaProfile = false

    /// True when it may associate `zoneKey` with `vpcKey`.
    public func mayAssociate(zone: String, vpc: String) -> Bool {
        (zoneKey == nil || zoneKey == zone) && (vpcKey == nil || vpcKey == vpc)
    }
}

extension String.UTF8View {
    /// Whether the bytes of `ascii` occur here in a row: ``ByteRun`` over a native string's bytes (every rule
    /// asks ``ModelElement/isManaged`` of every element), a walk over the view for a bridged one.
    func containsRun(of ascii: StaticString) -> Bool {
        ascii.withUTF8Buffer { needle in
            guard let first = needle.first else { return true }
            let found = withContiguousStorageIfAvailable { bytes in
                ByteRun.first(UnsafeRawBufferPointer(needle), in: UnsafeRawBufferPointer(bytes)) != nil
            }
            if let found { return found }
            var index = startIndex
            while let found = self[index...].firstIndex(of: first) {
                if self[found...].starts(with: needle) { return true }
                index = self.index(after: found)
            }
            return false
        }
    }
}

/// Where a run of bytes first occurs in a text's bytes, by `memchr` and `memcmp`: how the model tells a data
/// source's address and the rules make a zone name from its pattern, without a walk over a string view.
package enum ByteRun {
    /// The offset of the first `needle` in `bytes` at or after `start`; nil when there is none (or `needle` is
    /// empty).
    package static func first(
        _ needle: UnsafeRawBufferPointer, in bytes: UnsafeRawBufferPointer, from start: Int = 0
    ) -> Int? {
        guard let base = bytes.baseAddress, let run = needle.baseAddress, start >= 0,
            bytes.count - start >= needle.count, !needle.isEmpty
        else { return nil }
        let first = Int32(needle[0])
        var offset = start
        let last = bytes.count - needle.count
        while offset <= last, let hit = memchr(base + offset, first, last - offset + 1) {
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, run, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }
}

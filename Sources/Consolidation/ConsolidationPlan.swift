import LintCore
import NetworkModel

/// How the spokes reach the hub in the target design.
public enum ConsolidationVia: String, CaseIterable, Sendable {
    case peering
    case tgw
}

/// The target design of `vpcelint consolidate`: one set of interface endpoints in a hub, reached by every
/// spoke, and what it costs before and after.
public struct ConsolidationPlan: Sendable {
    /// An endpoint the hub serves.
    public struct HubEndpoint: Sendable {
        public var service: String
        public var region: String
        public var azCount: Int
        /// The hub's copy when it exists already.
        public var existing: Origin?
        public var monthlyUSD: Double?
    }

    /// A private hosted zone the hub needs for one service.
    public struct Zone: Sendable {
        public var service: String
        public var name: String
        /// `apex` and/or `wildcard` record names.
        public var records: [String]
        public var existing: Origin?
        /// Environments (VPC display names) to associate: the hub and every spoke.
        public var associations: [String]
    }

    /// The DNS of a hub whose interface endpoints a Route 53 Profile carries (private DNS on, no private hosted
    /// zones): which services the profile carries and which spokes it is associated with.
    public struct ProfileDesign: Sendable {
        /// The profile's address where an input declares it, else its ID.
        public var name: String
        public var profile: Origin?
        /// Each hub service, and whether the profile carries its endpoint (false for one the hub lacks yet).
        public var services: [(service: String, carried: Bool)]
        /// Each spoke (environment, VPC key), and whether it is associated with the profile.
        public var spokes: [(environment: String, vpc: String, associated: Bool)]
    }

    /// A route the design needs, and whether it is there.
    public struct PlannedRoute: Sendable {
        /// `spoke->hub` or `hub->spoke`.
        public var direction: String
        public var table: Origin
        public var destination: String
        public var via: String
        public var exists: Bool
    }

    /// TCP 443 from a spoke CIDR on the hub endpoints' security group.
    public struct SecurityRule: Sendable {
        public var spoke: String
        public var cidr: String
        public var exists: Bool
    }

    /// A spoke endpoint the design deletes.
    public struct Deletion: Sendable {
        public var origin: Origin
        public var service: String
        public var azCount: Int
        public var monthlyUSD: Double?
    }

    /// A cost consolidation brings: monthly when it is fixed, per GB when it depends on traffic.
    public struct CounterCostLine: Sendable {
        public var description: String
        public var monthlyUSD: Double?
        public var perGBUSD: Double?
        public var source: String
    }

    public var hub: VPC
    public var spokes: [VPC]
    public var via: ConsolidationVia
    public var endpoints: [HubEndpoint]
    /// The private hosted zones of the zone design; empty when ``profile`` is the hub's design.
    public var zones: [Zone]
    public var profile: ProfileDesign?
    public var routes: [PlannedRoute]
    public var securityRules: [SecurityRule]
    public var deletions: [Deletion]
    public var counterCosts: [CounterCostLine]
    /// Interface endpoints of the hub and spokes today.
    public var beforeUSD: Double
    /// The hub's endpoint set.
    public var afterUSD: Double
    /// `beforeUSD - afterUSD`: what the duplicate-interface-endpoint rule (VPCE001) reports.
    public var endpointSavingsUSD: Double { beforeUSD - afterUSD }
    /// Fixed monthly counter-costs (transit gateway attachment-hours).
    public var counterCostUSD: Double { counterCosts.compactMap(\.monthlyUSD).reduce(0, +) }
    /// Savings after the fixed counter-costs.
    public var netSavingsUSD: Double { endpointSavingsUSD - counterCostUSD }
    public var hoursPerMonth: Double { pricing.hoursPerMonth }
    /// The prices and report currency the plan was costed with.
    public var pricing: Pricing
}

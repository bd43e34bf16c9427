import BuiltInRules
import Consolidation
import LintCore
import NetworkModel
import TerraformShow
import Testing
import Tracing

/// AWS Cloud WAN: spoke and hub route each other's networks to a core network (`core_network_arn`) instead of
/// a peering or transit gateway. The model does not read the core network's policy, so those routes are
/// unknown, said with the core network, never "no connection" or "the wrong target".
@Suite("Routes through a Cloud WAN core network")
struct CoreNetworkRouteTests {
    static let arn = "arn:aws:networkmanager::111122223333:core-network/core-network-0abc"

    /// Hub `vpc-h` (a `logs` endpoint, its zone associated with spoke `vpc-a`), spoke `vpc-a`. Each route
    /// table's route to the other VPC goes where `spokeRoute` / `hubRoute` say (JSON members, or nothing).
    static func model(spokeRoute: String?, hubRoute: String?, peering: Bool = false) throws -> NetworkModel {
        let resource = SyntheticState.resource
        // A VPC whose route to `peer` goes to `target` (or is absent).
        func vpc(_ id: String, cidr: String, subnet: String, peer: String, target: String?) -> [String] {
            SyntheticState.vpc(
                id, cidr: cidr, subnet: subnet,
                routes: target.map { #"[{"cidr_block":"\#(peer)",\#($0)}]"# } ?? "[]")
        }
        var hub =
            vpc("h", cidr: "10.255.0.0/16", subnet: "10.255.1.0/24", peer: "10.1.0.0/16", target: hubRoute)
            + SyntheticState.logsEndpointWithZone(spokes: ["vpc-a"])
        if peering {
            hub.append(
                resource(
                    "aws_vpc_peering_connection", "a",
                    #"{"id":"pcx-a","vpc_id":"vpc-a","peer_vpc_id":"vpc-h","accept_status":"active"}"#))
        }
        let spoke = vpc("a", cidr: "10.1.0.0/16", subnet: "10.1.1.0/24", peer: "10.255.0.0/16", target: spokeRoute)
        return NetworkModel(
            documents: [
                ("shared", try SyntheticState.document(hub, path: "shared.json")),
                ("dev", try SyntheticState.document(spoke, path: "dev.json")),
            ],
            hubSelectors: ["vpc-h"])
    }

    static let viaCoreNetwork = #""core_network_arn":"\#(arn)""#

    static func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
        Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
    }

    static func routeHops(_ model: NetworkModel) throws -> [Hop] {
        let trace = try #require(try Tracer.trace(TraceRequest(from: "vpc-a", service: "logs"), in: model).traces.first)
        return trace.hops.filter { $0.kind == .forwardRoute || $0.kind == .returnRoute }
    }

    @Test("both ways through the core network: the route checks are unknown, naming it, and trace agrees")
    func bothWays() throws {
        let model = try Self.model(spokeRoute: Self.viaCoreNetwork, hubRoute: Self.viaCoreNetwork)
        let hops = try Self.routeHops(model)
        #expect(hops.map(\.kind) == [.forwardRoute, .returnRoute])
        for hop in hops {
            #expect(hop.status == .unknown)
            guard case .routeThroughCoreNetwork(_, let coreNetwork) = hop.reason else {
                Issue.record("\(hop.reason)")
                continue
            }
            #expect(coreNetwork == Self.arn)
        }
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.map(\.ruleID).sorted() == ["VPCE002", "VPCE006"])
        for unknown in unknowns {
            #expect(unknown.message.contains("through AWS Cloud WAN core network \(Self.arn)"), "\(unknown.message)")
            #expect(unknown.remediation.hasPrefix("check core network \(Self.arn)'s policy"))
        }
    }

    @Test("the hub routes back through the core network, the spoke has no route: that is a violation")
    func spokeWithoutRoute() throws {
        let model = try Self.model(spokeRoute: nil, hubRoute: Self.viaCoreNetwork)
        let hops = try Self.routeHops(model)
        #expect(hops.first { $0.kind == .forwardRoute }?.status == .fail)
        let (findings, _) = Self.check(model)
        #expect(findings.map(\.ruleID) == ["VPCE006"])
    }

    @Test("no route of either VPC reaches the other: still no connection (a failure)")
    func noRoutes() throws {
        let model = try Self.model(spokeRoute: nil, hubRoute: nil)
        let hops = try Self.routeHops(model)
        #expect(hops.count == 1)
        guard case .noConnection = hops.first?.reason else {
            Issue.record("\(hops.map(\.reason))")
            return
        }
    }

    @Test("a peering joins them, but the spoke routes the hub through the core network: unknown, not wrong")
    func peeringBeside() throws {
        let model = try Self.model(
            spokeRoute: Self.viaCoreNetwork, hubRoute: #""vpc_peering_connection_id":"pcx-a""#, peering: true)
        let hops = try Self.routeHops(model)
        #expect(hops.first { $0.kind == .forwardRoute }?.status == .unknown)
        #expect(hops.first { $0.kind == .returnRoute }?.status == .pass)
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.map(\.ruleID) == ["VPCE006"])
    }

    @Test("consolidate keeps the routes through the core network, saying their policy is not read")
    func consolidateKeepsThem() throws {
        let model = try Self.model(spokeRoute: Self.viaCoreNetwork, hubRoute: Self.viaCoreNetwork)
        let plan = try ConsolidationPlanner(model: model, pricing: Pricing(), via: .peering).plan()
        #expect(plan.routes.count == 2)
        for route in plan.routes {
            #expect(route.exists, "\(route.direction)")
            #expect(route.via.hasPrefix("Cloud WAN core network \(Self.arn) (its policy is not read"), "\(route.via)")
        }
    }
}

import BuiltInRules
import LintCore
import NetworkModel
import Testing
import Tracing

/// One verdict: on every fixture scenario, `vpcelint trace` from every spoke of every hub to every service the
/// hub's interface endpoints serve (and `s3` where the hub serves `ecr.dkr`: VPCE010 judges the S3 gateway path
/// of the VPCs that pull from ECR, and a VPC that does not may have no use for one) agrees with `vpcelint check`. A failing hop has a violation at
/// the resource that decides it, an unknown hop an unknown finding there, and a passing trace no finding of a
/// reachability rule about that spoke and service.
@Suite struct CheckTraceAgreementTests {
    /// The rules that judge whether a spoke reaches a hub service.
    static let reachabilityRules: Set<String> = [
        "VPCE002", "VPCE003", "VPCE004", "VPCE005", "VPCE006", "VPCE007", "VPCE008", "VPCE010", "VPCE012",
        "VPCE013", "VPCE014", "VPCE015",
    ]

    /// Every spoke x service trace of a model, as the CLI would run it (`--from VPC-ID --service SERVICE`).
    static func traces(_ model: NetworkModel) throws -> [(hub: Hub, spoke: Spoke, trace: Trace)] {
        var result = [(hub: Hub, spoke: Spoke, trace: Trace)]()
        for hub in model.hubs {
            let served = Set(model.interfaceEndpoints(in: hub.vpc.key).map(\.service)).sorted()
            let services = served + (served.contains("ecr.dkr") ? ["s3"] : [])
            for spoke in hub.spokes {
                for service in services {
                    let request = TraceRequest(from: spoke.vpc.key, service: service)
                    let traces = try Tracer.trace(request, in: model).traces
                    try #require(traces.count == 1, "--from \(spoke.vpc.key) names one VPC")
                    result.append((hub, spoke, traces[0]))
                }
            }
        }
        return result
    }

    @Test(arguments: Scenario.names)
    func checkAndTraceAgree(scenario: String) throws {
        let model = try Scenario.model(scenario)
        let (findings, unknowns) = try Scenario.run(scenario)
        for (hub, spoke, trace) in try Self.traces(model) {
            let pair = "\(scenario): \(spoke.vpc.origin.environment) (\(spoke.vpc.key)) -> \(trace.service)"
            for hop in trace.hops where hop.status != .pass {
                let origin = try #require(hop.origin, "\(pair): a \(hop.status) \(hop.kind) hop names its resource")
                let expected = hop.status == .fail ? findings : unknowns
                #expect(
                    expected.contains { $0.location == origin },
                    "\(pair): \(hop.status) \(hop.kind) hop at \(origin.address) (\(hop.reason)) has no \(hop.status == .fail ? "violation" : "unknown finding") there"
                )
            }
            guard trace.status == .pass else { continue }
            let about = (findings + unknowns).filter {
                Self.concerns($0, hub: hub, spoke: spoke, trace: trace, model: model)
            }
            #expect(about.isEmpty, "\(pair) passes, but check reports \(about.map { "\($0.ruleID) \($0.message)" })")
        }
    }

    /// Whether a reachability finding is about the path `trace` follows from `spoke`.
    static func concerns(_ finding: Finding, hub: Hub, spoke: Spoke, trace: Trace, model: NetworkModel) -> Bool {
        guard reachabilityRules.contains(finding.ruleID) else { return false }
        let origins = Set(trace.hops.flatMap { [$0.origin].compactMap { $0 } + $0.related })
        let location = finding.location
        let cidrs = spoke.vpc.cidrs.map(\.description)
        switch finding.ruleID {
        case "VPCE002", "VPCE005":
            return origins.contains(location) && cidrs.contains { finding.subject.hasSuffix($0) }
        case "VPCE006": return origins.contains(location) && finding.subject == "hub:" + hub.vpc.origin.environment
        case "VPCE003" where finding.subject == "private-dns-on":
            // A hub endpoint's private DNS is seen by some spokes (through a Route 53 Profile) and not others: the
            // finding names the spokes it fails (the first five, every one in its group).
            return origins.contains(location)
                && (finding.related.contains(spoke.vpc.origin)
                    || finding.group?.members.contains(spoke.vpc.origin) == true)
        case "VPCE003", "VPCE014", "VPCE015": return origins.contains(location)
        case "VPCE013":
            return origins.contains(location)
                && finding.subject == "spoke:" + spoke.vpc.origin.environment + ":" + spoke.vpc.origin.address
        case "VPCE004":
            guard origins.contains(location) else { return false }
            let zone = model.zones.first { $0.origin == location }
            switch finding.subject {
            case "apex": return zone?.name == trace.host
            case "wildcard": return zone.map { trace.host.hasSuffix("." + $0.name) } ?? false
            default: return true
            }
        case "VPCE007":
            let zone = model.zones.first { $0.origin == location }
            return finding.subject.hasPrefix("spoke:" + spoke.vpc.origin.environment + ":" + spoke.vpc.origin.address)
                && zone.map { trace.host == $0.name || trace.host.hasSuffix("." + $0.name) } == true
        // A gateway endpoint path (s3) involves neither the VPC's DNS nor the connection to the hub.
        case "VPCE008": return location == spoke.vpc.origin && trace.hops.contains { $0.kind == .vpcDNS }
        case "VPCE010": return trace.service == "s3" && (origins.contains(location) || location == spoke.vpc.origin)
        case "VPCE012":
            guard trace.hops.contains(where: { $0.kind == .forwardRoute && $0.reason.isInterfaceRoute }) else {
                return false
            }
            let connections = PathEngine(model: model).connectionKeys(between: spoke.vpc.key, and: hub.vpc.key)
            return connections.contains { model.peering($0)?.origin == location }
        default: return false
        }
    }

    /// The agreement test means something only where traces fail and pass: the scenarios together exercise
    /// every hop kind failing.
    @Test func theScenariosFailEveryHopKind() throws {
        var failed = Set<HopKind>()
        for scenario in Scenario.names {
            for (_, _, trace) in try Self.traces(try Scenario.model(scenario)) {
                failed.formUnion(trace.hops.filter { $0.status == .fail }.map(\.kind))
            }
        }
        #expect(failed.isSuperset(of: [.vpcDNS, .dns, .forwardRoute, .returnRoute, .securityGroup]), "\(failed)")
    }
}

extension HopReason {
    /// A route hop toward an interface endpoint (not a gateway endpoint's prefix-list route).
    fileprivate var isInterfaceRoute: Bool {
        if case .gatewayRoute = self { return false }
        return true
    }
}

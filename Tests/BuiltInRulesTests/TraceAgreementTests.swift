import LintCore
import NetworkModel
import Testing

/// `vpcelint trace` and the rules run on one ``PathEngine``: on real fixtures, every spoke's trace to every hub
/// service fails exactly at the hops the rule findings predict, and passes where no rule fires.
@Suite struct TraceAgreementTests {
    static let services = ["ecr.api", "ecr.dkr", "logs", "ssm", "ssmmessages", "ec2messages"]
    static let spokes = ["dev", "stg", "prd"]

    /// The name clients call for a service: the zone apex, or a name under the wildcard for `ecr.dkr`.
    static func host(_ service: String) -> String {
        let zone = ServiceCatalog.builtIn.dns(for: service).zoneName(region: "ap-northeast-1")
        return service == "ecr.dkr" ? "123456789012." + zone : zone
    }

    static func trace(_ model: NetworkModel, from environment: String, to service: String) throws -> Trace {
        let vpc = try #require(model.vpcs.first { $0.origin.environment == environment && $0.isManaged })
        return PathEngine(model: model).trace(from: vpc, service: service, host: host(service))
    }

    static func failed(_ trace: Trace) -> Set<HopKind> {
        Set(trace.hops.filter { $0.status == .fail }.map(\.kind))
    }

    /// The failing hop kinds the rule findings predict for `environment` -> `service`.
    static func predicted(_ findings: [Finding], model: NetworkModel, from environment: String, to service: String)
        -> Set<HopKind>
    {
        let spoke = model.vpcs.first { $0.origin.environment == environment && $0.isManaged }
        let cidrs = Set(spoke?.cidrs.map(\.description) ?? [])
        let zone = ServiceCatalog.builtIn.dns(for: service).zoneName(region: "ap-northeast-1")
        // DNS: the hub endpoint's private DNS is on with no zone (VPCE003), the zone lacks the record the
        // host needs (VPCE004), or the spoke's own endpoint conflicts with the hub zone (VPCE003).
        let dnsBroken = findings.contains { finding in
            switch finding.ruleID {
            case "VPCE003":
                return finding.location.address.hasSuffix("[\"\(service)\"]")
                    && (finding.subject == "private-dns-on"
                        || (finding.subject == "conflict:" + zone && finding.location.environment == environment))
            case "VPCE004":
                return finding.location.address.hasSuffix("[\"\(service)\"]") && finding.subject == "wildcard"
            default: return false
            }
        }
        if dnsBroken { return [.dns] }
        var kinds = Set<HopKind>()
        if findings.contains(where: { $0.ruleID == "VPCE002" && cidrs.contains($0.subject) }) {
            kinds.insert(.returnRoute)
        }
        if findings.contains(where: { $0.ruleID == "VPCE005" && cidrs.contains($0.subject) }) {
            kinds.insert(.securityGroup)
        }
        return kinds
    }

    @Test(arguments: spokes)
    func brokenTracesFailWhereTheRulesSay(_ environment: String) throws {
        let model = try Scenario.model("hub-spoke-broken")
        let (findings, _) = try Scenario.run("hub-spoke-broken")
        for service in Self.services {
            let trace = try Self.trace(model, from: environment, to: service)
            let failed = Self.failed(trace)
            let predicted = Self.predicted(findings, model: model, from: environment, to: service)
            #expect(
                failed == predicted,
                "\(environment) -> \(service): trace fails at \(failed.map(\.rawValue).sorted()), rules predict \(predicted.map(\.rawValue).sorted())"
            )
            #expect((trace.status == .fail) == !predicted.isEmpty, "\(environment) -> \(service): \(trace.status)")
        }
    }

    /// The defects of hub-spoke-broken, hop by hop (fixtures/README.md, scenario 3).
    @Test func brokenTracesNameTheConcreteHops() throws {
        let model = try Scenario.model("hub-spoke-broken")
        for environment in Self.spokes {
            // ssm: private DNS on in the hub, no zone: public DNS. ecr.dkr: no wildcard record: NXDOMAIN.
            #expect(Self.failed(try Self.trace(model, from: environment, to: "ssm")) == [.dns])
            #expect(Self.failed(try Self.trace(model, from: environment, to: "ecr.dkr")) == [.dns])
        }
        for service in ["ecr.api", "ssmmessages", "ec2messages", "logs"] {
            // dev: the endpoint security group does not allow 443 from 10.2.0.0/16.
            #expect(Self.failed(try Self.trace(model, from: "dev", to: service)) == [.securityGroup], "dev \(service)")
        }
        for service in ["ecr.api", "ssmmessages", "ec2messages", "logs"] {
            // prd: no hub route back to 10.4.0.0/16.
            #expect(Self.failed(try Self.trace(model, from: "prd", to: service)) == [.returnRoute], "prd \(service)")
        }
        // stg keeps its own logs endpoint with private DNS while the hub zone is associated: conflict.
        let stgLogs = try Self.trace(model, from: "stg", to: "logs")
        #expect(Self.failed(stgLogs) == [.dns])
        let conflict = stgLogs.hops.first { $0.kind == .dns }.map {
            if case .conflictingDomain = $0.reason { return true }
            return false
        }
        #expect(conflict == true)
        for service in ["ecr.api", "ssmmessages", "ec2messages"] {
            #expect(try Self.trace(model, from: "stg", to: service).status == .pass, "stg \(service)")
        }
    }

    @Test(arguments: spokes)
    func correctTracesPass(_ environment: String) throws {
        let model = try Scenario.model("hub-spoke-ok")
        for service in Self.services {
            let trace = try Self.trace(model, from: environment, to: service)
            #expect(
                trace.status == .pass,
                "\(environment) -> \(service): \(trace.hops.filter { $0.status != .pass }.map(\.reason))")
            #expect(
                Set(trace.hops.map(\.kind)) == Set(HopKind.allCases), "\(environment) -> \(service): every hop checked")
        }
        let s3 = PathEngine(model: model).traceGateway(
            from: try #require(model.vpcs.first { $0.origin.environment == environment && $0.isManaged }), service: "s3"
        )
        #expect(s3.status == .pass)
    }
}

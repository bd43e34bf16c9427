import LintCore
import NetworkModel
import Testing

/// Hub and spokes over a transit gateway (fixtures/hub-spoke-tgw, hub-spoke-tgw-broken): the rules and
/// `trace` judge the gateway's route tables through the shared ``PathEngine``.
@Suite struct TransitGatewayScenarioTests {
    static let spokes = ["dev", "stg"]

    @Test func correctTransitGatewayDesignHasNoFinding() throws {
        try #require(Scenario.names.contains("hub-spoke-tgw"), "fixtures/hub-spoke-tgw has no generated JSON")
        let model = try Scenario.model("hub-spoke-tgw")
        let hub = try #require(model.hubs.first)
        #expect(hub.spokes.map(\.vpc.origin.environment) == ["dev", "stg"])
        #expect(hub.spokes.allSatisfy { if case .transitGateway = $0.connection { true } else { false } })
        // The gateway side is modelled: two tables (plus the default table the gateway creates, which moto
        // creates even with default association off), three associations, two propagations, one static route.
        let tables = model.transitGatewayRouteTables.map(\.origin.address).sorted()
        #expect(
            tables == [
                "aws_ec2_transit_gateway.hub", "aws_ec2_transit_gateway_route_table.hub",
                "aws_ec2_transit_gateway_route_table.spokes",
            ])
        #expect(model.transitGatewayRouteTables.flatMap(\.associations).count == 3)
        #expect(model.transitGatewayRouteTables.flatMap(\.propagations).count == 2)
        #expect(model.transitGatewayRouteTables.flatMap(\.routes).map(\.blackhole) == [false])
        let (findings, unknowns) = try Scenario.run("hub-spoke-tgw")
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.isEmpty, "\(unknowns.map(\.message))")
    }

    @Test(arguments: spokes)
    func correctTransitGatewayTracesPass(_ environment: String) throws {
        let model = try Scenario.model("hub-spoke-tgw")
        for service in TraceAgreementTests.services {
            let trace = try TraceAgreementTests.trace(model, from: environment, to: service)
            #expect(
                trace.status == .pass,
                "\(environment) -> \(service): \(trace.hops.filter { $0.status != .pass }.map(\.reason))")
            let routes = trace.hops.filter { $0.kind == .forwardRoute || $0.kind == .returnRoute }
            #expect(
                !routes.isEmpty
                    && routes.allSatisfy {
                        if case .transitGateway(_, .delivered) = $0.reason { return true }
                        return false
                    })
        }
    }

    /// The one defect: the hub attachment's TGW route table has no route or propagation for stg.
    @Test func brokenTransitGatewayReportsTheTableWithoutStg() throws {
        let (findings, unknowns) = try Scenario.run("hub-spoke-tgw-broken")
        #expect(unknowns.isEmpty, "\(unknowns.map(\.message))")
        #expect(findings.map(\.ruleID) == ["VPCE002"], "\(findings.map(\.message))")
        let finding = try #require(findings.first)
        #expect(finding.location.environment == "shared")
        #expect(finding.location.address == "aws_ec2_transit_gateway_route_table.hub")
        #expect(finding.subject == "10.3.0.0/16")
        #expect(finding.message.contains("has no route or propagation for it"))
        #expect(finding.remediation.contains("aws_ec2_transit_gateway_route_table_propagation"))
    }

    @Test func brokenTransitGatewayTraceNamesTheReturnHop() throws {
        let model = try Scenario.model("hub-spoke-tgw-broken")
        let (findings, _) = try Scenario.run("hub-spoke-tgw-broken")
        for service in TraceAgreementTests.services {
            let dev = try TraceAgreementTests.trace(model, from: "dev", to: service)
            #expect(dev.status == .pass, "dev -> \(service)")
            let stg = try TraceAgreementTests.trace(model, from: "stg", to: service)
            #expect(TraceAgreementTests.failed(stg) == [.returnRoute], "stg -> \(service)")
            #expect(
                TraceAgreementTests.failed(stg)
                    == TraceAgreementTests.predicted(findings, model: model, from: "stg", to: service))
            let hop = try #require(stg.hops.first { $0.status == .fail })
            #expect(hop.origin?.address == "aws_ec2_transit_gateway_route_table.hub")
            #expect(hop.related.contains { $0.address == "aws_route_table.endpoints" })
        }
    }
}

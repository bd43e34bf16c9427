import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import Testing
import Tracing

/// Centralised inspection on a transit gateway: the spokes' and the hub's gateway route table sends everything
/// to the attachment of an inspection VPC (appliance mode on), whose appliances hand it back to the gateway.
/// What the appliances forward is not in the model: the route checks are unknown, naming the inspection VPC,
/// not "sent to another VPC's attachment".
@Suite("Transit gateway traffic through an inspection VPC")
struct InspectionVPCTests {
    /// Hub `vpc-h` (a `logs` endpoint, its zone associated with spoke `vpc-a`), spoke `vpc-a`, inspection VPC
    /// `vpc-i`, all attached to `tgw-1`; the hub's and spoke's attachments use gateway table `tgw-rtb-spokes`
    /// (0.0.0.0/0 to the inspection attachment), the inspection attachment `tgw-rtb-inspection` (propagations
    /// of the hub and the spoke).
    static func model(applianceMode: String, propagated: [String] = ["h", "a"]) throws -> NetworkModel {
        let resource = SyntheticState.resource
        func attachment(_ id: String, _ extra: String = "") -> String {
            resource(
                "aws_ec2_transit_gateway_vpc_attachment", id,
                #"{"id":"tgw-attach-\#(id)","transit_gateway_id":"tgw-1","vpc_id":"vpc-\#(id)","subnet_ids":["sub-\#(id)"],"transit_gateway_default_route_table_association":false,"transit_gateway_default_route_table_propagation":false\#(extra)}"#
            )
        }
        func binding(_ type: String, _ name: String, table: String, attachment: String) -> String {
            resource(
                type, name,
                #"{"transit_gateway_route_table_id":"\#(table)","transit_gateway_attachment_id":"tgw-attach-\#(attachment)"}"#
            )
        }
        let association = "aws_ec2_transit_gateway_route_table_association"
        let propagation = "aws_ec2_transit_gateway_route_table_propagation"
        let resources =
            SyntheticState.vpc(
                "h", cidr: "10.255.0.0/16", subnet: "10.255.1.0/24",
                routes: #"[{"cidr_block":"10.1.0.0/16","transit_gateway_id":"tgw-1"}]"#)
            + SyntheticState.vpc(
                "a", cidr: "10.1.0.0/16", subnet: "10.1.1.0/24",
                routes: #"[{"cidr_block":"10.255.0.0/16","transit_gateway_id":"tgw-1"}]"#)
            + SyntheticState.vpc("i", cidr: "100.64.0.0/16", subnet: "100.64.1.0/24", routes: "[]")
            + SyntheticState.logsEndpointWithZone(spokes: ["vpc-a"]) + [
                resource(
                    "aws_ec2_transit_gateway", "tgw",
                    #"{"id":"tgw-1","default_route_table_association":"disable","default_route_table_propagation":"disable"}"#
                ),
                attachment("h"), attachment("a"), attachment("i", #","appliance_mode_support":"\#(applianceMode)""#),
                resource(
                    "aws_ec2_transit_gateway_route_table", "spokes",
                    #"{"id":"tgw-rtb-spokes","transit_gateway_id":"tgw-1"}"#),
                resource(
                    "aws_ec2_transit_gateway_route_table", "inspection",
                    #"{"id":"tgw-rtb-inspection","transit_gateway_id":"tgw-1"}"#),
                resource(
                    "aws_ec2_transit_gateway_route", "default",
                    #"{"transit_gateway_route_table_id":"tgw-rtb-spokes","destination_cidr_block":"0.0.0.0/0","transit_gateway_attachment_id":"tgw-attach-i","blackhole":false}"#
                ),
                binding(association, "h", table: "tgw-rtb-spokes", attachment: "h"),
                binding(association, "a", table: "tgw-rtb-spokes", attachment: "a"),
                binding(association, "i", table: "tgw-rtb-inspection", attachment: "i"),
            ] + propagated.map { binding(propagation, $0, table: "tgw-rtb-inspection", attachment: $0) }
        return NetworkModel(
            documents: [("network", try SyntheticState.document(resources, path: "network.json"))],
            hubSelectors: ["vpc-h"])
    }

    /// The state of the transit gateway link between the spoke and the hub.
    static func gatewayLink(_ model: NetworkModel) -> String? {
        model.topology.links.first { link in
            link.kind == .transitGateway && Set([link.vpcKey, link.peerKey]) == ["vpc-a", "vpc-h"]
        }?.state
    }

    static func routeHops(_ model: NetworkModel) throws -> [Hop] {
        let trace = try #require(try Tracer.trace(TraceRequest(from: "vpc-a", service: "logs"), in: model).traces.first)
        return trace.hops.filter { $0.kind == .forwardRoute || $0.kind == .returnRoute }
    }

    static func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
        Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
    }

    @Test("appliance mode on: both route checks are unknown, naming the inspection VPC; no violation")
    func inspected() throws {
        let model = try Self.model(applianceMode: "enable")
        let hops = try Self.routeHops(model)
        #expect(hops.map(\.kind) == [.forwardRoute, .returnRoute])
        for hop in hops {
            #expect(hop.status == .unknown)
            guard case .transitGateway(_, .throughInspection(_, _, let inspection, let name)) = hop.reason else {
                Issue.record("\(hop.reason)")
                continue
            }
            #expect(inspection.address == "aws_ec2_transit_gateway_vpc_attachment.i" && name == "vpc-i")
        }
        // The inspection VPC is the path's middle, not a spoke; through it, the gateway joins spoke and hub.
        #expect(model.hubs.first?.spokes.map(\.vpc.key) == ["vpc-a"])
        #expect(Self.gatewayLink(model) == "routed")
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.map(\.ruleID).sorted() == ["VPCE002", "VPCE006"])
        #expect(unknowns.allSatisfy { $0.message.contains("of inspection VPC vpc-i (appliance mode on)") })
    }

    @Test("appliance mode off: another VPC's attachment, as before (a violation)")
    func notAnInspectionVPC() throws {
        let model = try Self.model(applianceMode: "disable")
        let hops = try Self.routeHops(model)
        #expect(hops.allSatisfy { $0.status == .fail })
        guard case .transitGateway(_, .wrongAttachment) = hops.first?.reason else {
            Issue.record("\(hops.map(\.reason))")
            return
        }
        #expect(Set(Self.check(model).findings.map(\.ruleID)).isSuperset(of: ["VPCE002", "VPCE006"]))
        // Without appliance mode nothing says vpc-i is an inspection VPC: the gateway joins it to the hub, and
        // neither the spoke's table nor the hub's sends the other's networks to the other's attachment.
        #expect(model.hubs.first?.spokes.map(\.vpc.key).sorted() == ["vpc-a", "vpc-i"])
        #expect(Self.gatewayLink(model) == "not-routed")
    }

    @Test("the inspection attachment's own table does not send the spoke's traffic back: a violation there")
    func inspectionTableMissesTheSpoke() throws {
        // The spoke's attachment does not propagate into the inspection table: the hub's replies stop there.
        let model = try Self.model(applianceMode: "enable", propagated: ["h"])
        let hops = try Self.routeHops(model)
        #expect(hops.first { $0.kind == .forwardRoute }?.status == .unknown)
        let back = try #require(hops.first { $0.kind == .returnRoute })
        #expect(back.status == .fail)
        guard case .transitGateway(_, .inspectionStops(_, _, _, _, let onward)) = back.reason else {
            Issue.record("\(back.reason)")
            return
        }
        #expect(onward?.address == "aws_ec2_transit_gateway_route_table.inspection")
        let findings = Self.check(model).findings
        #expect(findings.map(\.ruleID) == ["VPCE002"])
        #expect(findings.first?.location.address == "aws_ec2_transit_gateway_route_table.inspection")
        #expect(
            findings.first?.remediation.hasPrefix(
                "in `aws_ec2_transit_gateway_route_table.inspection`, add a route to 10.1.0.0/16") == true)
    }
}

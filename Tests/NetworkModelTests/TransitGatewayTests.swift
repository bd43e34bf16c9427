import NetworkModel
import TerraformShow
import Testing

/// A hub (10.255.0.0/16, subnets in 1a and 1c) and a spoke dev (10.2.0.0/16, 1a and 1c) whose route tables
/// point at transit gateway tgw-1; `extra` adds the gateway side.
private func network(_ extra: [String], spokeAttachmentSubnets: String = #"["sub-d1","sub-d2"]"#, plans: [String] = [])
    throws -> NetworkModel
{
    let resources =
        [
            resource("aws_vpc", "hub", #"{"id":"vpc-h","cidr_block":"10.255.0.0/16"}"#),
            resource("aws_vpc", "dev", #"{"id":"vpc-d","cidr_block":"10.2.0.0/16"}"#),
            resource(
                "aws_subnet", "h1",
                #"{"id":"sub-h1","vpc_id":"vpc-h","cidr_block":"10.255.1.0/24","availability_zone":"ap-northeast-1a"}"#),
            resource(
                "aws_subnet", "h2",
                #"{"id":"sub-h2","vpc_id":"vpc-h","cidr_block":"10.255.2.0/24","availability_zone":"ap-northeast-1c"}"#),
            resource(
                "aws_subnet", "d1",
                #"{"id":"sub-d1","vpc_id":"vpc-d","cidr_block":"10.2.1.0/24","availability_zone":"ap-northeast-1a"}"#),
            resource(
                "aws_subnet", "d2",
                #"{"id":"sub-d2","vpc_id":"vpc-d","cidr_block":"10.2.2.0/24","availability_zone":"ap-northeast-1c"}"#),
            resource(
                "aws_route_table", "hub",
                #"{"id":"rtb-h","vpc_id":"vpc-h","route":[{"cidr_block":"10.2.0.0/16","transit_gateway_id":"tgw-1"}]}"#),
            resource(
                "aws_route_table", "dev",
                #"{"id":"rtb-d","vpc_id":"vpc-d","route":[{"cidr_block":"10.255.0.0/16","transit_gateway_id":"tgw-1"}]}"#
            ),
            resource("aws_route_table_association", "h1", #"{"subnet_id":"sub-h1","route_table_id":"rtb-h"}"#),
            resource("aws_route_table_association", "h2", #"{"subnet_id":"sub-h2","route_table_id":"rtb-h"}"#),
            resource("aws_route_table_association", "d1", #"{"subnet_id":"sub-d1","route_table_id":"rtb-d"}"#),
            resource("aws_route_table_association", "d2", #"{"subnet_id":"sub-d2","route_table_id":"rtb-d"}"#),
            resource(
                "aws_ec2_transit_gateway_vpc_attachment", "hub",
                #"{"id":"att-h","transit_gateway_id":"tgw-1","vpc_id":"vpc-h","subnet_ids":["sub-h1","sub-h2"]}"#),
            resource(
                "aws_ec2_transit_gateway_vpc_attachment", "dev",
                #"{"id":"att-d","transit_gateway_id":"tgw-1","vpc_id":"vpc-d","subnet_ids":\#(spokeAttachmentSubnets)}"#
            ),
        ] + extra
    let text =
        #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
        + resources.joined(separator: ",") + "]}}}"
    let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json")
    let plans = try plans.map { try DocumentLoader.load(bytes: Array($0.utf8), path: "tgw.plan.json") }
    return NetworkModel(documents: [("net", document)] + plans.map { ("tgw", $0) })
}

private func resource(_ type: String, _ name: String, _ values: String) -> String {
    #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
}

private func gateway(association: String = "enable", propagation: String = "enable") -> String {
    resource(
        "aws_ec2_transit_gateway", "hub",
        #"{"id":"tgw-1","default_route_table_association":"\#(association)","default_route_table_propagation":"\#(propagation)","association_default_route_table_id":"tgw-rtb-default","propagation_default_route_table_id":"tgw-rtb-default"}"#
    )
}

/// Two route tables: "spokes" (dev associated, the hub propagated) and "hub" (the hub associated) plus `hubTable`.
private func splitTables(_ hubTable: [String]) -> [String] {
    [
        gateway(association: "disable", propagation: "disable"),
        resource("aws_ec2_transit_gateway_route_table", "hub", #"{"id":"tgw-rtb-h","transit_gateway_id":"tgw-1"}"#),
        resource("aws_ec2_transit_gateway_route_table", "spokes", #"{"id":"tgw-rtb-s","transit_gateway_id":"tgw-1"}"#),
        resource(
            "aws_ec2_transit_gateway_route_table_association", "hub",
            #"{"transit_gateway_attachment_id":"att-h","transit_gateway_route_table_id":"tgw-rtb-h"}"#),
        resource(
            "aws_ec2_transit_gateway_route_table_association", "dev",
            #"{"transit_gateway_attachment_id":"att-d","transit_gateway_route_table_id":"tgw-rtb-s"}"#),
        resource(
            "aws_ec2_transit_gateway_route_table_propagation", "hub_to_spokes",
            #"{"transit_gateway_attachment_id":"att-h","transit_gateway_route_table_id":"tgw-rtb-s"}"#),
    ] + hubTable
}

/// (forward hop dev -> hub endpoint subnet, return hop hub -> dev).
private func hops(_ model: NetworkModel) throws -> (forward: Hop, back: Hop) {
    let engine = PathEngine(model: model)
    let connections = engine.connectionKeys(between: "vpc-d", and: "vpc-h")
    #expect(connections == ["tgw-1"])
    let dev = try #require(model.routeTables.first { $0.key == "rtb-d" })
    let hub = try #require(model.routeTables.first { $0.key == "rtb-h" })
    let hubVPC = try #require(model.vpc("vpc-h"))
    let devVPC = try #require(model.vpc("vpc-d"))
    let forward = engine.routeHop(
        .forwardRoute, table: dev, to: CIDR("10.255.1.0/24")!, peer: hubVPC, through: connections)
    let back = engine.routeHop(.returnRoute, table: hub, to: CIDR("10.2.0.0/16")!, peer: devVPC, through: connections)
    return (forward, back)
}

extension HopReason {
    fileprivate var gateway: TransitGatewayVerdict? {
        if case .transitGateway(_, let verdict) = self { return verdict }
        return nil
    }
}

@Suite struct TransitGatewayTests {
    @Test func defaultAssociationAndPropagationDeliverBothWays() throws {
        let (forward, back) = try hops(network([gateway()]))
        #expect(forward.status == .pass)
        #expect(back.status == .pass)
        guard case .transitGateway(_, .delivered(_, _, let target)) = back.reason else {
            Issue.record("\(back.reason)")
            return
        }
        #expect(target.address == "aws_ec2_transit_gateway_vpc_attachment.dev")
    }

    @Test func defaultsOffAndNoAssociationFailAtTheAttachment() throws {
        let (forward, back) = try hops(network([gateway(association: "disable", propagation: "disable")]))
        #expect(forward.status == .fail)
        #expect(forward.origin?.address == "aws_ec2_transit_gateway_vpc_attachment.dev")
        guard case .transitGateway(_, .noAssociation(let source)) = forward.reason else {
            Issue.record("\(forward.reason)")
            return
        }
        #expect(source.address == "aws_ec2_transit_gateway_vpc_attachment.dev")
        #expect(back.origin?.address == "aws_ec2_transit_gateway_vpc_attachment.hub")
    }

    @Test func attachmentOptingOutOfDefaultAssociationThroughItsAccepter() throws {
        let accepter = resource(
            "aws_ec2_transit_gateway_vpc_attachment_accepter", "dev",
            #"{"id":"att-d","transit_gateway_attachment_id":"att-d","transit_gateway_default_route_table_association":false,"transit_gateway_default_route_table_propagation":true}"#
        )
        let model = try network([gateway(), accepter])
        #expect(
            model.transitGatewayAttachment("att-d")?.accepter?.address
                == "aws_ec2_transit_gateway_vpc_attachment_accepter.dev")
        let (forward, back) = try hops(model)
        #expect(forward.status == .fail)
        #expect(back.status == .pass)
    }

    @Test func hubTableWithoutTheSpokeFailsAtThatTable() throws {
        let (forward, back) = try hops(network(splitTables([])))
        #expect(forward.status == .pass)
        #expect(back.status == .fail)
        #expect(back.origin?.address == "aws_ec2_transit_gateway_route_table.hub")
        guard case .transitGateway(let leg, .noRoute(let table, _)) = back.reason else {
            Issue.record("\(back.reason)")
            return
        }
        #expect(table.address == "aws_ec2_transit_gateway_route_table.hub")
        #expect(leg.destination == CIDR("10.2.0.0/16") && leg.peer.address == "aws_vpc.dev")
    }

    @Test func staticRouteAndPropagationBothDeliver() throws {
        let propagation = resource(
            "aws_ec2_transit_gateway_route_table_propagation", "dev_to_hub",
            #"{"transit_gateway_attachment_id":"att-d","transit_gateway_route_table_id":"tgw-rtb-h"}"#)
        let route = resource(
            "aws_ec2_transit_gateway_route", "dev",
            #"{"transit_gateway_route_table_id":"tgw-rtb-h","destination_cidr_block":"10.2.0.0/16","transit_gateway_attachment_id":"att-d","blackhole":false}"#
        )
        #expect(try hops(network(splitTables([propagation]))).back.status == .pass)
        #expect(try hops(network(splitTables([route]))).back.status == .pass)
    }

    @Test func mostSpecificRouteWinsAndStaticBeatsPropagatedAtEqualLength() throws {
        let propagation = resource(
            "aws_ec2_transit_gateway_route_table_propagation", "dev_to_hub",
            #"{"transit_gateway_attachment_id":"att-d","transit_gateway_route_table_id":"tgw-rtb-h"}"#)
        func blackhole(_ cidr: String) -> String {
            resource(
                "aws_ec2_transit_gateway_route", "drop",
                #"{"transit_gateway_route_table_id":"tgw-rtb-h","destination_cidr_block":"\#(cidr)","transit_gateway_attachment_id":"","blackhole":true}"#
            )
        }
        let broad = try hops(network(splitTables([propagation, blackhole("10.0.0.0/8")]))).back
        #expect(broad.status == .pass)
        let equal = try hops(network(splitTables([propagation, blackhole("10.2.0.0/16")]))).back
        #expect(equal.status == .fail)
        #expect(equal.origin?.address == "aws_ec2_transit_gateway_route.drop")
    }

    @Test func staticRouteToAnotherAttachmentFails() throws {
        let route = resource(
            "aws_ec2_transit_gateway_route", "wrong",
            #"{"transit_gateway_route_table_id":"tgw-rtb-h","destination_cidr_block":"10.2.0.0/16","transit_gateway_attachment_id":"att-h","blackhole":false}"#
        )
        let back = try hops(network(splitTables([route]))).back
        #expect(back.status == .fail)
        #expect(back.origin?.address == "aws_ec2_transit_gateway_route.wrong")
    }

    @Test func anAZWithoutAttachmentSubnetFailsBothWays() throws {
        let (forward, back) = try hops(network([gateway()], spokeAttachmentSubnets: #"["sub-d1"]"#))
        #expect(forward.status == .fail)
        #expect(forward.origin?.address == "aws_ec2_transit_gateway_vpc_attachment.dev")
        #expect(
            forward.reason.gateway
                == .attachmentMissingAZ(
                    attachment: forward.origin!, zone: "ap-northeast-1c",
                    subnet: Origin(environment: "net", path: "net.json", address: "aws_subnet.d2")))
        #expect(back.status == .fail)
    }

    @Test func propagationWhoseTableAPlanLeavesUnknownMakesTheHopUnknown() throws {
        let plan = #"""
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[
               {"address":"aws_ec2_transit_gateway_route_table_propagation.dev","mode":"managed","type":"aws_ec2_transit_gateway_route_table_propagation","name":"dev","provider_name":"registry.terraform.io/hashicorp/aws","values":{"transit_gateway_attachment_id":"att-d"}}]}},
             "resource_changes":[
               {"address":"aws_ec2_transit_gateway_route_table_propagation.dev","mode":"managed","type":"aws_ec2_transit_gateway_route_table_propagation","name":"dev","provider_name":"registry.terraform.io/hashicorp/aws",
                "change":{"actions":["create"],"before":null,"after":{"transit_gateway_attachment_id":"att-d"},"after_unknown":{"id":true,"transit_gateway_route_table_id":true}}}],
             "configuration":{"root_module":{"resources":[
               {"address":"aws_ec2_transit_gateway_route_table_propagation.dev","mode":"managed","type":"aws_ec2_transit_gateway_route_table_propagation","name":"dev","expressions":{"transit_gateway_route_table_id":{"references":["local.table"]}}}]}}}
            """#
        let back = try hops(network(splitTables([]), plans: [plan])).back
        #expect(back.status == .unknown)
        #expect(back.origin?.address == "aws_ec2_transit_gateway_route_table_propagation.dev")
        guard case .transitGateway(_, .unplacedItem(_, let problem)) = back.reason else {
            Issue.record("\(back.reason)")
            return
        }
        #expect(problem.attribute == "transit_gateway_route_table_id")
    }

    @Test func gatewayNotInTheInputsIsUnknown() throws {
        let (forward, back) = try hops(network([]))
        #expect(forward.status == .unknown)
        #expect(back.status == .unknown)
    }
}

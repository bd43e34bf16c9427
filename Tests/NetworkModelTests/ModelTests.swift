import NetworkModel
import TerraformShow
import Testing

/// Builds a state document with the given resources (root module).
private func state(_ resources: String) throws -> TerraformDocument {
    let text =
        #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
        + resources + "]}}}"
    return try DocumentLoader.load(bytes: Array(text.utf8), path: "test.json")
}

private func resource(_ type: String, _ name: String, _ values: String, mode: String = "managed") -> String {
    let prefix = mode == "data" ? "data." : ""
    return
        #"{"address":"\#(prefix)\#(type).\#(name)","mode":"\#(mode)","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
}

@Suite struct ModelTests {
    @Test func securityGroupRulesFromAllThreeForms() throws {
        let document = try state(
            [
                resource(
                    "aws_security_group", "ep",
                    #"{"id":"sg-1","vpc_id":"vpc-1","ingress":[{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.2.0.0/16"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}],"egress":[]}"#
                ),
                resource(
                    "aws_security_group_rule", "stg",
                    #"{"security_group_id":"sg-1","type":"ingress","protocol":"6","from_port":0,"to_port":65535,"cidr_blocks":["10.3.0.0/16"]}"#
                ),
                resource(
                    "aws_vpc_security_group_ingress_rule", "prd",
                    #"{"security_group_id":"sg-1","ip_protocol":"-1","cidr_ipv4":"10.4.0.0/16"}"#),
                resource(
                    "aws_vpc_security_group_ingress_rule", "peer",
                    #"{"security_group_id":"sg-1","ip_protocol":"TCP","from_port":443,"to_port":443,"referenced_security_group_id":"sg-9"}"#
                ),
                resource(
                    "aws_vpc_security_group_ingress_rule", "udp",
                    #"{"security_group_id":"sg-1","ip_protocol":"udp","from_port":443,"to_port":443,"cidr_ipv4":"10.5.0.0/16"}"#
                ),
            ].joined(separator: ","))
        let model = NetworkModel(documents: [("hub", document)])
        let group = try #require(model.securityGroup("sg-1"))
        #expect(group.rules.count == 5)
        let allowing = group.rules.filter { $0.isIngress && $0.allowsTCP(443) }
        #expect(allowing.count == 4)
        #expect(allowing.contains { $0.source == .securityGroup("sg-9") })
        #expect(!group.rules.contains { $0.source == .cidr(CIDR("10.5.0.0/16")!) && $0.allowsTCP(443) })
    }

    @Test func routeLookupPicksMostSpecificRoute() throws {
        let document = try state(
            [
                resource(
                    "aws_route_table", "hub",
                    #"{"id":"rtb-1","vpc_id":"vpc-1","route":[{"cidr_block":"10.0.0.0/8","transit_gateway_id":"tgw-1","gateway_id":"","vpc_peering_connection_id":""}]}"#
                ),
                resource(
                    "aws_route", "dev",
                    #"{"route_table_id":"rtb-1","destination_cidr_block":"10.2.0.0/16","vpc_peering_connection_id":"pcx-1"}"#
                ),
            ].joined(separator: ","))
        let model = NetworkModel(documents: [("hub", document)])
        let table = try #require(model.routeTables.first)
        #expect(model.route(in: table, to: CIDR("10.2.0.0/16")!)?.target == .peering("pcx-1"))
        #expect(model.route(in: table, to: CIDR("10.3.0.0/16")!)?.target == .transitGateway("tgw-1"))
        #expect(model.route(in: table, to: CIDR("172.16.0.0/16")!) == nil)
    }

    @Test func managedResourceWinsOverDataSourceOfSameVPC() throws {
        let hub = try state(
            resource("aws_vpc", "hub", #"{"id":"vpc-1","cidr_block":"10.255.0.0/16","tags":{"Name":"hub"}}"#))
        let spoke = try state(
            resource("aws_vpc", "hub", #"{"id":"vpc-1","cidr_block":"10.255.0.0/16"}"#, mode: "data"))
        let model = NetworkModel(documents: [("spoke", spoke), ("shared", hub)])
        #expect(model.vpcs.count == 1)
        #expect(model.vpcs[0].origin.environment == "shared")
        #expect(!model.vpcs[0].isDataSource)
    }

    @Test func hubIsTheVPCWithMoreEndpoints() throws {
        let hub = try state(
            [
                resource("aws_vpc", "hub", #"{"id":"vpc-h","cidr_block":"10.255.0.0/16"}"#),
                resource(
                    "aws_vpc_endpoint", "a",
                    #"{"id":"vpce-1","vpc_id":"vpc-h","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.ap-northeast-1.ssm","private_dns_enabled":false,"subnet_ids":["subnet-1"]}"#
                ),
                resource(
                    "aws_vpc_endpoint", "b",
                    #"{"id":"vpce-2","vpc_id":"vpc-h","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.ap-northeast-1.logs","private_dns_enabled":false,"subnet_ids":["subnet-1"]}"#
                ),
            ].joined(separator: ","))
        let spoke = try state(
            [
                resource("aws_vpc", "spoke", #"{"id":"vpc-s","cidr_block":"10.2.0.0/16"}"#),
                resource(
                    "aws_vpc_endpoint", "own",
                    #"{"id":"vpce-3","vpc_id":"vpc-s","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.ap-northeast-1.logs","subnet_ids":["subnet-2"]}"#
                ),
                resource(
                    "aws_vpc_peering_connection", "hub",
                    #"{"id":"pcx-1","vpc_id":"vpc-s","peer_vpc_id":"vpc-h","accept_status":"active"}"#),
            ].joined(separator: ","))
        let model = NetworkModel(documents: [("shared", hub), ("dev", spoke)])
        let hubs = model.hubs
        #expect(hubs.count == 1)
        #expect(hubs.first?.vpc.key == "vpc-h")
        #expect(hubs.first?.spokes.map(\.vpc.key) == ["vpc-s"])
        #expect(hubs.first?.spokes.first?.connection == .peering("pcx-1"))
        // Naming the hub explicitly overrides inference.
        let named = NetworkModel(documents: [("shared", hub), ("dev", spoke)], hubSelectors: ["dev"])
        #expect(named.hubs.map(\.vpc.key) == ["vpc-s"])
    }
}

@Suite struct HubInferenceTests {
    /// A spoke linted without its hub: its own private-DNS endpoint must not make it look like a hub.
    @Test func spokeWithoutItsHubIsNoHub() throws {
        let text =
            #"{"format_version":"1.0","values":{"root_module":{"resources":["#
            + [
                #"{"address":"aws_vpc.dev","mode":"managed","type":"aws_vpc","name":"dev","values":{"id":"vpc-d","cidr_block":"10.2.0.0/16"}}"#,
                #"{"address":"data.aws_vpc.hub","mode":"data","type":"aws_vpc","name":"hub","values":{"id":"vpc-h","cidr_block":"10.255.0.0/16"}}"#,
                #"{"address":"aws_vpc_endpoint.sqs","mode":"managed","type":"aws_vpc_endpoint","name":"sqs","values":{"id":"vpce-1","vpc_id":"vpc-d","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.ap-northeast-1.sqs","private_dns_enabled":true,"subnet_ids":["subnet-1"]}}"#,
                #"{"address":"aws_vpc_peering_connection.hub","mode":"managed","type":"aws_vpc_peering_connection","name":"hub","values":{"id":"pcx-1","vpc_id":"vpc-d","peer_vpc_id":"vpc-h","accept_status":"active"}}"#,
            ].joined(separator: ",") + "]}}}"
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "dev.json")
        let model = NetworkModel(documents: [("dev", document)])
        #expect(model.hubs.isEmpty)
        // Named explicitly, the hub is used even with no endpoints in the inputs.
        let named = NetworkModel(documents: [("dev", document)], hubSelectors: ["vpc-h"])
        #expect(named.hubs.map(\.vpc.key) == ["vpc-h"])
        #expect(named.hubs.first?.spokes.map(\.vpc.key) == ["vpc-d"])
    }
}

/// A derived fact is computed once per model (``NetworkModel/memoized(_:_:)``), shared by the model's copies,
/// and computed again after ``NetworkModel/forgetDerivedFacts()`` (check lets the rules' facts go before the
/// report).
@Suite struct DerivedFactsTests {
    final class Counter: @unchecked Sendable {
        var count = 0
    }

    @Test func aFactIsComputedOnceAndAgainAfterItIsForgotten() {
        let model = NetworkModel(documents: [])
        let copy = model
        let counter = Counter()
        let compute = { () -> Int in
            counter.count += 1
            return counter.count * 10
        }
        #expect(model.memoized("test.fact", compute) == 10)
        #expect(model.memoized("test.fact", compute) == 10)
        #expect(copy.memoized("test.fact", compute) == 10, "a copy of the model shares its facts")
        #expect(counter.count == 1)
        copy.forgetDerivedFacts()
        #expect(model.memoized("test.fact", compute) == 20, "forgotten on every copy, computed again")
        #expect(counter.count == 2)
        #expect(model.memoized("test.other", compute) == 30)
    }
}

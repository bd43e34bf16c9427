import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import TestSupport
import VPCELintDevKit

/// Loads fixture scenarios (with the dev tool's loader) and runs every rule over them, as the CLI does.
enum Scenario {
    static let fixtures = Fixtures(root: Repository.root)

    /// Scenario folders that hold generated JSON.
    static var names: [String] { fixtures.scenarios }

    /// The model of a scenario, environment = file name up to its first dot.
    static func model(
        _ scenario: String, options: LoadOptions = LoadOptions(), segmentSize: Int? = nil
    ) throws -> NetworkModel {
        try fixtures.model(scenario, options: options, segmentSize: segmentSize)
    }

    /// All findings (violations and unknowns) of every rule, sorted.
    static func run(_ scenario: String, pricing: Pricing = Pricing()) throws -> (
        findings: [Finding], unknowns: [Finding]
    ) {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: pricing))
        return linter.run(try model(scenario))
    }
}

/// A `terraform show -json` state written in a test: resources as JSON text, one root module.
enum SyntheticState {
    /// One managed resource of the root module.
    static func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","values":\#(values)}"#
    }

    /// Hub VPC `vpc-h` (10.255.0.0/16) with subnet `sub-h` and interface endpoint `vpce-logs` for `logs` in
    /// us-east-1, private DNS as `privateDNS` says.
    static func hubWithLogsEndpoint(privateDNS: Bool) -> [String] {
        [
            resource(
                "aws_vpc", "hub",
                #"{"id":"vpc-h","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#),
            resource("aws_subnet", "hub", #"{"id":"sub-h","vpc_id":"vpc-h","cidr_block":"10.255.1.0/24"}"#),
            resource(
                "aws_vpc_endpoint", "logs",
                #"{"id":"vpce-logs","vpc_id":"vpc-h","service_name":"com.amazonaws.us-east-1.logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-h"],"private_dns_enabled":\#(privateDNS),"dns_entry":[{"dns_name":"vpce-logs.logs.us-east-1.vpce.amazonaws.com","hosted_zone_id":"ZVPCE"}]}"#
            ),
        ]
    }

    /// In hub VPC `vpc-h` (subnet `sub-h`): the `logs` endpoint with private DNS off, its security group (TCP 443
    /// from 10.0.0.0/8) and its private zone, associated with the hub and `spokes`, with the apex alias record.
    static func logsEndpointWithZone(spokes: [String]) -> [String] {
        let vpcs = (["vpc-h"] + spokes).map { #"{"vpc_id":"\#($0)"}"# }.joined(separator: ",")
        return [
            resource(
                "aws_security_group", "endpoints",
                #"{"id":"sg-h","vpc_id":"vpc-h","ingress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.0.0.0/8"]}]}"#
            ),
            resource(
                "aws_vpc_endpoint", "logs",
                #"{"id":"vpce-logs","vpc_id":"vpc-h","service_name":"com.amazonaws.us-east-1.logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-h"],"security_group_ids":["sg-h"],"private_dns_enabled":false,"dns_entry":[{"dns_name":"vpce-logs.logs.us-east-1.vpce.amazonaws.com","hosted_zone_id":"ZVPCE"}]}"#
            ),
            resource(
                "aws_route53_zone", "logs",
                #"{"zone_id":"Z-logs","name":"logs.us-east-1.amazonaws.com","vpc":[\#(vpcs)]}"#),
            resource(
                "aws_route53_record", "logs",
                #"{"zone_id":"Z-logs","name":"logs.us-east-1.amazonaws.com","type":"A","alias":[{"name":"vpce-logs.logs.us-east-1.vpce.amazonaws.com","zone_id":"ZVPCE"}]}"#
            ),
        ]
    }

    /// VPC `vpc-ID` with DNS on, one subnet `sub-ID` in us-east-1a and its route table `rtb-ID` holding `routes`
    /// (a JSON array), each resource named `ID`.
    static func vpc(_ id: String, cidr: String, subnet: String, routes: String) -> [String] {
        [
            resource(
                "aws_vpc", id,
                #"{"id":"vpc-\#(id)","cidr_block":"\#(cidr)","enable_dns_support":true,"enable_dns_hostnames":true}"#),
            resource(
                "aws_subnet", id,
                #"{"id":"sub-\#(id)","vpc_id":"vpc-\#(id)","cidr_block":"\#(subnet)","availability_zone":"us-east-1a"}"#
            ),
            resource("aws_route_table", id, #"{"id":"rtb-\#(id)","vpc_id":"vpc-\#(id)","route":\#(routes)}"#),
            resource("aws_route_table_association", id, #"{"subnet_id":"sub-\#(id)","route_table_id":"rtb-\#(id)"}"#),
        ]
    }

    /// The state that holds `resources`, loaded as the CLI loads a file at `path`.
    static func document(_ resources: [String], path: String) throws -> TerraformDocument {
        let text =
            #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}"
        return try DocumentLoader.load(bytes: Array(text.utf8), path: path)
    }
}

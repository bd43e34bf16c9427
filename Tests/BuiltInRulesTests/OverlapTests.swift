import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import Testing

/// A spoke whose CIDR lies inside the hub's: the address plan is the fix (overlapping-cidrs), never a return
/// route AWS would refuse (more specific than the hub's local route, through a peering).
@Suite struct OverlapTests {
    static func state(_ resources: [String]) -> String {
        #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}"
    }

    static func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
    }

    static let hub = state([
        resource(
            "aws_vpc", "hub",
            #"{"id":"vpc-hub","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#),
        resource(
            "aws_subnet", "hub",
            #"{"id":"subnet-hub","vpc_id":"vpc-hub","cidr_block":"10.255.1.0/24","availability_zone":"ap-northeast-1a"}"#
        ),
        resource("aws_route_table", "hub", #"{"id":"rtb-hub","vpc_id":"vpc-hub","route":[]}"#),
        resource(
            "aws_route_table_association", "hub",
            #"{"id":"rtbassoc-1","subnet_id":"subnet-hub","route_table_id":"rtb-hub"}"#),
        resource(
            "aws_vpc_endpoint", "ssm",
            #"{"id":"vpce-1","vpc_id":"vpc-hub","service_name":"com.amazonaws.ap-northeast-1.ssm","vpc_endpoint_type":"Interface","private_dns_enabled":false,"subnet_ids":["subnet-hub"],"security_group_ids":[]}"#
        ),
    ])

    static func spoke(_ cidr: String) -> String {
        state([
            resource(
                "aws_vpc", "spoke",
                #"{"id":"vpc-spoke","cidr_block":"\#(cidr)","enable_dns_support":true,"enable_dns_hostnames":true}"#),
            resource(
                "aws_vpc_peering_connection", "hub",
                #"{"id":"pcx-1","vpc_id":"vpc-spoke","peer_vpc_id":"vpc-hub","accept_status":"active"}"#),
        ])
    }

    static func findings(spokeCIDR: String) throws -> [Finding] {
        let documents = try [("shared", hub), ("dev", spoke(spokeCIDR))].map { name, text in
            (environment: name, document: try DocumentLoader.load(bytes: Array(text.utf8), path: name + ".json"))
        }
        let model = NetworkModel(documents: documents)
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        return linter.run(model).findings
    }

    @Test func aSpokeInsideTheHubIsAnOverlapNotAMissingRoute() throws {
        let findings = try Self.findings(spokeCIDR: "10.255.128.0/20")
        #expect(findings.contains { $0.ruleID == "VPCE009" })
        #expect(!findings.contains { $0.ruleID == "VPCE002" }, "\(findings.map(\.message))")
    }

    @Test func aSeparateSpokeStillNeedsItsRoute() throws {
        let findings = try Self.findings(spokeCIDR: "10.2.0.0/16")
        #expect(!findings.contains { $0.ruleID == "VPCE009" })
        #expect(findings.contains { $0.ruleID == "VPCE002" && $0.subject == "10.2.0.0/16" })
    }
}

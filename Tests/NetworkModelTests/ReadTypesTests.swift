import TerraformShow
import Testing

@testable import NetworkModel

/// The loader keeps attribute values for exactly the resource types the model builder reads: both come from
/// one list, ``ResourceType`` (the builder's `switch` over it is exhaustive, so the compiler checks that
/// every listed type is read).
@Suite struct ReadTypesTests {
    @Test(arguments: ResourceType.allCases)
    func everyTypeTheBuilderReadsIsKept(_ type: ResourceType) {
        #expect(NetworkModel.readTypes.contains(type.rawValue))
        #expect(NetworkModel.reads(type.rawValue))
        #expect(LoadOptions.awsNetwork.keepValues(type.rawValue))
        let kept = LoadOptions.awsNetwork.keptAttributes(type.rawValue)
        #expect(kept == type.attributes.union(ResourceType.sharedAttributes))
        #expect(kept?.isSuperset(of: ["id", "tags", "tags_all"]) == true)
    }

    /// Nothing else: the list is the builder's cases, and neighbours of the types read (the loader's old
    /// prefix list kept several of them) keep only their compact record.
    @Test func nothingElseIsKept() {
        #expect(NetworkModel.readTypes == Set(ResourceType.allCases.map(\.rawValue)))
        #expect(NetworkModel.readTypes.count == ResourceType.allCases.count)
        let neighbours = [
            "aws_region", "aws_internet_gateway", "aws_nat_gateway", "aws_default_network_acl",
            "aws_default_vpc_dhcp_options", "aws_route53_resolver_firewall_rule",
            "aws_route53_resolver_query_log_config",
            "aws_route53_health_check", "aws_ec2_transit_gateway_peering_attachment",
            "aws_ec2_transit_gateway_connect", "aws_vpc_endpoint_service", "aws_vpc_peering_connection_options",
            "aws_security_group_association", "aws_vpc_ipam", "aws_vpcx", "vpc", "", "google_compute_network",
        ]
        for type in neighbours {
            #expect(!LoadOptions.awsNetwork.keepValues(type), "\(type)")
        }
    }

    /// A type outside the list is not read even when its values look like a type the model reads.
    @Test func otherTypesAreNotRead() throws {
        func model(_ type: String) throws -> NetworkModel {
            let text =
                #"{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"\#(type).a","#
                + #""mode":"managed","type":"\#(type)","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","#
                + #""values":{"id":"vpc-1","cidr_block":"10.0.0.0/16"}}]}}}"#
            let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "test.json")
            return NetworkModel(documents: [(environment: "test", document: document)])
        }
        #expect(try model("aws_vpc").vpcs.count == 1)
        #expect(try model("aws_default_vpc").vpcs.count == 1)
        #expect(try model("aws_vpc_ipam").vpcs.isEmpty)
        #expect(try model("aws_default_vpc_dhcp_options").vpcs.isEmpty)
    }
}

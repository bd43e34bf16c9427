import TerraformShow
import Testing

@testable import NetworkModel

/// What a Route 53 Profile's `resource_arn` names: the ARN's service and resource type decide the kind, the
/// resource's ID is its key; a plan's synthetic key, by the type in its address.
@Suite("Route 53 Profile resources")
struct ProfileResourceTests {
    @Test(arguments: [
        ("arn:aws:route53:::hostedzone/Z0123456789ABC", ProfileResource.Kind.privateZone, "Z0123456789ABC"),
        ("arn:aws-cn:route53:::hostedzone/Z9", .privateZone, "Z9"),
        (
            "arn:aws:route53resolver:ap-northeast-1:111111111111:resolver-rule/rslvr-rr-0a1b", .resolverRule,
            "rslvr-rr-0a1b"
        ),
        ("arn:aws:ec2:ap-northeast-1:111111111111:vpc-endpoint/vpce-0a1b", .interfaceEndpoint, "vpce-0a1b"),
        (
            "arn:aws:route53resolver:ap-northeast-1:111111111111:firewall-rule-group/rslvr-frg-1", .other,
            "arn:aws:route53resolver:ap-northeast-1:111111111111:firewall-rule-group/rslvr-frg-1"
        ),
        ("arn:aws:route53:::healthcheck/abc", .other, "arn:aws:route53:::healthcheck/abc"),
        ("not an arn", .other, "not an arn"),
        ("arn:aws:route53:::hostedzone", .other, "arn:aws:route53:::hostedzone"),
        (
            "ref:shared:aws_route53_zone.endpoint[\"logs\"]", .privateZone,
            "ref:shared:aws_route53_zone.endpoint[\"logs\"]"
        ),
        (
            "ref:net:module.hub.aws_vpc_endpoint.this[\"ssm\"]", .interfaceEndpoint,
            "ref:net:module.hub.aws_vpc_endpoint.this[\"ssm\"]"
        ),
        (
            "ref:net:module.dns.aws_route53_resolver_rule.aws", .resolverRule,
            "ref:net:module.dns.aws_route53_resolver_rule.aws"
        ),
        ("ref:net:aws_vpc.hub", .other, "ref:net:aws_vpc.hub"),
        (
            #"ref:net:aws_route53_zone.endpoint["ecr.api"]"#, .privateZone,
            #"ref:net:aws_route53_zone.endpoint["ecr.api"]"#
        ),
        (
            #"ref:net:module.hub["a.b]"].aws_route53_zone.z["x\"].y"]"#, .privateZone,
            #"ref:net:module.hub["a.b]"].aws_route53_zone.z["x\"].y"]"#
        ),
    ])
    func kindAndKey(_ value: String, _ kind: ProfileResource.Kind, _ key: String) {
        let read = ModelBuilder.profileResource(value)
        #expect(read.kind == kind)
        #expect(read.key == key)
    }
}

/// A plan that leaves a profile association's profile unknown (behind a `local`) says so: any zone may be
/// associated with its VPC through it, an unknown that gives way to the VPC's own settings.
@Suite("Route 53 Profile associations a plan cannot place")
struct UnplacedProfileTests {
    @Test func anUnknownProfileMayAssociateAnyZoneWithTheVPC() throws {
        let text = #"""
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[
               {"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"vpc-a","cidr_block":"10.1.0.0/16"}},
               {"address":"aws_route53profiles_association.a","mode":"managed","type":"aws_route53profiles_association","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","values":{"resource_id":"vpc-a","name":"a"}}]}},
             "resource_changes":[
               {"address":"aws_route53profiles_association.a","mode":"managed","type":"aws_route53profiles_association","name":"a","provider_name":"registry.terraform.io/hashicorp/aws",
                "change":{"actions":["create"],"before":null,"after":{"resource_id":"vpc-a","name":"a"},"after_unknown":{"id":true,"profile_id":true}}}],
             "configuration":{"root_module":{"resources":[
               {"address":"aws_route53profiles_association.a","mode":"managed","type":"aws_route53profiles_association","name":"a","expressions":{"profile_id":{"references":["local.profile_id"]}}}]}}
            }
            """#
        let model = NetworkModel(
            documents: [("net", try DocumentLoader.load(bytes: Array(text.utf8), path: "net.plan.json"))])
        let unplaced = try #require(model.unplacedZoneAssociations.first)
        #expect(model.unplacedZoneAssociations.count == 1)
        #expect(unplaced.viaProfile && unplaced.zoneKey == nil && unplaced.vpcKey == "vpc-a")
        #expect(unplaced.problem.attribute == "profile_id")
        #expect(unplaced.origin.address == "aws_route53profiles_association.a")
        #expect(model.profileAssociations.isEmpty)
    }
}

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

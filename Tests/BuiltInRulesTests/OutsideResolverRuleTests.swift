import BuiltInRules
import Foundation
import LintCore
import NetworkModel
import TerraformShow
import TestSupport
import Testing
import Tracing

/// A Resolver rule that a VPC is associated with but no input holds (a rule shared by its ID from another
/// account, or one a Route 53 Profile carries): its domain may take any name, so the VPC's DNS is unknown, said
/// at each association, never dropped. The `resolver-shared-rules` fixture, whole and in part.
@Suite("Resolver rules outside the inputs")
struct OutsideResolverRuleTests {
    static func model(_ files: [String]) throws -> NetworkModel {
        let documents = try files.map { name in
            let path = Repository.root.appendingPathComponent("fixtures/resolver-shared-rules/\(name).show.json").path
            return (name, try DocumentLoader.load(path: path))
        }
        return NetworkModel(documents: documents)
    }

    static func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
        Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
    }

    static let services = ["ec2messages", "ecr.api", "ecr.dkr", "logs", "ssm", "ssmmessages"]

    @Test("every input: the partner rule, which only dev associates and nothing describes, is the one unknown")
    func wholeScenario() throws {
        let model = try Self.model(["shared", "dev", "stg"])
        // The corp rule is described by stg's data source, so dev's association with it joins it.
        #expect(
            model.outsideResolverAssociations.map(\.origin.address) == [
                #"aws_route53_resolver_rule_association.hybrid["partner"]"#
            ])
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(
            unknowns.map { "\($0.ruleID) \($0.location.environment) \($0.location.address)" } == [
                #"VPCE013 dev aws_route53_resolver_rule_association.hybrid["partner"]"#
            ])
        let unknown = try #require(unknowns.first)
        let partner = try #require(model.outsideResolverAssociations.first?.ruleKey)
        #expect(unknown.message.contains("Resolver rule \(partner), which no input holds"))
        #expect(unknown.remediation.contains(#"resolver_rule_id = "\#(partner)""#))
        #expect(unknown.subject == "spoke:dev:aws_vpc.spoke")
        // stg, associated with the hub's rule and the described corp rule only, reaches every service.
        let stg = try #require(model.vpcs.first { $0.origin.environment == "stg" && $0.isManaged })
        for service in Self.services {
            let trace = try #require(
                try Tracer.trace(TraceRequest(from: stg.key, service: service), in: model).traces.first)
            #expect(trace.status == .pass, "stg -> \(service): \(trace.hops.map(\.reason))")
        }
    }

    @Test("dev and the hub alone: both of dev's hybrid rules are outside, each said at its association")
    func partialInputs() throws {
        let model = try Self.model(["shared", "dev"])
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(
            unknowns.map { "\($0.location.address) \($0.subject)" }.sorted() == [
                #"aws_route53_resolver_rule.amazonaws spoke:shared:data.aws_vpc.spoke["stg"]"#,
                #"aws_route53_resolver_rule_association.hybrid["corp"] spoke:dev:aws_vpc.spoke"#,
                #"aws_route53_resolver_rule_association.hybrid["partner"] spoke:dev:aws_vpc.spoke"#,
            ])
        // stg is here only as the hub's data source: its association with the hub's rule would be in its own
        // root, so whether it has one is unknown, not a violation.
        let stg = try #require(unknowns.first { $0.location.address == "aws_route53_resolver_rule.amazonaws" })
        #expect(stg.message.contains("only as a data source"))
        #expect(unknowns.allSatisfy { $0.ruleID == "VPCE013" && $0.status == .unknown })
        // trace agrees: the DNS hop is unknown for every service, at the first association, whatever the hub's
        // own forwarding rule (which dev is associated with) would do.
        let dev = try #require(model.vpcs.first { $0.origin.environment == "dev" && $0.isManaged })
        for service in Self.services {
            let trace = try #require(
                try Tracer.trace(TraceRequest(from: dev.key, service: service), in: model).traces.first)
            let dns = try #require(trace.hops.first { $0.kind == .dns })
            #expect(dns.status == .unknown)
            guard case .resolverRuleOutsideInputs(_, let rule, let association) = dns.reason else {
                Issue.record("dev -> \(service): \(dns.reason)")
                continue
            }
            #expect(association.address == #"aws_route53_resolver_rule_association.hybrid["corp"]"#)
            #expect(model.outsideResolverRules(of: dev.key).map(\.ruleKey).first == rule)
        }
    }

    @Test("with the rule's owner among the inputs, nothing is unknown")
    func ownerInTheInputs() throws {
        // The hybrid rules, as their owner's state would hold them, beside the fixture's three files.
        let dev = try Self.model(["shared", "dev", "stg"])
        let ids = dev.outsideResolverAssociations.map(\.ruleKey)
        let rules = ids.enumerated().map { offset, id in
            #"{"address":"aws_route53_resolver_rule.onprem[\#(offset)]","mode":"managed","type":"aws_route53_resolver_rule","name":"onprem","index":\#(offset),"values":{"id":"\#(id)","domain_name":"partner.example.net","rule_type":"FORWARD","target_ip":[{"ip":"172.20.0.53"}]}}"#
        }
        var documents = try ["shared", "dev", "stg"].map { name in
            let path = Repository.root.appendingPathComponent("fixtures/resolver-shared-rules/\(name).show.json").path
            return (name, try DocumentLoader.load(path: path))
        }
        documents.append(("hybrid", try SyntheticState.document(rules, path: "hybrid.json")))
        let model = NetworkModel(documents: documents)
        #expect(!ids.isEmpty)
        #expect(model.outsideResolverAssociations.isEmpty)
        let (findings, unknowns) = Self.check(model)
        #expect(findings.isEmpty && unknowns.isEmpty, "\((findings + unknowns).map(\.message))")
    }

    @Test("a rule a Route 53 Profile carries that no input holds makes the profile's VPCs unknown")
    func profileCarriedRule() throws {
        let resource = SyntheticState.resource
        let resources = [
            resource(
                "aws_vpc", "a",
                #"{"id":"vpc-a","cidr_block":"10.1.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#),
            resource("aws_route53profiles_profile", "p", #"{"id":"rp-1","name":"dns"}"#),
            resource(
                "aws_route53profiles_resource_association", "rule",
                #"{"id":"rpr-1","profile_id":"rp-1","resource_arn":"arn:aws:route53resolver:us-east-1:111122223333:resolver-rule/rslvr-rr-elsewhere"}"#
            ),
            resource(
                "aws_route53profiles_association", "a", #"{"id":"rpa-1","profile_id":"rp-1","resource_id":"vpc-a"}"#),
        ]
        let model = NetworkModel(documents: [("spoke", try SyntheticState.document(resources, path: "a.json"))])
        let outside = model.outsideResolverRules(of: "vpc-a")
        #expect(outside.map(\.ruleKey) == ["rslvr-rr-elsewhere"])
        #expect(outside.first?.origin.address == "aws_route53profiles_association.a")
        #expect(outside.first?.related.map(\.address) == ["aws_route53profiles_resource_association.rule"])
        let vpc = try #require(model.vpc("vpc-a"))
        let hop = PathEngine(model: model).dnsHop(from: vpc, service: "ssm", host: "ssm.us-east-1.amazonaws.com").hop
        #expect(hop.status == .unknown)
        #expect(hop.origin?.address == "aws_route53profiles_association.a")
    }
}

/// One rule outside the inputs that every spoke uses (an on-premises rule shared with every account).
@Suite("A Resolver rule outside the inputs that many spokes use")
struct SharedOutsideRuleTests {
    @Test("each spoke's unknown stands at its association, and the spokes are one group")
    func oneGroup() throws {
        let resource = SyntheticState.resource
        let spokes = (1...12).map { "vpc-s\($0)" }
        let zoneVPCs = (["vpc-h"] + spokes).map { #"{"vpc_id":"\#($0)"}"# }.joined(separator: ",")
        var resources =
            SyntheticState.hubWithLogsEndpoint(privateDNS: false) + [
                resource(
                    "aws_route53_zone", "logs",
                    #"{"zone_id":"Z-logs","name":"logs.us-east-1.amazonaws.com","vpc":[\#(zoneVPCs)]}"#),
                resource(
                    "aws_route53_record", "logs",
                    #"{"zone_id":"Z-logs","name":"logs.us-east-1.amazonaws.com","type":"A","alias":[{"name":"vpce-logs.logs.us-east-1.vpce.amazonaws.com","zone_id":"ZVPCE"}]}"#
                ),
            ]
        for (offset, spoke) in spokes.enumerated() {
            resources.append(
                resource(
                    "aws_vpc", "s\(offset)",
                    #"{"id":"\#(spoke)","cidr_block":"10.\#(offset + 1).0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#
                ))
            resources.append(
                resource(
                    "aws_route53_resolver_rule_association", "s\(offset)",
                    #"{"id":"rslvr-rrassoc-\#(offset)","resolver_rule_id":"rslvr-rr-onprem","vpc_id":"\#(spoke)"}"#))
        }
        let model = NetworkModel(
            documents: [("org", try SyntheticState.document(resources, path: "org.json"))], hubSelectors: ["vpc-h"])
        let unknowns = OutsideResolverRuleTests.check(model).unknowns.filter { $0.ruleID == "VPCE013" }
        #expect(unknowns.count == 12)
        #expect(Set(unknowns.map(\.location.address)).count == 12)
        let groups = Set(unknowns.compactMap(\.group?.id))
        #expect(groups == ["VPCE013|outside|rslvr-rr-onprem"])
        let group = try #require(unknowns.first?.group)
        #expect(group.summary == "12 spokes are associated with Resolver rule rslvr-rr-onprem, which no input holds")
        #expect(Set(group.members.map(\.address)) == Set((0..<12).map { "aws_vpc.s\($0)" }))
    }
}

/// A spoke known only from the hub root's data sources, and a Resolver rule of that root that does not name it.
@Suite("Resolver rule associations of spokes known from data sources")
struct DataSourceSpokeRuleTests {
    /// Hub `vpc-h` forwards `amazonaws.com` to its inbound endpoint; spokes `vpc-a`, `vpc-b` are data sources of
    /// the hub's root, peered with it. The hub root associates the rule with `associated` (VPC IDs).
    static func model(associated: [String]) throws -> NetworkModel {
        let resource = SyntheticState.resource
        var resources =
            SyntheticState.hubWithLogsEndpoint(privateDNS: true) + [
                resource(
                    "aws_route53_resolver_endpoint", "inbound",
                    #"{"id":"rslvr-in-1","direction":"INBOUND","host_vpc_id":"vpc-h","ip_address":[{"ip":"10.255.1.53","subnet_id":"sub-h"}]}"#
                ),
                resource(
                    "aws_route53_resolver_rule", "aws",
                    #"{"id":"rslvr-rr-1","domain_name":"amazonaws.com","rule_type":"FORWARD","target_ip":[{"ip":"10.255.1.53"}]}"#
                ),
            ]
        for (name, cidr) in [("a", "10.1.0.0/16"), ("b", "10.2.0.0/16")] {
            resources.append(
                #"{"address":"data.aws_vpc.\#(name)","mode":"data","type":"aws_vpc","name":"\#(name)","values":{"id":"vpc-\#(name)","cidr_block":"\#(cidr)"}}"#
            )
            resources.append(
                resource(
                    "aws_vpc_peering_connection", name,
                    #"{"id":"pcx-\#(name)","vpc_id":"vpc-\#(name)","peer_vpc_id":"vpc-h","accept_status":"active"}"#))
        }
        for vpc in associated {
            resources.append(
                resource(
                    "aws_route53_resolver_rule_association", vpc,
                    #"{"id":"rslvr-rrassoc-\#(vpc)","resolver_rule_id":"rslvr-rr-1","vpc_id":"\#(vpc)"}"#))
        }
        return NetworkModel(
            documents: [("shared", try SyntheticState.document(resources, path: "shared.json"))],
            hubSelectors: ["vpc-h"])
    }

    static func hop(_ model: NetworkModel, from vpc: String) throws -> Hop {
        let source = try #require(model.vpc(vpc))
        return PathEngine(model: model).dnsHop(from: source, service: "logs", host: "logs.us-east-1.amazonaws.com").hop
    }

    @Test("the root associates the rule with another looked-up spoke: the missing association is a violation")
    func rootOwnsTheAssociations() throws {
        let model = try Self.model(associated: ["vpc-a"])
        #expect(try Self.hop(model, from: "vpc-a").status == .pass)
        let b = try Self.hop(model, from: "vpc-b")
        #expect(b.status == .fail)
        guard case .resolverRuleNotAssociated = b.reason else {
            Issue.record("\(b.reason)")
            return
        }
    }

    @Test("the root associates the rule with no looked-up spoke: each spoke's association is unknown")
    func spokesOwnTheirAssociations() throws {
        let model = try Self.model(associated: [])
        for vpc in ["vpc-a", "vpc-b"] {
            let hop = try Self.hop(model, from: vpc)
            #expect(hop.status == .unknown)
            guard case .resolverAssociationUnknown(_, _, let association, _) = hop.reason else {
                Issue.record("\(hop.reason)")
                continue
            }
            #expect(association.address == "data.aws_vpc.\(vpc.dropFirst(4))")
        }
    }
}

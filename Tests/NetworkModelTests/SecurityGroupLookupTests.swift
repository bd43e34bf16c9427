import TerraformShow
import TestSupport
import Testing

@testable import NetworkModel

/// A large security group's rules looked up by the source CIDR they cover (``SecurityGroupLookup``) decide as
/// reading every rule in order decides: the status and the rule that leaves it unknown. The reading in order is
/// had from a copy of the group whose rules were copied into new storage (the lookup answers only for the
/// model's own group).
@Suite("Security group lookup of a large group")
struct SecurityGroupLookupTests {
    static func network(_ random: inout SplitMix, lengths: [Int] = [16, 20, 24, 24, 28]) -> String {
        GeneratedNetworks.network(&random, lengths: lengths)
    }

    /// One ingress or egress block: a protocol and ports (some unreadable), and one to three sources among CIDRs,
    /// an unreadable CIDR, the two prefix lists, groups of both VPCs, and the group itself.
    static func block(_ random: inout SplitMix) -> String {
        let (protocolText, from, to) = [
            ("tcp", "443", "443"), ("tcp", "443", "443"), ("tcp", "0", "65535"), ("tcp", "80", "80"),
            ("udp", "53", "53"), ("tcp", #""x""#, "443"),
        ].randomElement(using: &random)!
        var cidrs = [String]()
        var lists = [String]()
        var groups = [String]()
        var isSelf = false
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            switch Int.random(in: 0..<40, using: &random) {
            case 0..<34: cidrs.append("\"\(network(&random))\"")
            case 34: cidrs.append(#""not-a-network""#)
            case 35, 36: lists.append(Bool.random(using: &random) ? #""pl-a""# : #""pl-b""#)
            case 37, 38: groups.append(Bool.random(using: &random) ? #""sg-h""# : #""sg-s""#)
            default: isSelf = true
            }
        }
        return
            #"{"protocol":"\#(protocolText)","from_port":\#(from),"to_port":\#(to),"cidr_blocks":[\#(cidrs.joined(separator: ","))],"ipv6_cidr_blocks":[],"prefix_list_ids":[\#(lists.joined(separator: ","))],"security_groups":[\#(groups.joined(separator: ","))],"self":\#(isSelf)}"#
    }

    static func model(_ random: inout SplitMix, rules: Int, unreadableList: Bool) throws -> NetworkModel {
        let ingress = (0..<rules).map { _ in block(&random) }
        let egress = (0..<rules / 10).map { _ in block(&random) }
        let items =
            [
                GeneratedNetworks.resource("aws_vpc", "hub", #"{"id":"vpc-h","cidr_block":"10.255.0.0/16"}"#),
                GeneratedNetworks.resource("aws_vpc", "spoke", #"{"id":"vpc-s","cidr_block":"10.1.0.0/16"}"#),
                GeneratedNetworks.resource(
                    "aws_security_group", "hub",
                    #"{"id":"sg-h","vpc_id":"vpc-h","ingress":[\#(ingress.joined(separator: ","))],"egress":[\#(egress.joined(separator: ","))]}"#
                ),
                GeneratedNetworks.resource(
                    "aws_security_group", "spoke", #"{"id":"sg-s","vpc_id":"vpc-s","ingress":[],"egress":[]}"#),
            ]
            + GeneratedNetworks.prefixLists(&random, lengths: [16, 20, 24, 24, 28], unreadable: unreadableList)
        return try GeneratedNetworks.model(items)
    }

    @Test("every decision of the lookup is the decision of reading the rules in order", arguments: [false, true])
    func decidesAsReadingInOrder(unreadableList: Bool) throws {
        var random = SplitMix(state: unreadableList ? 4 : 3)
        let model = try Self.model(&random, rules: 60, unreadableList: unreadableList)
        let group = try #require(model.securityGroup("sg-h"))
        let other = try #require(model.securityGroup("sg-s"))
        #expect(group.rules.count > 60)
        var copy = group
        copy.rules = group.rules.map { $0 }
        #expect(model.securityGroupLookup(group) != nil, "the model's own group is looked up")
        #expect(model.securityGroupLookup(copy) == nil, "a group with other storage is read in order")
        let engine = PathEngine(model: model)
        var statuses = [String: Int]()
        for _ in 0..<2000 {
            let cidr = try #require(CIDR(Self.network(&random, lengths: [12, 16, 20, 24, 28, 32])))
            let port = [443, 80, 53, 8443].randomElement(using: &random)!
            let udp = port == 53 && Bool.random(using: &random)
            let source = ["vpc-s", "vpc-h", "vpc-x", "vpc-x"].randomElement(using: &random)!
            let sourceGroups: Set<String>? = Int.random(in: 0..<4, using: &random) == 0 ? ["sg-s"] : nil
            for (looked, read) in [([group], [copy]), ([other, group], [other, copy])] {
                let found = engine.securityGroupDecision(
                    looked, port: port, from: cidr, sourceVPC: source, udp: udp, sourceGroups: sourceGroups)
                let expected = engine.securityGroupDecision(
                    read, port: port, from: cidr, sourceVPC: source, udp: udp, sourceGroups: sourceGroups)
                #expect(String(describing: found) == String(describing: expected), "\(cidr) \(port) \(source)")
                statuses[String(describing: found.status), default: 0] += 1
            }
        }
        // With the unreadable prefix list entry, whatever no rule lets in is unknown: no source fails.
        #expect(
            statuses["pass"] != nil && statuses["unknown"] != nil && (unreadableList || statuses["fail"] != nil),
            "the decisions are varied: \(statuses)")
    }
}

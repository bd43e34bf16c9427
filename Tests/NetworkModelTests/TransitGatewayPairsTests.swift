import NetworkModel
import TerraformShow
import TestSupport
import Testing

/// The transit gateway pairs the topology lists and counts agree with judging every pair on its own, on
/// seeded random gateways: route tables shared or not, associations, propagations, static and blackhole
/// routes, VPCs with two attachments, without CIDRs or known only as data sources, possible hubs or not.
@Suite struct TransitGatewayPairsTests {
    /// One random estate: its resources, and the VPC named as hub (or nil: hubs inferred).
    private static func estate(seed: UInt64) -> (resources: [String], hub: String?) {
        var random = SplitMix(state: seed)
        func item(_ type: String, _ name: String, _ values: String, data: Bool = false) -> String {
            let address = (data ? "data." : "") + "\(type).\(name)"
            return #"{"address":"\#(address)","mode":"\#(data ? "data" : "managed")","type":"\#(type)","#
                + #""name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        var resources = [String]()
        let gateways = Int.random(in: 1...2, using: &random)
        var tables = [[String]]()
        for gateway in 1...gateways {
            resources.append(
                item(
                    "aws_ec2_transit_gateway", "g\(gateway)",
                    #"{"id":"tgw-\#(gateway)","default_route_table_association":"disable","#
                        + #""default_route_table_propagation":"disable"}"#))
            let count = Int.random(in: 1...4, using: &random)
            tables.append((1...count).map { "rt-\(gateway)-\($0)" })
            for table in tables[gateway - 1] {
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_route_table", table.replacingOccurrences(of: "-", with: "_"),
                        #"{"id":"\#(table)","transit_gateway_id":"tgw-\#(gateway)"}"#))
            }
        }
        let vpcCount = Int.random(in: 3...14, using: &random)
        var managed = [Int]()
        for vpc in 1...vpcCount {
            switch Int.random(in: 0..<10, using: &random) {
            case 0:  // managed, no CIDR yet
                resources.append(item("aws_vpc", "v\(vpc)", #"{"id":"vpc-\#(vpc)"}"#))
                managed.append(vpc)
            case 1, 2:  // a data source
                resources.append(
                    item("aws_vpc", "v\(vpc)", #"{"id":"vpc-\#(vpc)","cidr_block":"10.\#(vpc).0.0/16"}"#, data: true))
            case 3:  // neither: the attachment alone names it
                break
            default:
                resources.append(item("aws_vpc", "v\(vpc)", #"{"id":"vpc-\#(vpc)","cidr_block":"10.\#(vpc).0.0/16"}"#))
                managed.append(vpc)
            }
        }
        for vpc in managed where Int.random(in: 0..<6, using: &random) == 0 {
            resources.append(
                item(
                    "aws_vpc_endpoint", "e\(vpc)",
                    #"{"id":"vpce-\#(vpc)","vpc_id":"vpc-\#(vpc)","vpc_endpoint_type":"Interface","#
                        + #""service_name":"com.amazonaws.ap-northeast-1.ssm","private_dns_enabled":false}"#))
        }
        var attachments = [(name: String, gateway: Int)]()
        for vpc in 1...vpcCount {
            for copy in 1...(Int.random(in: 0..<5, using: &random) == 0 ? 2 : 1) {
                let gateway = Int.random(in: 1...gateways, using: &random)
                let name = "a\(vpc)_\(copy)"
                attachments.append((name, gateway))
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_vpc_attachment", name,
                        #"{"id":"att-\#(name)","transit_gateway_id":"tgw-\#(gateway)","vpc_id":"vpc-\#(vpc)"}"#))
            }
        }
        for (name, gateway) in attachments {
            let own = tables[gateway - 1]
            if Int.random(in: 0..<6, using: &random) != 0, let table = own.randomElement(using: &random) {
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_route_table_association", "\(name)_as",
                        #"{"transit_gateway_route_table_id":"\#(table)","transit_gateway_attachment_id":"att-\#(name)"}"#
                    ))
            }
            for table in own where Int.random(in: 0..<3, using: &random) == 0 {
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_route_table_propagation", "\(name)_\(table.suffix(3))",
                        #"{"transit_gateway_route_table_id":"\#(table)","transit_gateway_attachment_id":"att-\#(name)"}"#
                    ))
            }
        }
        for route in 0..<Int.random(in: 0...6, using: &random) {
            let (name, gateway) = attachments.randomElement(using: &random)!
            let table = tables[gateway - 1].randomElement(using: &random)!
            let vpc = Int.random(in: 1...vpcCount, using: &random)
            let cidr = Int.random(in: 0..<4, using: &random) == 0 ? "10.0.0.0/8" : "10.\(vpc).0.0/16"
            let target =
                Int.random(in: 0..<4, using: &random) == 0
                ? #""blackhole":true"# : #""transit_gateway_attachment_id":"att-\#(name)""#
            resources.append(
                item(
                    "aws_ec2_transit_gateway_route", "r\(route)",
                    #"{"transit_gateway_route_table_id":"\#(table)","destination_cidr_block":"\#(cidr)",\#(target)}"#))
        }
        let hub = Int.random(in: 0..<3, using: &random) == 0 ? managed.randomElement(using: &random) : nil
        return (resources, hub.map { "vpc-\($0)" })
    }

    /// Every pair of attachments of one gateway and different VPCs, judged on its own.
    static func everyPair(_ model: NetworkModel, gateways: [String]) -> [TopologyLink] {
        func delivers(_ source: TransitGatewayAttachment, _ destination: TransitGatewayAttachment) -> Bool {
            guard let table = model.associatedTable(of: source) else { return false }
            return (model.vpc(destination.vpcKey)?.cidrs ?? []).contains { cidr in
                switch model.decision(in: table, to: cidr) {
                case .route(let route): return !route.blackhole && route.attachmentKey == destination.key
                case .propagated(let attachment, _): return attachment == destination.key
                case .none: return false
                }
            }
        }
        var every = [TopologyLink]()
        for gateway in gateways {
            let onGateway = model.attachments(of: gateway).filter { $0.vpcKey != nil }
            for (offset, first) in onGateway.enumerated() {
                for second in onGateway[(offset + 1)...] where first.vpcKey != second.vpcKey {
                    let checked = [first, second].allSatisfy { model.vpc($0.vpcKey)?.cidrs.isEmpty == false }
                    let routed = delivers(first, second) || delivers(second, first)
                    let state = !checked ? "routes-unchecked" : routed ? "routed" : "not-routed"
                    every.append(
                        TopologyLink(
                            kind: .transitGateway, key: gateway, vpcKey: first.vpcKey ?? "",
                            peerKey: second.vpcKey ?? "", state: state, isPath: state != "not-routed",
                            resources: [first.origin, second.origin]))
                }
            }
        }
        return every
    }

    /// A gateway the inputs read as a data source, whose route tables they manage: they hold its routing, so
    /// its pairs are judged (not `routes-outside-inputs`).
    @Test func managedTablesOfADataSourceGatewayHoldItsRouting() throws {
        func item(_ type: String, _ name: String, _ values: String, data: Bool = false) -> String {
            let address = (data ? "data." : "") + "\(type).\(name)"
            return #"{"address":"\#(address)","mode":"\#(data ? "data" : "managed")","type":"\#(type)","#
                + #""name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        func model(tableManaged: Bool) throws -> NetworkModel {
            var resources = [
                item(
                    "aws_ec2_transit_gateway", "g",
                    #"{"id":"tgw-1","default_route_table_association":"disable","default_route_table_propagation":"disable"}"#,
                    data: true),
                item(
                    "aws_ec2_transit_gateway_route_table", "t", #"{"id":"rt-1","transit_gateway_id":"tgw-1"}"#,
                    data: !tableManaged),
            ]
            for n in 1...2 {
                resources.append(item("aws_vpc", "v\(n)", #"{"id":"vpc-\#(n)","cidr_block":"10.\#(n).0.0/16"}"#))
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_vpc_attachment", "a\(n)",
                        #"{"id":"att-\#(n)","transit_gateway_id":"tgw-1","vpc_id":"vpc-\#(n)"}"#))
                resources.append(
                    item(
                        "aws_ec2_transit_gateway_route_table_association", "as\(n)",
                        #"{"transit_gateway_route_table_id":"rt-1","transit_gateway_attachment_id":"att-\#(n)"}"#))
            }
            let text =
                #"{"format_version":"1.0","values":{"root_module":{"resources":["#
                + resources.joined(separator: ",") + "]}}}"
            let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json")
            return NetworkModel(documents: [("net", document)], hubSelectors: ["vpc-1"])
        }
        // No propagation: the two are not routed to each other, which only a holder of the routing can say.
        #expect(try model(tableManaged: true).topology.links.map(\.state) == ["not-routed"])
        #expect(try model(tableManaged: false).topology.links.map(\.state) == ["routes-outside-inputs"])
    }

    @Test func listedAndCountedPairsAreEveryPairJudgedAlone() throws {
        var notRouted = 0
        var listedNoPaths = 0
        for seed in UInt64(1)...120 {
            let (resources, hub) = Self.estate(seed: seed)
            let text =
                #"{"format_version":"1.0","values":{"root_module":{"resources":["#
                + resources.joined(separator: ",") + "]}}}"
            let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json")
            let model = NetworkModel(documents: [("net", document)], hubSelectors: hub.map { [$0] } ?? [])
            // The VPCs whose pairs are listed: the possible hubs (named, or with an endpoint meant for sharing).
            let possible = Set(
                model.vpcs.filter { vpc in
                    hub.map { $0 == vpc.key }
                        ?? model.interfaceEndpoints(in: vpc.key).contains { $0.privateDNSEnabled == false }
                }.map(\.key))
            func isUnmanaged(_ key: String) -> Bool { model.vpc(key)?.isManaged != true }
            let every = Self.everyPair(model, gateways: ["tgw-1", "tgw-2"])
            let isListed = { (link: TopologyLink) in
                possible.contains(link.vpcKey) || possible.contains(link.peerKey)
                    || isUnmanaged(link.vpcKey) != isUnmanaged(link.peerKey)
            }
            let listed = every.filter(isListed)
            let unlisted = every.filter { !isListed($0) }
            let links = model.topology.links.filter { $0.kind == .transitGateway }
            #expect(links == listed, "seed \(seed)")
            #expect(
                model.topology.unlistedTransitGatewayPaths == unlisted.filter(\.isPath).count, "seed \(seed)")
            #expect(
                model.topology.unlistedTransitGatewayNoPaths == unlisted.filter { !$0.isPath }.count, "seed \(seed)")
            notRouted += unlisted.filter { !$0.isPath }.count
            listedNoPaths += listed.filter { !$0.isPath }.count
        }
        // The seeds reach both kinds of no-path pair.
        #expect(notRouted > 100)
        #expect(listedNoPaths > 10)
    }
}

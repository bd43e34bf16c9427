import Foundation
import NetworkModel
import TerraformShow
import Testing

/// The model of some files of a fixture scenario, each file's environment its name up to the first dot.
private func scenario(_ name: String, _ files: [String], hubs: [String] = []) throws -> NetworkModel {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
    let documents = try files.map { file in
        (
            environment: String(file.split(separator: ".")[0]),
            document: try DocumentLoader.load(path: folder.appendingPathComponent(file).path)
        )
    }
    return NetworkModel(documents: documents, hubSelectors: hubs)
}

/// A state of `resources`, each `(address, values)` of a managed AWS resource at the root.
private func state(_ path: String, _ resources: [(String, String)]) throws -> TerraformDocument {
    let items = resources.map { address, values in
        let parts = address.split(separator: ".")
        return #"{"address":"\#(address)","mode":"managed","type":"\#(parts[0])","name":"\#(parts[1])","#
            + #""provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
    }
    let text = #"{"format_version":"1.0","values":{"root_module":{"resources":["# + items.joined(separator: ",")
    return try DocumentLoader.load(bytes: Array((text + "]}}}").utf8), path: path)
}

@Suite struct TopologyTests {
    @Test func spokesAreWhatAnActivePeeringOrAZoneOfTheHubLinks() throws {
        let model = try scenario(
            "hub-spoke-broken", ["shared.show.json", "dev.show.json", "stg.show.json", "prd.show.json"])
        let topology = model.topology
        #expect(topology.hubs.map(\.vpc.origin.environment) == ["shared"])
        let spokes = try #require(topology.hubs.first?.spokes)
        #expect(spokes.map(\.vpc.origin.environment) == ["dev", "prd", "stg"])
        for spoke in spokes {
            #expect(spoke.links.first?.kind == .peering)
            #expect(spoke.links.first?.state == "active")
            #expect(spoke.links.first?.resources.first?.address == "module.spoke.aws_vpc_peering_connection.hub")
            #expect(spoke.links.contains { $0.kind == .privateZone && $0.isPath })
        }
        #expect(topology.outsideHubs.isEmpty)
        #expect(topology.unlinkedVPCs.isEmpty)
    }

    @Test func spokeFilesAloneNameTheHubOutsideTheInputs() throws {
        let model = try scenario("hub-spoke-broken", ["dev.show.json", "stg.show.json", "prd.show.json"])
        #expect(model.hubs.isEmpty)
        let outside = try #require(model.topology.outsideHubs.first)
        #expect(model.topology.outsideHubs.count == 1)
        #expect(outside.identity == .vpc)
        #expect(outside.key.hasPrefix("vpc-"))
        // The spokes' data source of the hub VPC gives its CIDR; no input manages it.
        #expect(outside.vpc?.cidrs.map(\.description) == ["10.255.0.0/16"])
        #expect(outside.vpc?.isManaged == false)
        #expect(outside.spokes.map(\.origin.environment).sorted() == ["dev", "prd", "stg"])
        #expect(outside.links.allSatisfy { $0.kind == .peering && $0.peerKey == outside.key })
        #expect(model.topology.unlinkedVPCs.isEmpty)
    }

    @Test func aPendingPeeringIsALinkButNoPath() throws {
        let files = ["dev.show.json", "prd.show.json", "qa.show.json", "sbx.show.json", "stg.show.json"]
        let full = try scenario("hub-spoke-more-broken", files + ["shared.show.json"])
        // sbx's peering is pending acceptance; the hub's logs zone, associated with sbx, still links them.
        let sbx = try #require(full.hubs.first?.spokes.first { $0.vpc.origin.environment == "sbx" })
        #expect(sbx.links.first?.kind == .privateZone)
        let pending = try #require(sbx.links.first { $0.kind == .peering })
        #expect(pending.state == "pending-acceptance")
        #expect(!pending.isPath)
        // Without the hub's zone, nothing but the pending peering links sbx: it is in no hub.
        let spokesOnly = try scenario("hub-spoke-more-broken", files)
        #expect(spokesOnly.topology.unlinkedVPCs.map(\.origin.environment) == ["sbx"])
        #expect(
            spokesOnly.topology.outsideHubs.first?.spokes.map(\.origin.environment).sorted() == [
                "dev", "prd", "qa", "stg",
            ])
    }

    @Test func vpcsWithNothingBetweenThemAreInNoHub() throws {
        let model = try scenario("three-spokes", ["dev.show.json", "prd.show.json", "stg.show.json"])
        #expect(model.hubs.isEmpty)
        #expect(model.topology.links.isEmpty)
        #expect(model.topology.outsideHubs.isEmpty)
        #expect(model.topology.unlinkedVPCs.map(\.origin.environment) == ["dev", "prd", "stg"])
        // A selected hub that nothing links to stays a hub, with no spokes.
        let selected = try scenario(
            "three-spokes", ["dev.show.json", "prd.show.json", "stg.show.json"], hubs: ["dev"])
        #expect(selected.hubs.map(\.vpc.origin.environment) == ["dev"])
        #expect(selected.hubs.first?.spokes.isEmpty == true)
    }

    @Test func transitGatewaySpokesAreRoutedAndAGatewayNoInputHoldsIsAnOutsideHub() throws {
        let full = try scenario("hub-spoke-tgw-broken", ["shared.show.json", "dev.show.json", "stg.show.json"])
        let spokes = try #require(full.hubs.first?.spokes)
        #expect(spokes.map(\.vpc.origin.environment) == ["dev", "stg"])
        #expect(spokes.allSatisfy { $0.links.first?.kind == .transitGateway && $0.links.first?.state == "routed" })
        let spokesOnly = try scenario("hub-spoke-tgw-broken", ["dev.show.json", "stg.show.json"])
        let outside = try #require(spokesOnly.topology.outsideHubs.first)
        #expect(outside.identity == .transitGateway)
        #expect(outside.key.hasPrefix("tgw-"))
        #expect(outside.spokes.map(\.origin.environment).sorted() == ["dev", "stg"])
    }

    @Test func attachmentsTheGatewayTablesDoNotConnectAreNoPath() throws {
        let document = try state(
            "net.json",
            [
                ("aws_vpc.a", #"{"id":"vpc-a","cidr_block":"10.1.0.0/16"}"#),
                ("aws_vpc.b", #"{"id":"vpc-b","cidr_block":"10.2.0.0/16"}"#),
                (
                    "aws_ec2_transit_gateway.hub",
                    #"{"id":"tgw-1","default_route_table_association":"disable","default_route_table_propagation":"disable"}"#
                ),
                (
                    "aws_ec2_transit_gateway_vpc_attachment.a",
                    #"{"id":"att-a","transit_gateway_id":"tgw-1","vpc_id":"vpc-a"}"#
                ),
                (
                    "aws_ec2_transit_gateway_vpc_attachment.b",
                    #"{"id":"att-b","transit_gateway_id":"tgw-1","vpc_id":"vpc-b"}"#
                ),
            ])
        // Neither VPC may be a hub: the pair is counted, like spokes a gateway keeps apart.
        let model = NetworkModel(documents: [("net", document)])
        #expect(model.topology.links.isEmpty)
        #expect(model.topology.unlistedTransitGatewayNoPaths == 1)
        #expect(model.topology.unlistedTransitGatewayPaths == 0)
        #expect(model.topology.outsideHubs.isEmpty)
        #expect(model.topology.unlinkedVPCs.map(\.key) == ["vpc-a", "vpc-b"])
        // With a hub named, its pair is listed, as no path.
        let named = NetworkModel(documents: [("net", document)], hubSelectors: ["vpc-a"])
        #expect(named.topology.links.map(\.state) == ["not-routed"])
        #expect(named.topology.links.first?.isPath == false)
        #expect(named.topology.unlistedTransitGatewayNoPaths == 0)
        #expect(named.hubs.first?.spokes.isEmpty == true)
    }

    @Test func aZoneAssociationWithAZoneNoInputHoldsNamesTheHubByZone() throws {
        let document = try state(
            "dev.json",
            [
                ("aws_vpc.dev", #"{"id":"vpc-d","cidr_block":"10.2.0.0/16"}"#),
                ("aws_route53_zone_association.ssm", #"{"id":"Z1:vpc-d","zone_id":"Z1","vpc_id":"vpc-d"}"#),
            ])
        let model = NetworkModel(documents: [("dev", document)])
        let outside = try #require(model.topology.outsideHubs.first)
        #expect(outside.identity == .privateZone)
        #expect(outside.key == "Z1")
        #expect(outside.links.first?.resources.first?.address == "aws_route53_zone_association.ssm")
        #expect(model.topology.unlinkedVPCs.isEmpty)
    }

    /// A gateway with a hub table and a spoke table, a static route, a blackhole, a VPC with two attachments,
    /// one without a CIDR and one no input holds: the topology lists exactly the pairs a check reads (no path,
    /// or an end that is the hub or outside the inputs) and counts the others, as judging every pair would.
    @Test func transitGatewayPairsAreListedOrCountedAsEveryPairWouldBe() throws {
        var resources: [(String, String)] = [
            ("aws_vpc.hub", #"{"id":"vpc-h","cidr_block":"10.0.0.0/16"}"#),
            ("aws_vpc.s6", #"{"id":"vpc-6"}"#),
            (
                "aws_ec2_transit_gateway.hub",
                #"{"id":"tgw-1","default_route_table_association":"disable","default_route_table_propagation":"disable"}"#
            ),
            ("aws_ec2_transit_gateway_route_table.hub", #"{"id":"rt-hub","transit_gateway_id":"tgw-1"}"#),
            ("aws_ec2_transit_gateway_route_table.spoke", #"{"id":"rt-spoke","transit_gateway_id":"tgw-1"}"#),
            (
                "aws_ec2_transit_gateway_route.to3",
                #"{"transit_gateway_route_table_id":"rt-spoke","destination_cidr_block":"10.3.0.0/16","transit_gateway_attachment_id":"att-s3"}"#
            ),
            (
                "aws_ec2_transit_gateway_route.drop1",
                #"{"transit_gateway_route_table_id":"rt-spoke","destination_cidr_block":"10.1.0.0/16","blackhole":true}"#
            ),
        ]
        for name in ["hub", "s4"] {
            resources.append(
                (
                    "aws_vpc_endpoint.\(name)",
                    #"{"id":"vpce-\#(name)","vpc_id":"vpc-\#(name == "hub" ? "h" : "4")","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.ap-northeast-1.ssm","private_dns_enabled":false}"#
                ))
        }
        for spoke in 1...5 {
            resources.append(("aws_vpc.s\(spoke)", #"{"id":"vpc-\#(spoke)","cidr_block":"10.\#(spoke).0.0/16"}"#))
        }
        let attachments = [
            ("hub", "vpc-h"), ("s1", "vpc-1"), ("s2", "vpc-2"), ("s2b", "vpc-2"), ("s3", "vpc-3"), ("s4", "vpc-4"),
            ("s5", "vpc-5"), ("s6", "vpc-6"), ("x", "vpc-x"),
        ]
        for (name, vpc) in attachments {
            resources.append(
                (
                    "aws_ec2_transit_gateway_vpc_attachment.\(name)",
                    #"{"id":"att-\#(name)","transit_gateway_id":"tgw-1","vpc_id":"\#(vpc)"}"#
                ))
        }
        let bindings = [
            ("association", "hub", "rt-hub"), ("association", "s1", "rt-spoke"), ("association", "s2", "rt-spoke"),
            ("association", "s2b", "rt-spoke"), ("association", "s3", "rt-spoke"), ("association", "s4", "rt-spoke"),
            ("propagation", "s1", "rt-hub"), ("propagation", "s2", "rt-hub"), ("propagation", "s3", "rt-hub"),
            ("propagation", "s4", "rt-hub"), ("propagation", "s5", "rt-hub"), ("propagation", "s6", "rt-hub"),
            ("propagation", "hub", "rt-spoke"), ("propagation", "s1", "rt-spoke"),
        ]
        for (kind, attachment, table) in bindings {
            resources.append(
                (
                    "aws_ec2_transit_gateway_route_table_\(kind).\(attachment)_\(table)",
                    #"{"transit_gateway_route_table_id":"\#(table)","transit_gateway_attachment_id":"att-\#(attachment)"}"#
                ))
        }
        let model = NetworkModel(documents: [("net", try state("net.json", resources))], hubSelectors: ["vpc-h"])

        // Every pair judged on its own, as the topology did before it judged them per route table.
        let every = TransitGatewayPairsTests.everyPair(model, gateways: ["tgw-1"])
        let isListed = { (link: TopologyLink) in
            [link.vpcKey, link.peerKey].contains { $0 == "vpc-h" || $0 == "vpc-x" }
        }
        let listed = every.filter(isListed)
        let unlisted = every.filter { !isListed($0) }
        #expect(every.count == 35)
        #expect(
            Dictionary(grouping: every, by: \.state).mapValues(\.count) == [
                "routed": 10, "not-routed": 10, "routes-unchecked": 15,
            ])
        #expect(model.topology.links == listed)
        #expect(model.topology.unlistedTransitGatewayPaths == unlisted.filter(\.isPath).count)
        #expect(model.topology.unlistedTransitGatewayNoPaths == unlisted.filter { !$0.isPath }.count)
        #expect(model.topology.unlistedTransitGatewayNoPaths > 0)
        #expect(model.hubs.first?.spokes.map(\.vpc.key) == ["vpc-1", "vpc-2", "vpc-3", "vpc-4", "vpc-5", "vpc-6"])

        // The VPCs with interface endpoints a spoke's DNS may be answered by: its connections', in their order.
        var connected = [String]()
        for peer in model.connections(of: "vpc-1").map(\.peer)
        where !model.interfaceEndpoints(in: peer).isEmpty && !connected.contains(peer) {
            connected.append(peer)
        }
        #expect(connected == ["vpc-h", "vpc-4"])
        #expect(model.connectedVPCsWithInterfaceEndpoints(of: "vpc-1") == connected)
        #expect(
            model.connections(of: "vpc-2").map(\.peer) == [
                "vpc-h", "vpc-1", "vpc-3", "vpc-4", "vpc-5", "vpc-6", "vpc-x",
            ])
    }
}

/// A hub's state that knows its spokes only as data sources (the network account's root): pairs of two spokes
/// are counted, never built, so the model stays linear in the spokes.
@Suite struct UnmanagedSpokePairsTests {
    @Test func pairsOfTwoDataSourceSpokesAreCountedNotBuilt() throws {
        let count = 60
        func item(_ mode: String, _ type: String, _ name: String, _ values: String) -> String {
            let address = (mode == "data" ? "data." : "") + "\(type).\(name)"
            return #"{"address":"\#(address)","mode":"\#(mode)","type":"\#(type)","name":"\#(name)","#
                + #""provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        var items = [
            item("managed", "aws_vpc", "hub", #"{"id":"vpc-0","cidr_block":"10.0.0.0/16"}"#),
            item(
                "managed", "aws_ec2_transit_gateway", "hub",
                #"{"id":"tgw-1","default_route_table_association":"disable","default_route_table_propagation":"disable"}"#
            ),
            item(
                "managed", "aws_ec2_transit_gateway_route_table", "hub",
                #"{"id":"tgw-rtb-1","transit_gateway_id":"tgw-1"}"#),
            item(
                "managed", "aws_ec2_transit_gateway_vpc_attachment", "hub",
                #"{"id":"tgw-attach-0","transit_gateway_id":"tgw-1","vpc_id":"vpc-0"}"#),
            item(
                "managed", "aws_ec2_transit_gateway_route_table_association", "hub",
                #"{"id":"a-0","transit_gateway_attachment_id":"tgw-attach-0","transit_gateway_route_table_id":"tgw-rtb-1"}"#
            ),
        ]
        for n in 1...count {
            items.append(item("data", "aws_vpc", "spoke\(n)", #"{"id":"vpc-\#(n)","cidr_block":"10.\#(n).0.0/16"}"#))
            items.append(
                item(
                    "data", "aws_ec2_transit_gateway_vpc_attachment", "spoke\(n)",
                    #"{"id":"tgw-attach-\#(n)","transit_gateway_id":"tgw-1","vpc_id":"vpc-\#(n)"}"#))
            items.append(
                item(
                    "managed", "aws_ec2_transit_gateway_route_table_association", "spoke\(n)",
                    #"{"id":"a-\#(n)","transit_gateway_attachment_id":"tgw-attach-\#(n)","transit_gateway_route_table_id":"tgw-rtb-1"}"#
                ))
            items.append(
                item(
                    "managed", "aws_ec2_transit_gateway_route_table_propagation", "spoke\(n)",
                    #"{"id":"p-\#(n)","transit_gateway_attachment_id":"tgw-attach-\#(n)","transit_gateway_route_table_id":"tgw-rtb-1"}"#
                ))
        }
        items.append(
            item(
                "managed", "aws_ec2_transit_gateway_route_table_propagation", "hub",
                #"{"id":"p-0","transit_gateway_attachment_id":"tgw-attach-0","transit_gateway_route_table_id":"tgw-rtb-1"}"#
            ))
        let text = #"{"format_version":"1.0","values":{"root_module":{"resources":["# + items.joined(separator: ",")
        let document = try DocumentLoader.load(bytes: Array((text + "]}}}").utf8), path: "network.json")
        let model = NetworkModel(documents: [(environment: "network", document: document)])
        let links = model.topology.links.filter { $0.kind == .transitGateway }
        // The hub with each spoke; never spoke with spoke.
        #expect(links.count == count, "\(links.count) links")
        #expect(links.allSatisfy { $0.vpcKey == "vpc-0" || $0.peerKey == "vpc-0" })
        #expect(links.allSatisfy { $0.state == "routed" })
        #expect(model.topology.unlistedTransitGatewayPaths == count * (count - 1) / 2)
    }
}

/// `check` builds its model without the topology, lets go of the documents' values, then infers it
/// (``NetworkModel/inferTopologyIfNeeded()``): on every fixture scenario that gives the topology a model built
/// in one step has, with the values already gone from the documents it was built from.
@Suite struct DeferredTopologyTests {
    static let scenarios: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(name).path))
            return files?.contains { $0.hasSuffix(".json") } == true
        }.sorted()
    }()

    @Test func thereAreScenarios() { #expect(Self.scenarios.count >= 20) }

    @Test(arguments: scenarios)
    func deferredTopologyIsTheTopology(_ name: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        var documents = try files.map { file in
            (
                environment: String(file.split(separator: ".")[0]),
                document: try DocumentLoader.load(path: folder.appendingPathComponent(file).path)
            )
        }
        let whole = NetworkModel(documents: documents)
        var deferred = NetworkModel(documents: documents, inferringTopology: false)
        for index in documents.indices { _ = documents[index].document.takeResources() }
        deferred.inferTopologyIfNeeded()
        let (expected, found) = (whole.topology, deferred.topology)
        #expect(found.hubs.map(\.vpc.key) == expected.hubs.map(\.vpc.key), "\(name)")
        #expect(found.hubs.map { $0.spokes.map(\.vpc.key) } == expected.hubs.map { $0.spokes.map(\.vpc.key) })
        #expect(found.hubs.map { $0.spokes.map(\.links) } == expected.hubs.map { $0.spokes.map(\.links) })
        #expect(Set(found.links) == Set(expected.links), "\(name)")
        #expect(found.outsideHubs.map(\.key) == expected.outsideHubs.map(\.key))
        #expect(found.unlinkedVPCs.map(\.key) == expected.unlinkedVPCs.map(\.key))
        #expect(found.hubBySpoke == expected.hubBySpoke)
        #expect(!expected.hubs.isEmpty || !expected.unlinkedVPCs.isEmpty || !expected.outsideHubs.isEmpty)
    }
}

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
        let model = NetworkModel(documents: [("net", document)])
        #expect(model.topology.links.map(\.state) == ["not-routed"])
        #expect(model.topology.links.first?.isPath == false)
        #expect(model.topology.outsideHubs.isEmpty)
        #expect(model.topology.unlinkedVPCs.map(\.key) == ["vpc-a", "vpc-b"])
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
}

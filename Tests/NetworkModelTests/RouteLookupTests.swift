import TerraformShow
import TestSupport
import Testing

@testable import NetworkModel

/// A large route table's routes looked up by destination (``RouteLookup``) give what reading every route in
/// order gives: the route a destination takes, the unreadable route, the route resource to change and the
/// prefix list that lacks a CIDR. The reading in order is had from a copy of the table whose routes were
/// copied into new storage (the lookup answers only for the model's own table).
@Suite("Route lookup of a large table")
struct RouteLookupTests {
    static func network(_ random: inout SplitMix) -> String {
        GeneratedNetworks.network(&random, lengths: [8, 12, 16, 16, 20, 24, 24, 28])
    }

    static func target(_ random: inout SplitMix) -> String {
        [
            #""vpc_peering_connection_id":"pcx-\#(Int.random(in: 0..<4, using: &random))""#,
            #""transit_gateway_id":"tgw-1""#, #""gateway_id":"igw-1""#,
        ].randomElement(using: &random)!
    }

    /// One VPC whose table holds `count` inline routes (IPv4 and IPv6 destinations, routes to two prefix lists,
    /// one with an unreadable entry when `unreadableList`) and `resources` `aws_route` resources, some to the
    /// same destinations as inline routes.
    static func model(_ random: inout SplitMix, count: Int, resources: Int, unreadableList: Bool) throws -> NetworkModel
    {
        var routes = [String]()
        var destinations = [String]()
        for index in 0..<count {
            switch index % 10 {
            case 8:
                routes.append(
                    #"{"destination_prefix_list_id":"pl-\#(index % 20 == 8 ? "a" : "b")","transit_gateway_id":"tgw-1"}"#
                )
            case 9: routes.append(#"{"ipv6_cidr_block":"2001:db8:\#(index)::/48",\#(target(&random))}"#)
            default:
                let destination = network(&random)
                destinations.append(destination)
                routes.append(#"{"cidr_block":"\#(destination)",\#(target(&random))}"#)
            }
        }
        var items = [
            GeneratedNetworks.resource("aws_vpc", "hub", #"{"id":"vpc-h","cidr_block":"10.255.0.0/16"}"#),
            GeneratedNetworks.resource(
                "aws_route_table", "hub",
                #"{"id":"rtb-h","vpc_id":"vpc-h","route":[\#(routes.joined(separator: ","))]}"#),
        ]
        items += GeneratedNetworks.prefixLists(
            &random, lengths: [8, 12, 16, 16, 20, 24, 24, 28], unreadable: unreadableList)
        for index in 0..<resources {
            let destination =
                index % 2 == 0 ? destinations.randomElement(using: &random)! : network(&random)
            items.append(
                GeneratedNetworks.resource(
                    "aws_route", "r\(index)",
                    #"{"route_table_id":"rtb-h","destination_cidr_block":"\#(destination)",\#(target(&random))}"#))
        }
        return try GeneratedNetworks.model(items)
    }

    static func describe(_ route: Route?) -> String {
        route.map {
            "\($0.origin.address) \(String(describing: $0.destination)) \($0.destinationPrefixList ?? "") \($0.target)"
        }
            ?? "none"
    }

    @Test("every answer of the lookup is the answer of reading the routes in order", arguments: [false, true])
    func answersAsReadingInOrder(unreadableList: Bool) throws {
        var random = SplitMix(state: unreadableList ? 2 : 1)
        let model = try Self.model(&random, count: 300, resources: 60, unreadableList: unreadableList)
        let table = try #require(model.routeTables.first)
        #expect(table.routes.count == 360)
        var copy = table
        copy.routes = table.routes.map { $0 }
        #expect(model.routeLookup(table) != nil, "the model's own table is looked up")
        #expect(model.routeLookup(copy) == nil, "a table with other storage is read in order")
        #expect(
            String(describing: model.unreadableRoute(in: table)) == String(describing: model.unreadableRoute(in: copy)))
        #expect((model.unreadableRoute(in: table) != nil) == unreadableList)
        let engine = PathEngine(model: model)
        var routed = 0
        for _ in 0..<2000 {
            let destination = try #require(CIDR(Self.network(&random)))
            let found = model.route(in: table, to: destination)
            #expect(Self.describe(found) == Self.describe(model.route(in: copy, to: destination)), "\(destination)")
            #expect(
                engine.routeResource(in: table, to: destination) == engine.routeResource(in: copy, to: destination))
            let connections: Set<String> = ["tgw-1", "pcx-\(Int.random(in: 0..<4, using: &random))"]
            #expect(
                engine.peerPrefixList(in: [table], through: connections, lacking: destination)?.key
                    == engine.peerPrefixList(in: [copy], through: connections, lacking: destination)?.key)
            if found != nil { routed += 1 }
        }
        #expect(routed > 700, "most destinations have a route")
    }
}

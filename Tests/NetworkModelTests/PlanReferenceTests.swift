import Foundation
import NetworkModel
import TerraformShow
import Testing

/// A plan whose IDs are unknown: the spoke module's peering names the hub VPC through `var.hub_vpc_id`,
/// which the root fills from `module.hub.vpc_id`, an output of the hub module.
private let plan = #"""
    {"format_version":"1.2","terraform_version":"1.11.4",
     "planned_values":{"root_module":{"child_modules":[
       {"address":"module.hub","resources":[
         {"address":"module.hub.aws_vpc.this","mode":"managed","type":"aws_vpc","name":"this","provider_name":"registry.terraform.io/hashicorp/aws","values":{"cidr_block":"10.255.0.0/16"}}]},
       {"address":"module.dev","resources":[
         {"address":"module.dev.aws_vpc.this","mode":"managed","type":"aws_vpc","name":"this","provider_name":"registry.terraform.io/hashicorp/aws","values":{"cidr_block":"10.2.0.0/16"}},
         {"address":"module.dev.aws_vpc_peering_connection.hub","mode":"managed","type":"aws_vpc_peering_connection","name":"hub","provider_name":"registry.terraform.io/hashicorp/aws","values":{"auto_accept":true}},
         {"address":"module.dev.aws_route.to_hub","mode":"managed","type":"aws_route","name":"to_hub","provider_name":"registry.terraform.io/hashicorp/aws","values":{"destination_cidr_block":"10.255.0.0/16"}}]}]}},
     "resource_changes":[
       {"address":"module.dev.aws_vpc_peering_connection.hub","module_address":"module.dev","mode":"managed","type":"aws_vpc_peering_connection","name":"hub","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{"auto_accept":true},"after_unknown":{"id":true,"vpc_id":true,"peer_vpc_id":true}}},
       {"address":"module.dev.aws_route.to_hub","module_address":"module.dev","mode":"managed","type":"aws_route","name":"to_hub","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{"destination_cidr_block":"10.255.0.0/16"},"after_unknown":{"id":true,"route_table_id":true,"vpc_peering_connection_id":true,"transit_gateway_id":true}}}],
     "configuration":{"root_module":{"module_calls":{
       "hub":{"source":"./hub","module":{
         "outputs":{"vpc_id":{"expression":{"references":["aws_vpc.this.id","aws_vpc.this"]}}},
         "resources":[{"address":"aws_vpc.this","mode":"managed","type":"aws_vpc","name":"this","expressions":{"cidr_block":{"constant_value":"10.255.0.0/16"}}}]}},
       "dev":{"source":"./spoke","expressions":{"hub_vpc_id":{"references":["module.hub.vpc_id","module.hub"]}},"module":{
         "resources":[
           {"address":"aws_vpc_peering_connection.hub","mode":"managed","type":"aws_vpc_peering_connection","name":"hub","expressions":{"vpc_id":{"references":["aws_vpc.this.id","aws_vpc.this"]},"peer_vpc_id":{"references":["var.hub_vpc_id"]}}},
           {"address":"aws_route.to_hub","mode":"managed","type":"aws_route","name":"to_hub","expressions":{"vpc_peering_connection_id":{"references":["aws_vpc_peering_connection.hub.id","aws_vpc_peering_connection.hub"]},"route_table_id":{"references":["local.table"]}}}]}}}}}
    }
    """#

@Suite struct PlanReferenceTests {
    @Test func unknownIDsLinkThroughModuleInputsAndOutputs() throws {
        let document = try DocumentLoader.load(bytes: Array(plan.utf8), path: "network.plan.json")
        let model = NetworkModel(documents: [("network", document)])
        let peering = try #require(model.peerings.first)
        #expect(peering.key == "ref:network:module.dev.aws_vpc_peering_connection.hub")
        #expect(peering.requesterVPCKey == "ref:network:module.dev.aws_vpc.this")
        #expect(peering.accepterVPCKey == "ref:network:module.hub.aws_vpc.this")
        #expect(
            model.connections(of: "ref:network:module.hub.aws_vpc.this").map(\.peer) == [
                "ref:network:module.dev.aws_vpc.this"
            ])
    }

    @Test func referenceThroughALocalStaysUnresolved() throws {
        // The route's table comes from `local.table`: locals are not in Terraform's JSON, so the route
        // cannot be placed in a table and the model keeps no route for it rather than guessing.
        let document = try DocumentLoader.load(bytes: Array(plan.utf8), path: "network.plan.json")
        let model = NetworkModel(documents: [("network", document)])
        #expect(model.routeTables.allSatisfy { $0.routes.isEmpty })
    }
}

/// `for_each` associations whose `zone_id` is `aws_route53_zone.endpoint[each.value.service]`: Terraform drops
/// the dynamic index, so the reference names every zone; the association's own key narrows it when exactly one
/// zone's key is a part of it.
private let associations = #"""
    {"format_version":"1.2","terraform_version":"1.11.4",
     "planned_values":{"root_module":{"resources":[
       {"address":"aws_vpc.spoke","mode":"managed","type":"aws_vpc","name":"spoke","provider_name":"registry.terraform.io/hashicorp/aws","values":{"cidr_block":"10.2.0.0/16"}},
       {"address":"aws_route53_zone.endpoint[\"ecr.api\"]","mode":"managed","type":"aws_route53_zone","name":"endpoint","index":"ecr.api","provider_name":"registry.terraform.io/hashicorp/aws","values":{"name":"api.ecr.ap-northeast-1.amazonaws.com"}},
       {"address":"aws_route53_zone.endpoint[\"logs\"]","mode":"managed","type":"aws_route53_zone","name":"endpoint","index":"logs","provider_name":"registry.terraform.io/hashicorp/aws","values":{"name":"logs.ap-northeast-1.amazonaws.com"}},
       {"address":"aws_route53_zone_association.spoke[\"ecr.api/dev\"]","mode":"managed","type":"aws_route53_zone_association","name":"spoke","index":"ecr.api/dev","provider_name":"registry.terraform.io/hashicorp/aws","values":{}},
       {"address":"aws_route53_zone_association.spoke[\"first\"]","mode":"managed","type":"aws_route53_zone_association","name":"spoke","index":"first","provider_name":"registry.terraform.io/hashicorp/aws","values":{}}]}},
     "resource_changes":[
       {"address":"aws_route53_zone_association.spoke[\"ecr.api/dev\"]","mode":"managed","type":"aws_route53_zone_association","name":"spoke","index":"ecr.api/dev","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true,"zone_id":true,"vpc_id":true}}},
       {"address":"aws_route53_zone_association.spoke[\"first\"]","mode":"managed","type":"aws_route53_zone_association","name":"spoke","index":"first","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true,"zone_id":true,"vpc_id":true}}}],
     "configuration":{"root_module":{"resources":[
       {"address":"aws_route53_zone_association.spoke","mode":"managed","type":"aws_route53_zone_association","name":"spoke",
        "expressions":{"zone_id":{"references":["aws_route53_zone.endpoint","each.value.service","each.value"]},"vpc_id":{"references":["aws_vpc.spoke.id","aws_vpc.spoke"]}},
        "for_each_expression":{"references":["local.associations"]}}]}}
    }
    """#

@Suite struct InstanceKeyNarrowingTests {
    @Test func theAssociationsKeyPicksTheOneZoneItNames() throws {
        let document = try DocumentLoader.load(bytes: Array(associations.utf8), path: "shared.plan.json")
        let model = NetworkModel(documents: [("shared", document)])
        let api = try #require(model.zones.first { $0.name == "api.ecr.ap-northeast-1.amazonaws.com" })
        let logs = try #require(model.zones.first { $0.name == "logs.ap-northeast-1.amazonaws.com" })
        #expect(api.vpcKeys.contains("ref:shared:aws_vpc.spoke"))
        #expect(!logs.vpcKeys.contains("ref:shared:aws_vpc.spoke"))
        // A key that names no zone narrows nothing: the association stays unknown, never a guess.
        #expect(
            model.unplacedZoneAssociations.map(\.origin.address) == [#"aws_route53_zone_association.spoke["first"]"#])
    }
}

/// `module.spoke[each.key].peering_connection_id` and `{ for k, m in module.spoke : k => m.vpc_id }`: Terraform
/// writes both as a bare `module.spoke`, the output's name and the instance key dropped. They are followed into
/// the instance the holder's key names, to the one output whose resource is of the attribute's type.
@Suite struct BareModuleReferenceTests {
    private static func fixture(_ name: String) throws -> TerraformDocument {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures")
        return try DocumentLoader.load(path: folder.appendingPathComponent(name).path)
    }

    @Test func aModuleForEachsSpokesLinkAsTheirOwnModulesDo() throws {
        let model = NetworkModel(documents: [("network", try Self.fixture("module-foreach-plan/network.plan.json"))])
        func spoke(_ name: String, _ local: String) -> String { #"ref:network:module.spoke["\#(name)"].\#(local)"# }
        // Root routes: `vpc_peering_connection_id = module.spoke[each.key].peering_connection_id`.
        let hubTable = try #require(
            model.routeTables.first { $0.origin.address == "module.shared.aws_route_table.private" })
        let targets = hubTable.routes.filter { $0.destination?.description.hasPrefix("10.") == true }.map(\.target)
        #expect(
            targets == [
                .peering(spoke("dev", "aws_vpc_peering_connection.hub")),
                .peering(spoke("stg", "aws_vpc_peering_connection.hub")),
            ])
        #expect(model.unplacedRoutes.isEmpty)
        // The hub module's zone associations: `var.spoke_vpc_ids[each.value.spoke]`, a for-expression over the
        // instances in the root.
        #expect(model.unplacedZoneAssociations.isEmpty)
        for zone in model.zones where zone.origin.address.hasPrefix("module.shared.") {
            for name in ["dev", "stg", "prd"] {
                #expect(zone.vpcKeys.contains(spoke(name, "aws_vpc.this")), "\(zone.name) \(name)")
            }
        }
        #expect(model.hubs.first?.spokes.count == 3)
    }

    /// A module call of two instances, each with two VPCs behind two outputs, and a route table behind a third.
    private static func plan(references: String, attribute: String) -> String {
        var planned = [String]()
        var configuration = [String]()
        for key in ["a", "b"] {
            for (name, type) in [("one", "aws_vpc"), ("two", "aws_vpc"), ("rt", "aws_route_table")] {
                planned.append(
                    #"{"address":"module.m[\"\#(key)\"].\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":{}}"#
                )
            }
        }
        configuration.append(
            #"{"address":"aws_route53_zone_association.z","mode":"managed","type":"aws_route53_zone_association","name":"z","expressions":{"\#(attribute)":{"references":[\#(references)]}},"for_each_expression":{"references":["local.keys"]}}"#
        )
        return #"""
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[
               {"address":"aws_route53_zone.z1","mode":"managed","type":"aws_route53_zone","name":"z1","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"Z1","zone_id":"Z1","name":"ssm.ap-northeast-1.amazonaws.com"}},
               {"address":"aws_route53_zone_association.z[\"a\"]","mode":"managed","type":"aws_route53_zone_association","name":"z","index":"a","provider_name":"registry.terraform.io/hashicorp/aws","values":{"zone_id":"Z1"}}],
               "child_modules":[{"address":"module.m[\"a\"]","resources":[\#(planned[0...2].joined(separator: ","))]},
                                {"address":"module.m[\"b\"]","resources":[\#(planned[3...5].joined(separator: ","))]}]}},
             "resource_changes":[
               {"address":"aws_route53_zone_association.z[\"a\"]","mode":"managed","type":"aws_route53_zone_association","name":"z","index":"a","provider_name":"registry.terraform.io/hashicorp/aws",
                "change":{"actions":["create"],"before":null,"after":{"zone_id":"Z1"},"after_unknown":{"id":true,"vpc_id":true}}}],
             "configuration":{"root_module":{"resources":[\#(configuration.joined(separator: ","))],
               "module_calls":{"m":{"source":"./m","for_each_expression":{"references":["local.keys"]},"module":{
                 "outputs":{"one":{"expression":{"references":["aws_vpc.one.id","aws_vpc.one"]}},
                            "rt":{"expression":{"references":["aws_route_table.rt.id","aws_route_table.rt"]}},
                            "two":{"expression":{"references":["aws_vpc.two.id","aws_vpc.two"]}}}}}}}}
            }
            """#
    }

    private static func association(_ references: String) throws -> (vpcs: Set<String>, unplaced: [String]) {
        let text = plan(references: references, attribute: "vpc_id")
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.plan.json")
        let model = NetworkModel(documents: [("net", document)])
        return (Set(model.zones.flatMap(\.vpcKeys)), model.unplacedZoneAssociations.map(\.problem.reason))
    }

    @Test func twoOutputsOfTheAttributesTypeAreAmbiguousNeverAGuess() throws {
        // `module.m[each.key].one` or `.two`: both are VPCs of instance "a", so which is unknown; the route
        // table behind `rt` is no candidate, and neither is instance "b".
        let found = try Self.association(#""module.m","each.key""#)
        #expect(found.unplaced.count == 1)
        #expect(found.unplaced.first?.contains("match 2 resources") == true, "\(found.unplaced)")
        #expect(found.vpcs.isEmpty)
    }

    @Test func theNamedOutputIsReadWhenTerraformKeepsIt() throws {
        // `module.m["a"].two`, written whole beside the bare call: the bare one adds nothing.
        let found = try Self.association(#""module.m[\"a\"].two","module.m[\"a\"]","module.m""#)
        #expect(found.unplaced.isEmpty, "\(found.unplaced)")
        #expect(found.vpcs == [#"ref:net:module.m["a"].aws_vpc.two"#])
    }

    /// `module.m[count.index].peering_id` from `aws_route.r[1]`: written as [`module.m`, `count.index`], it is
    /// module instance `[1]`'s peering.
    @Test func aCountIndexPicksTheModuleInstanceOfTheHoldersIndex() throws {
        func item(_ address: String, _ type: String, _ name: String, _ index: Int?, _ values: String) -> String {
            let position = index.map { #","index":\#($0)"# } ?? ""
            return
                #"{"address":"\#(address)","mode":"managed","type":"\#(type)","name":"\#(name)"\#(position),"provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        var routes = [String]()
        var changes = [String]()
        for index in 0..<2 {
            routes.append(
                item(
                    "aws_route.r[\(index)]", "aws_route", "r", index,
                    #"{"route_table_id":"rtb-1","destination_cidr_block":"10.\#(index + 2).0.0/16"}"#))
            changes.append(
                #"{"address":"aws_route.r[\#(index)]","mode":"managed","type":"aws_route","name":"r","index":\#(index),"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"route_table_id":"rtb-1","destination_cidr_block":"10.\#(index + 2).0.0/16"},"after_unknown":{"id":true,"vpc_peering_connection_id":true}}}"#
            )
        }
        let modules = (0..<2).map { index in
            #"{"address":"module.m[\#(index)]","resources":["#
                + item("module.m[\(index)].aws_vpc_peering_connection.p", "aws_vpc_peering_connection", "p", nil, "{}")
                + "]}"
        }
        let text = #"""
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[
               \#(item("aws_route_table.t", "aws_route_table", "t", nil, #"{"id":"rtb-1","vpc_id":"vpc-1"}"#)),
               \#(routes.joined(separator: ","))],
               "child_modules":[\#(modules.joined(separator: ","))]}},
             "resource_changes":[\#(changes.joined(separator: ","))],
             "configuration":{"root_module":{"resources":[
               {"address":"aws_route.r","mode":"managed","type":"aws_route","name":"r",
                "expressions":{"vpc_peering_connection_id":{"references":["module.m","count.index"]}},
                "count_expression":{"references":["local.n"]}}],
               "module_calls":{"m":{"source":"./m","count_expression":{"references":["local.n"]},"module":{
                 "outputs":{"peering_id":{"expression":{"references":["aws_vpc_peering_connection.p.id","aws_vpc_peering_connection.p"]}}}}}}}}
            }
            """#
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.plan.json")
        let model = NetworkModel(documents: [("net", document)])
        let table = try #require(model.routeTables.first)
        #expect(
            table.routes.map(\.target) == [
                .peering("ref:net:module.m[0].aws_vpc_peering_connection.p"),
                .peering("ref:net:module.m[1].aws_vpc_peering_connection.p"),
            ])
        #expect(model.unplacedRoutes.isEmpty)
    }

    @Test func aBareCallReachesTheOneOutputOfTheType() throws {
        // Output `two` gives the route table too: of instance "a"'s outputs, `one` alone is a VPC, so
        // `module.m[each.key].<output>` in a VPC attribute is `one`'s VPC.
        let text = Self.plan(references: #""module.m","each.key""#, attribute: "vpc_id")
            .replacingOccurrences(of: #"["aws_vpc.two.id","aws_vpc.two"]"#, with: #"["aws_route_table.rt.id"]"#)
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.plan.json")
        let model = NetworkModel(documents: [("net", document)])
        #expect(model.unplacedZoneAssociations.isEmpty)
        #expect(Set(model.zones.flatMap(\.vpcKeys)) == [#"ref:net:module.m["a"].aws_vpc.one"#])
    }
}

/// `route { ... }` of `aws_route_table` (an attribute written as blocks): Terraform keeps its references only for
/// the whole `route`. A route's unknown target is read from them, kept to the target's type.
@Suite struct WholeAttributeReferenceTests {
    @Test func aTransitGatewayPlansInlineRoutesAndForEachSpokesAreLinked() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/tgw-foreach-plan")
        let document = try DocumentLoader.load(path: folder.appendingPathComponent("network.plan.json").path)
        let model = NetworkModel(documents: [("network", document)])
        let gateway = TestRoute.transitGateway("ref:network:aws_ec2_transit_gateway.this")
        // The hub's route (its references: the gateway's) and each spoke's (`var.transit_gateway_id`).
        for table in model.routeTables {
            #expect(table.routes.map(\.target) == [gateway.target], "\(table.origin.address)")
        }
        #expect(model.routeTables.count == 4)
        #expect(model.unplacedRoutes.isEmpty)
        // `module.spoke[each.key].attachment_id`: every spoke's attachment is associated with the spokes' table.
        let spokes = try #require(
            model.transitGatewayRouteTable("ref:network:aws_ec2_transit_gateway_route_table.spokes"))
        #expect(spokes.associations.count == 3)
        #expect(model.unplacedTransitGatewayItems.isEmpty)
        #expect(model.hubs.first?.spokes.count == 3)
    }

    /// Two inline routes, one to a gateway and one through a peering, both targets unknown: each route's target
    /// is the one resource of its type among the whole attribute's references.
    @Test func eachRouteTakesTheReferenceOfItsTargetsType() throws {
        func resource(_ type: String, _ name: String, _ values: String) -> String {
            #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        let routes =
            #"[{"cidr_block":"10.0.0.0/8","transit_gateway_id":"","vpc_peering_connection_id":""},"#
            + #"{"cidr_block":"10.9.0.0/16","transit_gateway_id":"","vpc_peering_connection_id":""}]"#
        let text = #"""
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[
               \#(resource("aws_vpc", "a", #"{"cidr_block":"10.1.0.0/16"}"#)),
               \#(resource("aws_ec2_transit_gateway", "g", "{}")),
               \#(resource("aws_vpc_peering_connection", "p", #"{"auto_accept":true}"#)),
               \#(resource("aws_route_table", "t", #"{"route":\#(routes)}"#))]}},
             "resource_changes":[
               {"address":"aws_route_table.t","mode":"managed","type":"aws_route_table","name":"t","provider_name":"registry.terraform.io/hashicorp/aws",
                "change":{"actions":["create"],"before":null,"after":{"route":\#(routes)},
                  "after_unknown":{"id":true,"vpc_id":true,"route":[{"transit_gateway_id":true},{"vpc_peering_connection_id":true}]}}}],
             "configuration":{"root_module":{"resources":[
               {"address":"aws_route_table.t","mode":"managed","type":"aws_route_table","name":"t",
                "expressions":{"vpc_id":{"references":["aws_vpc.a.id","aws_vpc.a"]},
                  "route":{"references":["aws_ec2_transit_gateway.g.id","aws_ec2_transit_gateway.g","aws_vpc_peering_connection.p.id","aws_vpc_peering_connection.p"]}}}]}}
            }
            """#
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.plan.json")
        let model = NetworkModel(documents: [("net", document)])
        let table = try #require(model.routeTables.first)
        #expect(
            table.routes.map(\.target) == [
                .transitGateway("ref:net:aws_ec2_transit_gateway.g"), .peering("ref:net:aws_vpc_peering_connection.p"),
            ])
        #expect(table.vpcKey == "ref:net:aws_vpc.a")
    }
}

/// A route's target, for comparing.
private enum TestRoute {
    case transitGateway(String)
    var target: RouteTarget {
        switch self {
        case .transitGateway(let key): return .transitGateway(key)
        }
    }
}

/// Reports name a VPC by environment and Name tag, and add its address where another VPC of the environment
/// would have the same name.
@Suite struct VPCLabelTests {
    @Test func untaggedVPCsOfOneEnvironmentAreNamedByAddress() throws {
        func vpc(_ name: String, _ values: String) -> String {
            #"{"address":"aws_vpc.\#(name)","mode":"managed","type":"aws_vpc","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
        }
        func state(_ vpcs: [String]) -> String {
            #"{"format_version":"1.0","values":{"root_module":{"resources":["# + vpcs.joined(separator: ",") + "]}}}"
        }
        let several = try DocumentLoader.load(
            bytes: Array(
                state([
                    vpc("a", #"{"id":"vpc-a","cidr_block":"10.1.0.0/16"}"#),
                    vpc("b", #"{"id":"vpc-b","cidr_block":"10.2.0.0/16"}"#),
                    vpc("c", #"{"id":"vpc-c","cidr_block":"10.3.0.0/16","tags":{"Name":"tools"}}"#),
                    vpc("e", #"{"id":"vpc-e","cidr_block":"10.5.0.0/16","tags":{"Name":"spoke"}}"#),
                    vpc("f", #"{"id":"vpc-f","cidr_block":"10.6.0.0/16","tags":{"Name":"spoke"}}"#),
                ]).utf8), path: "net.json")
        let alone = try DocumentLoader.load(
            bytes: Array(state([vpc("a", #"{"id":"vpc-d","cidr_block":"10.4.0.0/16"}"#)]).utf8), path: "dev.json")
        let model = NetworkModel(documents: [("net", several), ("dev", alone)])
        #expect(
            model.vpcs.map(\.label).sorted() == [
                "dev", "net (aws_vpc.a)", "net (aws_vpc.b)", "net (spoke, aws_vpc.e)", "net (spoke, aws_vpc.f)",
                "net (tools)",
            ])
    }
}

/// A planned resource's synthetic key is shown as its address; an ID as it is.
@Suite struct ModelKeyTests {
    @Test func aSyntheticKeyIsShownAsItsAddress() {
        #expect(
            ModelKey.shown(#"ref:network:module.spoke["a:b"].aws_vpc.this"#) == #"module.spoke["a:b"].aws_vpc.this"#)
        #expect(ModelKey.shown("tgw-0123456789abcdef0") == "tgw-0123456789abcdef0")
        #expect(ModelKey.shown("ref:broken") == "ref:broken")
    }
}

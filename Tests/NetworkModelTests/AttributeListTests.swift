import Foundation
import TerraformShow
import TestSupport
import Testing

@testable import NetworkModel

/// The loader keeps only the attributes ``ResourceType/attributes`` lists (`LoadOptions.awsNetwork`). Three
/// ties keep that list and the builder from drifting apart: `ResourceReader` asserts (debug builds, as the
/// tests run) that each attribute it reads is listed; `ScenarioTests.networkOnlyLoadingChangesNoFinding`
/// runs every fixture with and without the lists; and the tests here.
@Suite struct AttributeListTests {
    /// Every attribute name the builder's sources pass to the reader literally is in the list of some type.
    @Test func everyAttributeNamedInTheBuilderIsKept() throws {
        let folder = Repository.root.appendingPathComponent("Sources/NetworkModel")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("ModelBuilder") || $0 == "TransitGatewayRouting.swift" }
        #expect(files.count >= 6)
        let pattern = try Regex(
            #"(?:reader\.(?:string|links?|bool|int|array|cidrs|readCIDRs|value|isUnknown)\(|association\(reader, of: )"([a-z_0-9]+)"#
        )
        let kept = ResourceType.allCases.reduce(into: ResourceType.sharedAttributes) { $0.formUnion($1.attributes) }
        var named = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { named.insert(String(name)) }
            }
        }
        #expect(named.count >= 60, "\(named.count) names found: has the reader's API changed?")
        #expect(named.subtracting(kept).isEmpty, "read but never kept: \(named.subtracting(kept).sorted())")
    }

    /// A route with no target makes the builder try each target attribute in turn (as `aws_route` and as a
    /// table's `route` block): each must be listed, or the reader's assertion stops this test.
    @Test func everyRouteTargetIsKept() throws {
        let text = #"""
            {"format_version":"1.0","values":{"root_module":{"resources":[
              {"address":"aws_route.a","mode":"managed","type":"aws_route","name":"a","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"r-1","route_table_id":"rtb-1","destination_cidr_block":"10.1.0.0/16"}},
              {"address":"aws_route_table.t","mode":"managed","type":"aws_route_table","name":"t","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"rtb-1","vpc_id":"vpc-1","route":[{"cidr_block":"10.2.0.0/16"}]}}
            ]}}}
            """#
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "routes.json", options: .awsNetwork)
        let model = NetworkModel(documents: [(environment: "test", document: document)])
        let routes = model.routeTables.flatMap(\.routes)
        #expect(routes.count == 2)
        #expect(routes.allSatisfy { if case .unresolved = $0.target { true } else { false } })
        #expect(ResourceType.route.attributes.isSuperset(of: ResourceType.routeTargets))
    }

    /// What the loader drops is what no read needs: a VPC keeps its CIDR, ID, tags and DNS flags, and loses
    /// the rest (owner, tenancy, timeouts); its sensitive marks keep the same members, and only when they mark
    /// something. A subnet keeps only the tags the tool reads (`vpcelint:`).
    @Test func theLoaderDropsWhatTheModelDoesNotRead() throws {
        let text = #"""
            {"format_version":"1.0","values":{"root_module":{"resources":[
              {"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"vpc-1","cidr_block":"10.0.0.0/16","enable_dns_support":true,"owner_id":"123456789012",
                 "instance_tenancy":"default","tags":{"Name":"a"},"tags_all":{"Name":"a"},"timeouts":null},
               "sensitive_values":{"tags":{"Name":true},"tags_all":{},"owner_id":true}},
              {"address":"aws_vpc.b","mode":"managed","type":"aws_vpc","name":"b","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"vpc-2","cidr_block":"10.1.0.0/16","owner_id":"123456789012"},
               "sensitive_values":{"tags":{},"tags_all":{},"owner_id":true}},
              {"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"r","name":"r"}},
              {"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","provider_name":"registry.terraform.io/hashicorp/aws",
               "values":{"id":"subnet-1","vpc_id":"vpc-1","cidr_block":"10.0.1.0/24",
                 "tags":{"Name":"s","vpcelint:ignore":"VPCE010","vpcelint:reason":"r"},"tags_all":{"Name":"s","Owner":"x"}}}
            ]}}}
            """#
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "vpc.json", options: .awsNetwork)
        guard case .object(let values) = document.resources[0].values,
            case .object(let sensitive)? = document.resources[0].sensitive
        else {
            Issue.record("values or sensitive values are not objects")
            return
        }
        #expect(Set(values.keys) == ["id", "cidr_block", "enable_dns_support", "tags", "tags_all"])
        #expect(Set(sensitive.keys) == ["tags", "tags_all"])
        #expect(document.resources[0].isSensitive("tags.Name") && !document.resources[0].isSensitive("id"))
        // What is left of the second VPC's marks marks nothing: no tree is kept.
        #expect(document.resources[1].sensitive == nil)
        #expect(document.resources[2].values == .object([:]))
        // A VPC keeps every tag (its name, an environment tag); a subnet only the tool's own.
        #expect(values["tags"]?.object?.keys.sorted() == ["Name"])
        #expect(
            document.resources[3].values
                == .object([
                    "id": .string("subnet-1"), "vpc_id": .string("vpc-1"), "cidr_block": .string("10.0.1.0/24"),
                    "tags": .object(["vpcelint:ignore": .string("VPCE010"), "vpcelint:reason": .string("r")]),
                    "tags_all": .object([:]),
                ]))
        let full = try DocumentLoader.load(bytes: Array(text.utf8), path: "vpc.json")
        #expect(full.resources[0].values["owner_id"] == .string("123456789012"))
    }
}

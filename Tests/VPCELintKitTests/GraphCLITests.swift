import Foundation
import TestSupport
import Testing

/// `vpcelint graph` through the built binary: the fixture scenarios' planted defects on the links and VPCs
/// they break, Mermaid read back line by line, DOT rendered by Graphviz, the size bound, hostile names.
@Suite("vpcelint graph", .serialized)
struct GraphCLITests {
    static func fixture(_ scenario: String) -> String {
        Repository.path("fixtures/\(scenario)")
    }

    static func mermaid(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> MermaidPicture
    {
        let run = try Binary.run(["graph"] + arguments)
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return MermaidPicture(run.stdout, sourceLocation: sourceLocation)
    }

    /// A planted broken hop: the edge between the hub and `spoke` of `kind` carries `rule`.
    struct BrokenLink: Sendable, CustomTestStringConvertible {
        var scenario: String
        var nodes: Int
        var edges: Int
        var spoke: String
        var link: String
        var rule: String
        var testDescription: String { "\(scenario): \(rule) on \(spoke)'s \(link)" }
    }

    static let brokenLinks = [
        // The hub route table has no route back to prd; the endpoint SG does not open 443 to dev.
        BrokenLink(
            scenario: "hub-spoke-broken", nodes: 4, edges: 6, spoke: "prd (prd-vpc)", link: "peering",
            rule: "VPCE002"),
        BrokenLink(
            scenario: "hub-spoke-broken", nodes: 4, edges: 6, spoke: "dev (dev-vpc)", link: "peering",
            rule: "VPCE005"),
        // The transit gateway route table has no route or propagation for stg. (The spokes' pair, no path, is
        // counted, not drawn.)
        BrokenLink(
            scenario: "hub-spoke-tgw-broken", nodes: 3, edges: 4, spoke: "stg (stg-vpc)", link: "transit gateway",
            rule: "VPCE002"),
        // dev's Resolver rule targets an IP that is no inbound endpoint's.
        BrokenLink(
            scenario: "resolver-forwarding-broken", nodes: 3, edges: 3, spoke: "dev (dev-vpc)", link: "Resolver rules",
            rule: "VPCE014"),
    ]

    @Test("the planted broken hop is a thick red edge labelled with its rule id", arguments: brokenLinks)
    func brokenLink(_ expected: BrokenLink) throws {
        let picture = try Self.mermaid([Self.fixture(expected.scenario)])
        #expect(picture.nodes.count == expected.nodes)
        #expect(picture.edges.count == expected.edges)
        let hub = try #require(picture.node(containing: "hub: shared (shared-vpc)"))
        let spoke = try #require(picture.node(containing: expected.spoke))
        let edges = picture.edges(hub, spoke)
        let broken = try #require(edges.first { $0.label.contains(expected.link) })
        #expect(broken.label.hasPrefix("✗ ") && broken.label.contains(expected.rule), "\(broken)")
        #expect(broken.arrow == "===")
        let index = try #require(picture.edges.firstIndex(of: broken))
        #expect(picture.styledEdges.contains(index))
        // Every marked edge is styled, and no unmarked one is.
        let marked = picture.edges.indices.filter { picture.edges[$0].label.hasPrefix("✗") }
        #expect(Set(picture.styledEdges) == Set(marked))
    }

    @Test("a healthy topology: hub and spokes, no mark")
    func healthy() throws {
        let picture = try Self.mermaid([Self.fixture("hub-spoke-ok")])
        #expect(picture.nodes.count == 4)
        #expect(picture.edges.count == 6)
        #expect(picture.edges.allSatisfy { $0.arrow == "---" && !$0.label.contains("VPCE") })
        #expect(picture.styledEdges.isEmpty)
        #expect(picture.classes.values.filter { $0 == "hub" }.count == 1)
    }

    @Test("a finding on one VPC marks its node: three spokes, each with its own endpoints, no hub")
    func nodeMarks() throws {
        let picture = try Self.mermaid([Self.fixture("three-spokes")])
        #expect(picture.nodes.count == 3)
        #expect(picture.edges.isEmpty)
        let marked = picture.nodes.filter { $0.value.hasPrefix("✗ VPCE001\n") }
        #expect(marked.count == 2)
        #expect(marked.keys.allSatisfy { picture.classes[$0] == "broken" })
    }

    @Test("an unknown is dashed and labelled ?: spoke files alone, the hub outside the inputs")
    func unknownIsDashed() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for environment in ["dev", "stg", "prd"] {
            try FileManager.default.copyItem(
                atPath: Self.fixture("hub-spoke-broken") + "/\(environment).show.json",
                toPath: directory + "/\(environment).json")
        }
        let picture = try Self.mermaid([directory])
        let hub = try #require(picture.node(containing: "hub outside the inputs: "))
        let unknown = picture.edges.filter { $0.from == hub || $0.to == hub }
        #expect(unknown.count == 3)
        #expect(unknown.allSatisfy { $0.arrow == "-.-" && $0.label.hasPrefix("? ") && $0.label.contains("VPCE002") })
        #expect(Set(picture.styledEdges) == Set(unknown.compactMap { picture.edges.firstIndex(of: $0) }))
    }

    @Test(
        "DOT renders with Graphviz: exit 0, one SVG node and edge per graph node and edge, the labels in the SVG",
        arguments: ["hub-spoke-broken", "hub-spoke-tgw-broken", "resolver-forwarding-broken", "three-spokes"])
    func dotRenders(_ scenario: String) throws {
        let run = try Binary.run(["graph", "--format", "dot", Self.fixture(scenario)])
        #expect(run.status == 0, "\(run.stderr)")
        let mermaid = try Self.mermaid([Self.fixture(scenario)])
        let rendering = try Graphviz.svg(run.stdout)
        #expect(rendering.status == 0, "\(rendering.errors)")
        let svg = Graphviz.contents(rendering.svg)
        #expect(svg.nodes == mermaid.nodes.count)
        #expect(svg.edges == mermaid.edges.count)
        for label in mermaid.nodes.values.flatMap({ $0.split(separator: "\n").map(String.init) }) {
            #expect(svg.texts.contains(label), "\(label)")
        }
        for edge in mermaid.edges { #expect(svg.texts.contains(edge.label), "\(edge.label)") }
    }

    @Test("exit 0 with findings; --output writes the file and nothing on stdout; bad usage is exit 2")
    func exitAndOutput() throws {
        try withTemporaryDirectory { directory in
            let broken = Self.fixture("hub-spoke-broken")
            let written = try Binary.run(["graph", "--format", "dot", "--output", "t.dot", broken], in: directory)
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout.isEmpty)
            let file = try String(contentsOfFile: directory + "/t.dot", encoding: .utf8)
            #expect(file == (try Binary.run(["graph", "--format", "dot", broken])).stdout)
            let onInput = try Binary.run(["graph", "--output", broken + "/dev.show.json", broken])
            #expect(onInput.status == 2)
            #expect(onInput.stdout.isEmpty)
            #expect(onInput.stderr.contains("dev.show.json"), "\(onInput.stderr)")
            let format = try Binary.run(["graph", "--format", "png", broken])
            #expect(format.status == 2)
            #expect(format.stdout.isEmpty)
            let missing = try Binary.run(["graph", "--output", "m.mmd", directory + "/none.json"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("none.json"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/m.mmd"))
        }
    }
}

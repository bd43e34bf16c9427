import Foundation
import TestSupport
import Testing

/// `vpcelint graph` on generated inputs: the size bound (counts, never times) and names built to break out of
/// a Mermaid label, a DOT string or the Markdown report's code block.
@Suite("vpcelint graph: size bound and hostile names", .serialized)
struct GraphBoundAndHostileTests {
    /// 100 spokes: 60 in pairs sharing a CIDR (each pair overlaps: VPCE009 on both), 40 healthy.
    static func manySpokes() throws -> String {
        let hub = PeeredNetwork.VPC(id: "vpc-hub", cidr: "10.255.0.0/16", name: "hub")
        let spokes = (0..<100).map { index in
            let cidr = index < 60 ? "10.\(index / 2).0.0/16" : "10.\(index).0.0/16"
            return PeeredNetwork.VPC(id: "vpc-s\(index)", cidr: cidr, name: "spoke-\(index)")
        }
        return try PeeredNetwork.state(hub: hub, spokes: spokes)
    }

    @Test("beyond 40 VPCs: 39 broken spokes drawn, the other 21 counted with their rule id, 40 healthy in one node")
    func sizeBound() throws {
        try withTemporaryDirectory(["net.json": try Self.manySpokes()]) { directory in
            let check = try Binary.run(["check", "--hub", "vpc-hub", "--format", "json", "net.json"], in: directory)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            let flagged = Set(
                findings.filter { $0["rule_id"] as? String == "VPCE009" }.compactMap { $0["address"] as? String })
            #expect(flagged.count >= 30, "the generated input has its planted overlaps")

            let run = try Binary.run(["graph", "--hub", "vpc-hub", "net.json"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let picture = MermaidPicture(run.stdout)
            // 1 hub + 39 spokes with findings + 2 summaries.
            #expect(picture.nodes.count == 42)
            let spokes = picture.nodes.values.filter { $0.contains("\nnet (spoke-") }
            #expect(spokes.count == 39)
            #expect(spokes.allSatisfy { $0.hasPrefix("✗ VPCE009\n") })
            let overflow = try #require(picture.node(containing: "21 more spokes with findings"))
            #expect(picture.nodes[overflow]?.hasPrefix("✗ VPCE009\n") == true)
            #expect(picture.classes[overflow] == "broken")
            let healthy = try #require(picture.node(containing: "40 more healthy spokes"))
            #expect(picture.nodes[healthy] == "40 more healthy spokes")
            #expect(picture.classes[healthy] == "summary")
            // One edge per drawn spoke, one to each summary.
            #expect(picture.edges.count == 41)
            let hub = try #require(picture.node(containing: "hub: net (hub)"))
            #expect(picture.edges(hub, healthy).map(\.label) == ["peerings"])
            // The overlaps are between spokes no link joins: they mark the VPCs, not the peerings.
            #expect(picture.edges(hub, overflow).map(\.label) == ["peerings"])
        }
    }

    @Test("beyond 10 hubs: hubs with findings first, the other hubs and their spokes one node with their rule ids")
    func manyHubs() throws {
        var files = [String: String]()
        var arguments = ["graph"]
        for index in 0..<12 {
            // Every hub but hub-0 overlaps its spoke (VPCE009 on their peering): hub-0 is left for the summary,
            // with one hub whose finding the summary carries.
            let hub = PeeredNetwork.VPC(id: "vpc-h\(index)", cidr: "10.\(index).0.0/16", name: "hub-\(index)")
            let spoke = PeeredNetwork.VPC(
                id: "vpc-s\(index)", cidr: index == 0 ? "10.100.0.0/16" : "10.\(index).0.0/16",
                name: "spoke-\(index)")
            files["e\(index).json"] = try PeeredNetwork.state(hub: hub, spokes: [spoke])
            arguments += ["--hub", "vpc-h\(index)"]
        }
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(arguments + ["."], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let picture = MermaidPicture(run.stdout)
            let hubs = picture.nodes.values.filter { $0.contains("hub: ") }
            #expect(hubs.count == 10)
            // The healthy hub is summarised first; one hub with a finding goes with it (hubs in topology order).
            #expect(!hubs.contains { $0.contains("(hub-0)") })
            let rest = try #require(picture.node(containing: "2 more hubs with 2 more spokes"))
            #expect(picture.nodes[rest] == "✗ VPCE009\n2 more hubs with 2 more spokes")
            #expect(picture.classes[rest] == "broken")
            #expect(picture.nodes.count == 10 + 10 + 1)
            #expect(picture.edges.count == 10)
            #expect(picture.edges.allSatisfy { $0.label.hasPrefix("✗ VPCE009 peering pcx-") })
        }
    }

    @Test("a long Name tag is cut to 64 characters with an ellipsis; the check report keeps it whole")
    func longName() throws {
        let long = String(repeating: "spoke-name-", count: 20)
        let hub = PeeredNetwork.VPC(id: "vpc-hub", cidr: "10.255.0.0/16", name: "hub")
        let spoke = PeeredNetwork.VPC(id: "vpc-s", cidr: "10.1.0.0/16", name: long)
        try withTemporaryDirectory(["net.json": try PeeredNetwork.state(hub: hub, spokes: [spoke])]) { directory in
            let picture = MermaidPicture(
                try Binary.run(["graph", "--hub", "vpc-hub", "net.json"], in: directory).stdout)
            let node = try #require(picture.node(containing: "net (spoke-name-"))
            let title = try #require(picture.nodes[node]?.split(separator: "\n").first)
            #expect(title == "net (" + long.prefix(58) + "…")
            #expect(title.count == 64)
            let text = try Binary.run(["check", "--hub", "vpc-hub", "net.json"], in: directory)
            #expect(text.stdout.contains(long))
        }
    }

    /// Names built to break out: Mermaid quotes, brackets, pipes, directives, comments, entity codes, HTML,
    /// Markdown fences; DOT quotes, backslash escapes, attribute lists, edges; a line break and an ESC.
    static let hostileNames = [
        #"x"] --> n1["pwned"#, "a|b]] ; click n1 call alert(1)", "%%{init: {'theme':'dark'}}%%", "```\n# out",
        "<img src=x onerror=alert(1)>&amp;#quot;", #"q\" -- n1 [label=\"x\"]; n9 [shape=box"#, #"back\N\G\l\"#,
        "style n1 fill:#f00\u{1B}[31m",
    ]

    /// A hub and one spoke per hostile name, in a file whose name (the environment) is hostile too.
    static func hostileInput(_ directory: String) throws -> String {
        let hub = PeeredNetwork.VPC(id: "vpc-hub", cidr: "10.255.0.0/16", name: "hub \"`<b>`\"")
        // The last spoke overlaps the hub: a finding, so the Markdown report embeds the picture.
        let spokes = hostileNames.enumerated().map { index, name in
            PeeredNetwork.VPC(
                id: "vpc-s\(index)", cidr: index == hostileNames.count - 1 ? "10.255.0.0/16" : "10.\(index).0.0/16",
                name: name)
        }
        let file = directory + "/e\"v`i%%l<]|.json"
        try (try PeeredNetwork.state(hub: hub, spokes: spokes)).write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    /// What a label shows for `name`: control characters made visible as TerminalText writes them.
    static func shown(_ name: String) -> String {
        name.replacingOccurrences(of: "\n", with: #"\n"#).replacingOccurrences(of: "\u{1B}", with: #"\x1b"#)
    }

    @Test("Mermaid: every line is one vpcelint generates, each label reads back as the name, no backtick")
    func hostileMermaid() throws {
        try withTemporaryDirectory { directory in
            let file = try Self.hostileInput(directory)
            let run = try Binary.run(["graph", "--hub", "vpc-hub", file])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("`") && !run.stdout.contains("%%") && !run.stdout.contains("&"))
            let picture = MermaidPicture(run.stdout)
            #expect(picture.nodes.count == 1 + Self.hostileNames.count)
            #expect(picture.edges.count == Self.hostileNames.count)
            for name in Self.hostileNames {
                #expect(picture.node(containing: "e\"v`i%%l<]| (" + Self.shown(name) + ")") != nil, "\(name)")
            }
            #expect(picture.node(containing: "hub: e\"v`i%%l<]| (hub \"`<b>`\")") != nil)
        }
    }

    @Test("DOT: Graphviz renders exactly the graph's nodes and edges, each label shown as the name")
    func hostileDOT() throws {
        try withTemporaryDirectory { directory in
            let file = try Self.hostileInput(directory)
            let run = try Binary.run(["graph", "--format", "dot", "--hub", "vpc-hub", file])
            #expect(run.status == 0, "\(run.stderr)")
            let rendering = try Graphviz.svg(run.stdout)
            #expect(rendering.status == 0, "\(rendering.errors)")
            let svg = Graphviz.contents(rendering.svg)
            #expect(svg.nodes == 1 + Self.hostileNames.count)
            #expect(svg.edges == Self.hostileNames.count)
            for name in Self.hostileNames {
                #expect(svg.texts.contains("e\"v`i%%l<]| (" + Self.shown(name) + ")"), "\(name)")
            }
        }
    }

    @Test("Markdown report: one mermaid block, closed, that the names cannot leave; none without findings")
    func hostileMarkdown() throws {
        try withTemporaryDirectory { directory in
            let file = try Self.hostileInput(directory)
            let run = try Binary.run(["check", "--format", "markdown", "--fail-on", "never", "--hub", "vpc-hub", file])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let fences = lines.indices.filter { lines[$0].hasPrefix("```") }
            #expect(fences.count == 2, "\(run.stdout)")
            guard fences.count == 2 else { return }
            #expect(lines[fences[0]] == "```mermaid")
            #expect(lines[fences[1]] == "```")
            let block = lines[(fences[0] + 1)..<fences[1]].joined(separator: "\n") + "\n"
            let picture = MermaidPicture(block)
            #expect(picture.nodes.count == 1 + Self.hostileNames.count)
            #expect(picture.edges.contains { $0.label.hasPrefix("✗ VPCE009 peering ") })
        }
        let clean = try Binary.run(["check", "--format", "markdown", GraphCLITests.fixture("hub-spoke-ok")])
        #expect(clean.status == 0)
        #expect(!clean.stdout.contains("```"))
        let broken = try Binary.run(
            ["check", "--format", "markdown", "--fail-on", "never", GraphCLITests.fixture("hub-spoke-broken")])
        #expect(broken.stdout.contains("```mermaid\nflowchart LR\n"))
    }
}

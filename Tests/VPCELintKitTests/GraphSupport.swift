import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A Mermaid flowchart as `vpcelint graph` writes it, read back line by line against the only line shapes it
/// generates: any other line (an injected directive, a label that escaped its quotes) fails the parse.
struct MermaidPicture {
    struct Edge: Equatable {
        var from: String
        var arrow: String
        var label: String
        var to: String
    }

    /// Node id -> label, entity codes decoded, `<br/>` as a line break.
    var nodes: [String: String] = [:]
    var nodeOrder: [String] = []
    var edges: [Edge] = []
    /// `linkStyle` indices.
    var styledEdges: [Int] = []
    var classes: [String: String] = [:]

    private static let text: String = #"((?:[A-Za-z0-9 .,:/_\-+()=@?!]|#[0-9]+;)*)"#
    private static var node: Regex<AnyRegexOutput> {
        try! Regex(#"  (n[0-9]+|unplaced)\[""# + #"((?:[A-Za-z0-9 .,:/_\-+()=@?!]|#[0-9]+;|<br/>)*)"# + #""\]"#)
    }
    private static var edge: Regex<AnyRegexOutput> {
        try! Regex(#"  (n[0-9]+) (---|===|-\.-)\|""# + text + #""\| (n[0-9]+)"#)
    }
    private static var linkStyle: Regex<AnyRegexOutput> { try! Regex(#"  linkStyle ([0-9]+) [a-z0-9:#,. \-]+"#) }
    private static var classLine: Regex<AnyRegexOutput> {
        try! Regex(#"  class (n[0-9]+|unplaced) (hub|broken|unknown|summary)"#)
    }
    private static var classDef: Regex<AnyRegexOutput> {
        try! Regex(#"  classDef (hub|broken|unknown|summary) [a-z0-9:#,. \-]+"#)
    }

    init(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "flowchart LR", sourceLocation: sourceLocation)
        #expect(lines.last == "", "ends with one line break", sourceLocation: sourceLocation)
        for line in lines.dropFirst().dropLast() {
            let line = String(line)
            if let match = try? Self.node.wholeMatch(in: line), let id = match[1].substring,
                let label = match[2].substring
            {
                #expect(nodes[String(id)] == nil, "node \(id) declared once", sourceLocation: sourceLocation)
                nodes[String(id)] = Self.decode(String(label))
                nodeOrder.append(String(id))
            } else if let match = try? Self.edge.wholeMatch(in: line), let from = match[1].substring,
                let arrow = match[2].substring, let label = match[3].substring, let to = match[4].substring
            {
                edges.append(
                    Edge(from: String(from), arrow: String(arrow), label: Self.decode(String(label)), to: String(to)))
            } else if let match = try? Self.linkStyle.wholeMatch(in: line), let index = match[1].substring {
                styledEdges.append(Int(index) ?? -1)
            } else if let match = try? Self.classLine.wholeMatch(in: line), let id = match[1].substring,
                let name = match[2].substring
            {
                classes[String(id)] = String(name)
            } else if (try? Self.classDef.wholeMatch(in: line)) == nil {
                Issue.record("a line vpcelint does not generate: \(line)", sourceLocation: sourceLocation)
            }
        }
        for edge in edges {
            #expect(nodes[edge.from] != nil && nodes[edge.to] != nil, "\(edge)", sourceLocation: sourceLocation)
        }
        for index in styledEdges { #expect(edges.indices.contains(index), sourceLocation: sourceLocation) }
        for id in classes.keys { #expect(nodes[id] != nil, "class of \(id)", sourceLocation: sourceLocation) }
    }

    /// Mermaid's entity codes (`#34;`) back to characters, `<br/>` to a line break.
    static func decode(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let hash = rest.firstIndex(of: "#") {
            output += rest[..<hash].replacingOccurrences(of: "<br/>", with: "\n")
            let after = rest[rest.index(after: hash)...]
            guard let semicolon = after.firstIndex(of: ";"), let value = UInt32(after[..<semicolon]),
                let scalar = Unicode.Scalar(value)
            else {
                output += "#"
                rest = after
                continue
            }
            output.unicodeScalars.append(scalar)
            rest = after[after.index(after: semicolon)...]
        }
        return output + rest.replacingOccurrences(of: "<br/>", with: "\n")
    }

    /// The node whose label holds `text`.
    func node(containing text: String) -> String? {
        nodeOrder.first { nodes[$0]?.contains(text) == true }
    }

    /// The edges between two nodes.
    func edges(_ one: String, _ other: String) -> [Edge] {
        edges.filter { Set([$0.from, $0.to]) == Set([one, other]) }
    }
}

/// Graphviz renders DOT to SVG; the test fails (not skips) when `dot` is missing: `scripts/setup.sh` installs it.
enum Graphviz {
    struct Rendering {
        var status: Int32
        var svg: String
        var errors: String
    }

    static func svg(_ dot: String) throws -> Rendering {
        try withTemporaryDirectory(["in.dot": dot]) { directory in
            let run = try Run.launch(
                URL(fileURLWithPath: "/bin/sh"), ["-c", "dot -Tsvg in.dot"], in: directory)
            #expect(run.status != 127, "Graphviz `dot` is not installed: run scripts/setup.sh")
            return Rendering(status: run.status, svg: run.stdout, errors: run.stderr)
        }
    }

    /// The SVG's nodes and edges (`<g class="node">`, `<g class="edge">`) and every text, read by an XML
    /// parser: what a viewer shows.
    static func contents(_ svg: String) -> (nodes: Int, edges: Int, texts: [String]) {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "the SVG is well-formed XML")
        return (reader.nodes, reader.edges, reader.texts)
    }

    private final class SVGReader: NSObject, XMLParserDelegate {
        var nodes = 0
        var edges = 0
        var texts = [String]()
        private var inText = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "g", attributes["class"] == "node" { nodes += 1 }
            if name == "g", attributes["class"] == "edge" { edges += 1 }
            if name == "text" {
                inText = true
                texts.append("")
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText, !texts.isEmpty { texts[texts.count - 1] += string }
        }
    }
}

/// A `terraform show -json` state holding one hub VPC and spokes peered with it (active peerings), written
/// with JSONSerialization so any name is carried as it is.
enum PeeredNetwork {
    struct VPC {
        var id: String
        var cidr: String
        var name: String
    }

    static func state(hub: VPC, spokes: [VPC]) throws -> String {
        var resources = [vpc("hub", nil, hub)]
        for (index, spoke) in spokes.enumerated() {
            resources.append(vpc("spoke", index, spoke))
            resources.append(
                resource(
                    "aws_vpc_peering_connection", "spoke", index,
                    [
                        "id": "pcx-" + spoke.id.dropFirst(4), "vpc_id": spoke.id, "peer_vpc_id": hub.id,
                        "accept_status": "active",
                    ]))
        }
        let document: [String: Any] = [
            "format_version": "1.0", "terraform_version": "1.11.4",
            "values": ["root_module": ["resources": resources]],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
    }

    private static func vpc(_ name: String, _ index: Int?, _ vpc: VPC) -> [String: Any] {
        resource("aws_vpc", name, index, ["id": vpc.id, "cidr_block": vpc.cidr, "tags": ["Name": vpc.name]])
    }

    private static func resource(_ type: String, _ name: String, _ index: Int?, _ values: [String: Any]) -> [String:
        Any]
    {
        var resource: [String: Any] = [
            "address": "\(type).\(name)" + (index.map { "[\($0)]" } ?? ""), "mode": "managed", "type": type,
            "name": name, "provider_name": "registry.terraform.io/hashicorp/aws", "values": values,
        ]
        if let index { resource["index"] = index }
        return resource
    }
}

import LintCore

/// A ``TopologyGraph`` as a Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html), which GitHub
/// renders in a ```` ```mermaid ```` block. Node ids are the graph's generated ones (`n1`, `n2`, ...); every label
/// is quoted and escaped (``MermaidText``). A broken link is a thick red edge labelled `✗` and its rule ids, an
/// unknown one a dashed amber edge labelled `?` and its rule ids; nodes are marked the same way.
public enum MermaidGraph {
    public static func render(_ graph: TopologyGraph) -> String {
        var lines = [
            "flowchart LR",
            "  classDef hub fill:#e8f0fe,stroke:#1a73e8,stroke-width:2px",
            "  classDef broken fill:#fce8e6,stroke:#d93025,stroke-width:3px",
            "  classDef unknown fill:#fef7e0,stroke:#f29900,stroke-width:2px,stroke-dasharray:5 3",
            "  classDef summary fill:#f1f3f4,stroke:#80868b,stroke-dasharray:2 2",
        ]
        for node in graph.nodes {
            let label = GraphLabels.lines(node).map(MermaidText.escape).joined(separator: "<br/>")
            lines.append("  \(node.id)[\"\(label)\"]")
        }
        if let note = GraphLabels.unplaced(graph) {
            lines.append("  unplaced[\"\(MermaidText.escape(note))\"]")
        }
        var styles = [String]()
        for (index, edge) in graph.edges.enumerated() {
            let text = MermaidText.escape(GraphLabels.line(edge))
            let arrow =
                !edge.marks.violations.isEmpty ? "===" : (edge.marks.unknowns.isEmpty && edge.isPath ? "---" : "-.-")
            lines.append("  \(edge.from) \(arrow)|\"\(text)\"| \(edge.to)")
            if !edge.marks.violations.isEmpty {
                styles.append("  linkStyle \(index) stroke:#d93025,stroke-width:3px,color:#d93025")
            } else if !edge.marks.unknowns.isEmpty {
                styles.append("  linkStyle \(index) stroke:#f29900,stroke-width:2px,stroke-dasharray:5 3,color:#b06000")
            }
        }
        lines += styles
        for node in graph.nodes {
            if let style = style(node) { lines.append("  class \(node.id) \(style)") }
        }
        if GraphLabels.unplaced(graph) != nil { lines.append("  class unplaced unknown") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func style(_ node: TopologyGraph.Node) -> String? {
        if !node.marks.violations.isEmpty { return "broken" }
        if !node.marks.unknowns.isEmpty { return "unknown" }
        switch node.kind {
        case .hub, .hubOutsideInputs: return "hub"
        case .summary: return "summary"
        case .spoke, .vpc: return nil
        }
    }
}

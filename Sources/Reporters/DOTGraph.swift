import LintCore

/// A ``TopologyGraph`` in Graphviz DOT (https://graphviz.org/doc/info/lang.html), for `dot -Tsvg`. Node ids are
/// the graph's generated ones (`n1`, `n2`, ...); every label is a quoted, escaped string (``DOTText``), never an
/// HTML label. A broken link is a thick red edge labelled `✗` and its rule ids, an unknown one a dashed amber
/// edge labelled `?` and its rule ids; nodes are marked the same way.
public enum DOTGraph {
    public static func render(_ graph: TopologyGraph) -> String {
        var lines = [
            "graph vpcelint {",
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10];",
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for node in graph.nodes {
            let label = GraphLabels.lines(node).map(DOTText.escape).joined(separator: "\\n")
            lines.append("  \(node.id) [label=\"\(label)\"\(attributes(node))];")
        }
        if let note = GraphLabels.unplaced(graph) {
            lines.append(
                "  unplaced [label=\"\(DOTText.escape(note))\", shape=note, style=\"dashed,filled\", "
                    + "fillcolor=\"#fef7e0\", color=\"#f29900\"];")
        }
        for edge in graph.edges {
            let label = DOTText.escape(GraphLabels.line(edge))
            lines.append("  \(edge.from) -- \(edge.to) [label=\"\(label)\"\(attributes(edge))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func attributes(_ node: TopologyGraph.Node) -> String {
        if !node.marks.violations.isEmpty {
            return ", fillcolor=\"#fce8e6\", color=\"#d93025\", penwidth=3"
        }
        if !node.marks.unknowns.isEmpty {
            return ", style=\"rounded,filled,dashed\", fillcolor=\"#fef7e0\", color=\"#f29900\", penwidth=2"
        }
        switch node.kind {
        case .hub, .hubOutsideInputs: return ", fillcolor=\"#e8f0fe\", color=\"#1a73e8\", penwidth=2"
        case .summary: return ", style=\"rounded,filled,dashed\", fillcolor=\"#f1f3f4\", color=\"#80868b\""
        case .spoke, .vpc: return ""
        }
    }

    private static func attributes(_ edge: TopologyGraph.Edge) -> String {
        if !edge.marks.violations.isEmpty {
            return ", color=\"#d93025\", fontcolor=\"#d93025\", penwidth=3"
        }
        if !edge.marks.unknowns.isEmpty {
            return ", style=dashed, color=\"#f29900\", fontcolor=\"#b06000\", penwidth=2"
        }
        return edge.isPath ? "" : ", style=dotted"
    }
}

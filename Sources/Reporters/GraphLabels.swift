import LintCore

/// The words of a ``TopologyGraph`` picture, before a renderer escapes them: the marks first (`✗ VPCE002` broken,
/// `? VPCE011` unknown), then what the node or edge is.
enum GraphLabels {
    /// `✗ VPCE002, VPCE005 ? VPCE011`; empty without marks.
    static func marks(_ marks: TopologyGraph.Marks) -> String {
        var parts = [String]()
        if !marks.violations.isEmpty { parts.append("✗ " + marks.violations.joined(separator: ", ")) }
        if !marks.unknowns.isEmpty { parts.append("? " + marks.unknowns.joined(separator: ", ")) }
        return parts.joined(separator: " ")
    }

    /// The lines of a node: its marks, its title, its ID and CIDRs.
    static func lines(_ node: TopologyGraph.Node) -> [String] {
        let marked = marks(node.marks)
        let kind: String? =
            switch node.kind {
            case .hub: "hub"
            case .hubOutsideInputs: "hub outside the inputs"
            case .spoke, .vpc, .summary: nil
            }
        let title = kind.map { "\($0): \(node.title)" } ?? node.title
        return (marked.isEmpty ? [] : [marked]) + [title] + node.details
    }

    /// The line of an edge: its marks, then what links the two.
    static func line(_ edge: TopologyGraph.Edge) -> String {
        let marked = marks(edge.marks)
        return marked.isEmpty ? edge.label : marked + " " + edge.label
    }

    /// The note for findings that name no drawn VPC: `findings on no VPC of the picture: ✗ VPCE011`.
    static func unplaced(_ graph: TopologyGraph) -> String? {
        graph.unplaced.isEmpty ? nil : "findings on no VPC of the picture: " + marks(graph.unplaced)
    }
}

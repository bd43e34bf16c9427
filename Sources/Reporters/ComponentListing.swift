import NetworkModel

/// `vpcelint check --list-components`: the connected components of the inputs (``NetworkModel/components()``)
/// with the input files each needs, as text or JSON; every input-derived string escaped for its medium.
public struct ComponentListing: Sendable {
    public var components: [NetworkComponent]
    /// Inputs that hold no resource of any component (only shared ones: prefix lists, non-network
    /// resources): a `--component` run reads them whichever component it checks.
    public var sharedInputs: [String]

    public init(components: [NetworkComponent], sharedInputs: [String]) {
        self.components = components
        self.sharedInputs = sharedInputs
    }

    /// Whether no other component holds resources in the component's input files: a job may then pass
    /// only those files (and ``sharedInputs``) instead of every input with `--component`.
    public func hasOwnInputs(_ component: NetworkComponent) -> Bool {
        let paths = Set(component.paths)
        return !components.contains { $0.number != component.number && !paths.isDisjoint(with: $0.paths) }
    }

    /// One line per component and one per input file.
    public func text() -> String {
        let hubs = components.filter { !$0.hubs.isEmpty }.count
        var lines = [
            "\(components.count) component\(components.count == 1 ? "" : "s") (\(hubs) with a hub, "
                + "\(components.count - hubs) without)"
        ]
        for component in components {
            let anchor = component.anchor
            let kind = component.hubs.isEmpty ? "VPC" : "hub"
            var line =
                "component \(component.number): \(kind) \(TerminalText.escape(Self.name(anchor))) "
                + "\(TerminalText.escape(anchor.key)), \(component.managedVPCs) VPC\(component.managedVPCs == 1 ? "" : "s")"
            if component.hubs.count > 1 { line += ", \(component.hubs.count) hubs" }
            line += ", \(component.paths.count) input\(component.paths.count == 1 ? "" : "s")"
            if !hasOwnInputs(component) { line += " (shared with other components)" }
            lines.append(line)
            lines += component.paths.map { "  " + TerminalText.escape($0) }
        }
        if !sharedInputs.isEmpty {
            lines.append("inputs every component reads (no component's resources):")
            lines += sharedInputs.map { "  " + TerminalText.escape($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"components": [...], "shared_inputs": [...]}`, pretty-printed.
    public func json() -> String {
        JSONNode.object([
            ("components", .array(components.map(node))),
            ("shared_inputs", .array(sharedInputs.map(JSONNode.string))),
        ]).serialized() + "\n"
    }

    private func node(_ component: NetworkComponent) -> JSONNode {
        let anchor = component.anchor
        return .object([
            ("number", .int(component.number)),
            (
                "anchor",
                .object([
                    ("id", .string(anchor.key)),
                    ("name", .string(Self.name(anchor))),
                    ("environment", .string(anchor.origin.environment)),
                    ("path", .string(anchor.origin.path)),
                    ("address", .string(anchor.origin.address)),
                ])
            ),
            ("hubs", .array(component.hubs.map { .string($0.key) })),
            ("vpcs", .int(component.managedVPCs)),
            ("vpc_ids", .array(component.vpcKeys.map(JSONNode.string))),
            ("inputs", .array(component.paths.map(JSONNode.string))),
            ("own_inputs", .bool(hasOwnInputs(component))),
        ])
    }

    private static func name(_ vpc: VPC) -> String { vpc.label }
}

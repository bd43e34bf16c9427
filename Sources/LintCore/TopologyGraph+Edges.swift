extension GraphLayout {
    /// One edge per kind of link between two VPCs drawn one by one; one edge carrying every link between a
    /// node and a summary; the marks of links inside one summary on the summary itself.
    mutating func drawEdges() {
        var summaryEdges = [GraphPlacement.Pair: TopologyGraph.Edge]()
        var summaryOrder = [GraphPlacement.Pair]()
        var summaryKinds = [GraphPlacement.Pair: [String]]()
        // In the order of the nodes they join (each hub's spokes in the topology's order), then by VPC key.
        let nodeOf = self.nodeOf
        let position = { (vpc: String) -> Int in nodeOf[vpc].flatMap(Self.index) ?? Int.max }
        let pairs = placement.links.keys.map { pair in
            let (one, other) = (position(pair.first), position(pair.second))
            return (low: min(one, other), high: max(one, other), pair: pair)
        }
        .sorted { ($0.low, $0.high, $0.pair) < ($1.low, $1.high, $1.pair) }.map(\.pair)
        for pair in pairs {
            let kinds = placement.linkKinds[pair] ?? []
            let marks = placement.edgeMarks[pair] ?? [:]
            guard let one = nodeOf[pair.first], let other = nodeOf[pair.second] else {
                for kind in kinds { graph.unplaced.add(marks[kind] ?? .init()) }
                continue
            }
            let (from, to) = Self.index(one) ?? 0 <= Self.index(other) ?? 0 ? (one, other) : (other, one)
            if from == to {
                for kind in kinds { markNode(from, marks[kind] ?? .init()) }
                continue
            }
            let isSummary = [from, to].contains { id in Self.index(id).map { graph.nodes[$0].kind == .summary } ?? true
            }
            guard isSummary else {
                for kind in kinds {
                    let links = placement.links[pair]?[kind] ?? []
                    graph.edges.append(
                        .init(
                            from: from, to: to, kind: kind, label: Self.label(kind, links),
                            isPath: links.contains(where: \.isPath), marks: marks[kind] ?? .init()))
                }
                continue
            }
            let key = GraphPlacement.Pair(from, to)
            var edge =
                summaryEdges[key] ?? .init(from: from, to: to, kind: "links", label: "", isPath: false, marks: .init())
            if summaryEdges[key] == nil { summaryOrder.append(key) }
            for kind in kinds {
                edge.isPath = edge.isPath || placement.links[pair]?[kind]?.contains(where: \.isPath) == true
                edge.marks.add(marks[kind] ?? .init())
                if summaryKinds[key]?.contains(kind) != true { summaryKinds[key, default: []].append(kind) }
            }
            summaryEdges[key] = edge
        }
        for key in summaryOrder {
            guard var edge = summaryEdges[key] else { continue }
            edge.label = (summaryKinds[key] ?? []).map { Self.names($0).plural }.joined(separator: ", ")
            graph.edges.append(edge)
        }
    }

    private mutating func markNode(_ id: String, _ marks: TopologyGraph.Marks) {
        guard let index = Self.index(id), graph.nodes.indices.contains(index) else {
            graph.unplaced.add(marks)
            return
        }
        graph.nodes[index].marks.add(marks)
    }

    /// `peering pcx-1`, `transit gateway tgw-1`, `6 private zones`; a link that carries no traffic says its state.
    static func label(_ kind: String, _ links: [TopologySummary.Link]) -> String {
        let name = names(kind)
        // A link may stand for several zones of one pair (``TopologySummary/Link/ids``).
        let count = links.reduce(0) { $0 + $1.ids.count }
        guard count == 1, let link = links.first else { return "\(count) \(name.plural)" }
        return "\(name.singular) \(shortened(link.id))" + (link.isPath ? "" : " (\(shortened(link.state)))")
    }

    static func names(_ kind: String) -> (singular: String, plural: String) {
        switch kind {
        case "peering": ("peering", "peerings")
        case "transit-gateway": ("transit gateway", "transit gateways")
        case "private-zone": ("private zone", "private zones")
        case "resolver-rule": ("Resolver rule", "Resolver rules")
        case "route53-profile": ("Route 53 Profile", "Route 53 Profiles")
        default: (kind, kind)
        }
    }
}

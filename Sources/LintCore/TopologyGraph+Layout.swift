import NetworkModel

extension TopologyGraph {
    /// The picture of a result's topology with its findings and unknowns marked.
    public init(_ result: LintResult, owners: ResourceOwners, limits: Limits = Limits()) {
        self.init(
            topology: result.topology, findings: result.findings, unknowns: result.unknowns, rules: result.rules,
            owners: owners, limits: limits)
    }

    /// The picture of `topology` with `findings` and `unknowns` marked where `owners` places them (``Limits``
    /// bounds its size); `rules` give each finding's category.
    public init(
        topology: TopologySummary, findings: [Finding], unknowns: [Finding], rules: [RuleDescription],
        owners: ResourceOwners, limits: Limits = Limits()
    ) {
        var placement = GraphPlacement(topology)
        var categories = [String: RuleCategory]()
        for rule in rules { categories[rule.id] = categories[rule.id] ?? rule.category }
        for finding in findings + unknowns {
            placement.place(finding, category: categories[finding.ruleID], owners: owners)
        }
        var layout = GraphLayout(placement: placement, limits: limits)
        layout.draw(topology)
        self = layout.graph
    }
}

/// Chooses what is drawn one by one and what is summarised, then draws the edges between what is drawn.
struct GraphLayout {
    var placement: GraphPlacement
    var limits: TopologyGraph.Limits
    var graph = TopologyGraph()
    /// The node each VPC is drawn as (its own or a summary).
    var nodeOf: [String: String] = [:]
    /// The VPCs a finding marks.
    var broken: Set<String>

    init(placement: GraphPlacement, limits: TopologyGraph.Limits) {
        self.placement = placement
        self.limits = limits
        self.broken = placement.brokenVPCs
    }

    mutating func draw(_ topology: TopologySummary) {
        let hubs =
            (topology.hubs.map { ($0, TopologyGraph.NodeKind.hub) }
                + topology.hubsOutsideInputs.map { ($0, TopologyGraph.NodeKind.hubOutsideInputs) })
        // Hubs with findings first, then the others, each in the topology's order.
        let ordered = hubs.filter { broken.contains($0.0.vpc.id) } + hubs.filter { !broken.contains($0.0.vpc.id) }
        let shown = Array(ordered.prefix(limits.hubs))
        var hubKeys = Set<String>()
        for (hub, kind) in shown where hubKeys.insert(hub.vpc.id).inserted { addVPC(hub.vpc, kind) }
        // Every VPC that is not a drawn hub, in groups: each drawn hub's spokes, then the VPCs in no hub.
        var groups = [(name: String, vpcs: [TopologySummary.Member])]()
        var grouped = hubKeys
        for (hub, _) in shown {
            let spokes = hub.spokes.map(\.vpc).filter { grouped.insert($0.id).inserted }
            groups.append(("spokes", spokes))
        }
        groups.append(("VPCs in no hub", topology.vpcsOutsideHubs.filter { grouped.insert($0.id).inserted }))
        let total = groups.map(\.vpcs.count).reduce(0, +)
        var budget = max(0, limits.vpcs - hubKeys.count)
        let drawsAll = total <= budget
        for group in groups {
            var healthy = [String]()
            var overflow = [String]()
            for vpc in group.vpcs {
                if drawsAll || (broken.contains(vpc.id) && budget > 0) {
                    addVPC(vpc, group.name == "spokes" ? .spoke : .vpc)
                    budget -= 1
                } else if broken.contains(vpc.id) {
                    overflow.append(vpc.id)
                } else {
                    healthy.append(vpc.id)
                }
            }
            addSummary(healthy, "\(healthy.count) more healthy \(group.name)")
            addSummary(overflow, "\(overflow.count) more \(group.name) with findings")
        }
        let hidden = ordered.dropFirst(limits.hubs).map(\.0).filter { nodeOf[$0.vpc.id] == nil }
        let hiddenKeys = Set(hidden.flatMap { [$0.vpc.id] + $0.spokes.map(\.vpc.id) }.filter { nodeOf[$0] == nil })
        addSummary(hiddenKeys.sorted(), "\(hidden.count) more hubs with \(hiddenKeys.count - hidden.count) more spokes")
        drawEdges()
        for (vpc, marks) in placement.nodeMarks.sorted(by: { $0.key < $1.key }) {
            mark(vpc, marks)
        }
        graph.unplaced.add(placement.unplaced)
    }

    private mutating func addVPC(_ vpc: TopologySummary.Member, _ kind: TopologyGraph.NodeKind) {
        guard nodeOf[vpc.id] == nil else { return }
        let id = "n\(graph.nodes.count + 1)"
        let title = Self.shortened(vpc.name)
        var details = vpc.id == vpc.name ? [] : [Self.shortened(vpc.id)]
        let cidrs = vpc.cidrs.prefix(3).joined(separator: ", ")
        if !cidrs.isEmpty { details.append(cidrs + (vpc.cidrs.count > 3 ? " +\(vpc.cidrs.count - 3) more" : "")) }
        graph.nodes.append(.init(id: id, kind: kind, title: title, details: details, marks: .init()))
        nodeOf[vpc.id] = id
    }

    private mutating func addSummary(_ vpcs: [String], _ title: String) {
        guard !vpcs.isEmpty else { return }
        let id = "n\(graph.nodes.count + 1)"
        graph.nodes.append(.init(id: id, kind: .summary, title: title, details: [], marks: .init()))
        for vpc in vpcs { nodeOf[vpc] = id }
    }

    private mutating func mark(_ vpc: String, _ marks: TopologyGraph.Marks) {
        guard let index = nodeOf[vpc].flatMap(Self.index) else {
            graph.unplaced.add(marks)
            return
        }
        graph.nodes[index].marks.add(marks)
    }

    /// A title (or ID) of at most ``titleLength`` Unicode scalars, cut with `…`: a picture of 40 VPCs stays a picture (and a
    /// pull-request comment within GitHub's size limit) whatever the Name tags; the reports give them whole.
    static func shortened(_ title: String) -> String {
        // Scalars, not characters: one character may hold any number of combining marks.
        let scalars = title.unicodeScalars
        guard scalars.count > titleLength else { return title }
        return String(String.UnicodeScalarView(scalars.prefix(titleLength - 1))) + "…"
    }

    static let titleLength = 64

    /// The position of node `n<k>` in ``TopologyGraph/nodes``.
    static func index(_ id: String) -> Int? {
        Int(id.dropFirst()).map { $0 - 1 }
    }
}

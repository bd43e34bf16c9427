/// The attachment pairs of one transit gateway, judged without walking all n^2 of them. A pair is `routed` when
/// the route table of either attachment sends a CIDR of the other's VPC to it (a static route or a propagation;
/// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html); that depends only on the source's table,
/// so each table's delivered attachments are found once (n lookups in its `CIDRIndex`), and a pair's state is
/// then two set lookups.
struct TransitGatewayPairs {
    let model: NetworkModel
    let gateway: String
    /// The gateway's attachments that name a VPC, in model order.
    let attachments: [TransitGatewayAttachment]
    /// Whether the inputs hold the gateway's routing (``NetworkModel/holdsRouting(ofGateway:)``), else every
    /// pair is `routes-outside-inputs`.
    private let inInputs: Bool
    /// Per attachment: its VPC has CIDRs (else its pairs are `routes-unchecked`).
    private let hasCIDRs: [Bool]
    /// Per attachment: the offset of its route table in `delivered`, nil when it is associated with none.
    private let tableOf: [Int?]
    /// Per route table: the attachments (offsets) it delivers some CIDR of their VPC to.
    private let delivered: [Set<Int>]

    init(_ model: NetworkModel, gateway: String, attachments: [TransitGatewayAttachment]) {
        self.model = model
        self.gateway = gateway
        self.attachments = attachments
        inInputs = model.holdsRouting(ofGateway: gateway)
        hasCIDRs = attachments.map { model.vpc($0.vpcKey)?.cidrs.isEmpty == false }
        var tables = [String: Int]()
        var tableOf = [Int?]()
        var delivered = [Set<Int>]()
        for attachment in attachments {
            guard let table = model.associatedTable(of: attachment) else {
                tableOf.append(nil)
                continue
            }
            if let offset = tables[table.key] {
                tableOf.append(offset)
                continue
            }
            tables[table.key] = delivered.count
            tableOf.append(delivered.count)
            delivered.append(Self.delivered(by: table, to: attachments, model: model))
        }
        self.tableOf = tableOf
        self.delivered = delivered
    }

    /// The attachments `table` sends some CIDR of their VPC to.
    private static func delivered(
        by table: TransitGatewayRouteTable, to attachments: [TransitGatewayAttachment], model: NetworkModel
    ) -> Set<Int> {
        var result = Set<Int>()
        for (offset, destination) in attachments.enumerated() {
            let reaches = (model.vpc(destination.vpcKey)?.cidrs ?? []).contains { cidr in
                switch model.decision(in: table, to: cidr) {
                case .route(let route): return !route.blackhole && route.attachmentKey == destination.key
                case .propagated(let attachment, _): return attachment == destination.key
                case .none: return false
                }
            }
            if reaches { result.insert(offset) }
        }
        return result
    }

    /// Pairs of attachments of different VPCs: the number of links the gateway makes.
    var pairCount: Int {
        let perVPC = Dictionary(grouping: attachments, by: { $0.vpcKey ?? "" }).values.map(\.count)
        return attachments.count * (attachments.count - 1) / 2 - perVPC.map { $0 * ($0 - 1) / 2 }.reduce(0, +)
    }

    /// `routed`, `not-routed`, `unknown-until-apply`, `routes-unchecked` or `routes-outside-inputs`.
    func state(_ first: Int, _ second: Int) -> String {
        guard inInputs else { return "routes-outside-inputs" }
        guard hasCIDRs[first], hasCIDRs[second] else { return "routes-unchecked" }
        if delivers(first, second) || delivers(second, first) { return "routed" }
        return model.unplacedTransitGatewayItems.isEmpty ? "not-routed" : "unknown-until-apply"
    }

    private func delivers(_ source: Int, _ destination: Int) -> Bool {
        tableOf[source].map { delivered[$0].contains(destination) } ?? false
    }

    /// The links of the pairs that touch an attachment whose VPC is in `kept`, and of those that join a VPC the
    /// inputs manage to one they do not (a hub outside the inputs may be behind it), in pair order (first
    /// attachment, then second, in model order), with the number of the other pairs that are no path
    /// (`notRouted`). Only the listed pairs are visited: the others are two spokes, or two VPCs the inputs do not
    /// manage (spokes a hub's state knows only as data sources), a pair no check reads; a gateway that keeps its
    /// spokes apart has n^2 of them that are no path, counted per route table (``notRoutedPairs(among:)``).
    func links(keeping kept: Set<String>) -> (links: [TopologyLink], notRouted: Int) {
        let isKept = attachments.map { kept.contains($0.vpcKey ?? "") }
        let isUnmanaged = attachments.indices.map {
            !isKept[$0] && model.vpc(attachments[$0].vpcKey)?.isManaged != true
        }
        let keptList = attachments.indices.filter { isKept[$0] }
        let unmanagedList = attachments.indices.filter { isUnmanaged[$0] }
        let managedList = attachments.indices.filter { !isKept[$0] && !isUnmanaged[$0] }
        var links = [TopologyLink]()
        for first in attachments.indices {
            var seconds = [Int]()
            if isKept[first] {
                seconds = Array((first + 1)..<attachments.count)
            } else {
                let others = isUnmanaged[first] ? managedList : unmanagedList
                seconds = Self.merged(keptList, others, after: first)
            }
            for second in seconds where attachments[first].vpcKey != attachments[second].vpcKey {
                let state = state(first, second)
                links.append(
                    TopologyLink(
                        kind: .transitGateway, key: gateway, vpcKey: attachments[first].vpcKey ?? "",
                        peerKey: attachments[second].vpcKey ?? "", state: state, isPath: state != "not-routed",
                        resources: [attachments[first].origin, attachments[second].origin]))
            }
        }
        let notRouted = notRoutedPairs(among: managedList) + notRoutedPairs(among: unmanagedList)
        return (links, notRouted)
    }

    /// The elements of two ascending lists greater than `first`, ascending.
    private static func merged(_ left: [Int], _ right: [Int], after first: Int) -> [Int] {
        var result = [Int]()
        var (i, j) = (Self.firstAbove(first, in: left), Self.firstAbove(first, in: right))
        while i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i] < right[j]) {
                result.append(left[i])
                i += 1
            } else {
                result.append(right[j])
                j += 1
            }
        }
        return result
    }

    /// The position of the first element of ascending `list` greater than `value`.
    private static func firstAbove(_ value: Int, in list: [Int]) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The pairs of `members` (attachment offsets, ascending) of different VPCs that are `not-routed`, counted
    /// without visiting them: a pair (a, b) is no path when b is outside what a's table delivers and a is outside
    /// what b's, so the members are grouped by table and, for each two groups, the ends each one's table leaves
    /// out of the other are counted (groups x members, not members^2). Pairs of one VPC (several attachments)
    /// are not links: those are judged one by one and taken off.
    func notRoutedPairs(among members: [Int]) -> Int {
        guard inInputs, model.unplacedTransitGatewayItems.isEmpty else { return 0 }
        let checked = members.filter { hasCIDRs[$0] }
        var groupOf = [Int?: Int]()
        var groups = [(table: Int?, members: [Int])]()
        for member in checked {
            let table = tableOf[member]
            if let group = groupOf[table] {
                groups[group].members.append(member)
            } else {
                groupOf[table] = groups.count
                groups.append((table, [member]))
            }
        }
        func reached(by table: Int?) -> Set<Int> { table.map { delivered[$0] } ?? [] }
        var count = 0
        for source in groups {
            let fromSource = reached(by: source.table)
            for destination in groups {
                // The destination's members the source's table leaves out, and the source's members the
                // destination's table leaves out: each no-path pair once, from its smaller end.
                let missed = destination.members.filter { !fromSource.contains($0) }
                guard !missed.isEmpty else { continue }
                let fromDestination = reached(by: destination.table)
                for first in source.members where !fromDestination.contains(first) {
                    count += missed.count - Self.firstAbove(first, in: missed)
                }
            }
        }
        // Two attachments of one VPC are no pair.
        let byVPC = Dictionary(grouping: checked) { attachments[$0].vpcKey ?? "" }
        for (_, same) in byVPC where same.count > 1 {
            for (offset, first) in same.enumerated() {
                for second in same[(offset + 1)...] where !delivers(first, second) && !delivers(second, first) {
                    count -= 1
                }
            }
        }
        return count
    }
}

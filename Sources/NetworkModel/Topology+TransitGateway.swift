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
        var offsets = [String: [Int]]()
        for (offset, attachment) in attachments.enumerated() { offsets[attachment.key, default: []].append(offset) }
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
            delivered.append(Self.delivered(by: table, to: attachments, offsets: offsets, model: model))
        }
        self.tableOf = tableOf
        self.delivered = delivered
    }

    /// The attachments `table` sends some CIDR of their VPC to. Only an attachment a static route or a
    /// propagation of the table names can be one, so only those are asked (by `offsets`, an attachment's key to
    /// its offsets): a gateway with a route table per spoke asks each table about the few it names, not about
    /// every attachment.
    private static func delivered(
        by table: TransitGatewayRouteTable, to attachments: [TransitGatewayAttachment], offsets: [String: [Int]],
        model: NetworkModel
    ) -> Set<Int> {
        func names(_ table: TransitGatewayRouteTable) -> Set<String> {
            Set(table.routes.compactMap { $0.blackhole ? nil : $0.attachmentKey })
                .union(model.propagations(into: table).map(\.attachment))
        }
        func target(in table: TransitGatewayRouteTable, to cidr: CIDR) -> String? {
            switch model.decision(in: table, to: cidr) {
            case .route(let route): return route.blackhole ? nil : route.attachmentKey
            case .propagated(let attachment, _): return attachment
            case .none: return nil
            }
        }
        var named = names(table)
        // An inspection VPC's attachment (appliance mode on): its appliances hand the traffic back to the
        // gateway, whose table for that attachment sends it on, so what that table names is reached through it.
        var inspection = [String: TransitGatewayRouteTable]()
        for key in named {
            guard let attachment = model.transitGatewayAttachment(key), attachment.applianceMode == true,
                let onward = model.associatedTable(of: attachment), onward.key != table.key
            else { continue }
            inspection[key] = onward
        }
        for onward in inspection.values { named.formUnion(names(onward)) }
        var result = Set<Int>()
        for offset in named.flatMap({ offsets[$0] ?? [] }) {
            let destination = attachments[offset]
            let reaches = (model.vpc(destination.vpcKey)?.cidrs ?? []).contains { cidr in
                guard let first = target(in: table, to: cidr) else { return false }
                if first == destination.key { return true }
                return inspection[first].flatMap { target(in: $0, to: cidr) } == destination.key
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
            let seconds =
                isKept[first]
                ? Array((first + 1)..<attachments.count)
                : Self.merged(keptList, isUnmanaged[first] ? managedList : unmanagedList, after: first)
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

    /// The pairs of `members` (attachment offsets) of different VPCs that are `not-routed`, counted without
    /// visiting them. A pair (a, b) is no path when b is outside what a's table delivers and a outside what b's
    /// does. The members are grouped by table; with `m[s][d]` the members of group d that group s's table
    /// delivers to, two groups s and d hold (|s| - m[d][s]) x (|d| - m[s][d]) such pairs, and one group
    /// (|s| - m[s][s]) choose 2. Summed over all groups, expanded, that is the pairs of all members less what
    /// each nonzero `m` takes away, so the cost is the members plus what the tables deliver (already found
    /// once per table), whatever the number of tables. Pairs of one VPC (several attachments) are no links:
    /// those are judged one by one and taken off.
    func notRoutedPairs(among members: [Int]) -> Int {
        guard inInputs, model.unplacedTransitGatewayItems.isEmpty else { return 0 }
        let checked = members.filter { hasCIDRs[$0] }
        var groupOfTable = [Int?: Int]()
        var groupOf = [Int: Int]()
        var tableOfGroup = [Int?]()
        var sizes = [Int]()
        for member in checked {
            let table = tableOf[member]
            let group: Int
            if let known = groupOfTable[table] {
                group = known
            } else {
                group = sizes.count
                groupOfTable[table] = group
                tableOfGroup.append(table)
                sizes.append(0)
            }
            groupOf[member] = group
            sizes[group] += 1
        }
        // m[s][d], only where nonzero: what each group's table delivers, by the group it lands in.
        var delivering = [[Int: Int]](repeating: [:], count: sizes.count)
        for (source, table) in tableOfGroup.enumerated() {
            guard let table else { continue }
            for reached in delivered[table] {
                if let group = groupOf[reached] { delivering[source][group, default: 0] += 1 }
            }
        }
        let all = checked.count
        var count = (all * all - sizes.reduce(0) { $0 + $1 * $1 }) / 2
        for (source, row) in delivering.enumerated() {
            for (destination, reached) in row {
                if destination == source {
                    // (|s| - m) choose 2 in place of |s| choose 2 (counted as zero above: within one group).
                    let left = sizes[source] - reached
                    count += left * (left - 1) / 2
                    continue
                }
                count -= sizes[source] * reached
                // The pairs both tables deliver were taken off twice: give them back once (for s < d).
                if source < destination, let back = delivering[destination][source] { count += reached * back }
            }
        }
        // Within a group whose table delivers to none of its own members: |s| choose 2.
        for (group, size) in sizes.enumerated() where delivering[group][group] == nil {
            count += size * (size - 1) / 2
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

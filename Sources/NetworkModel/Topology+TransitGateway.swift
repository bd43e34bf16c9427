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

    /// The links of the pairs that touch an attachment whose VPC is in `kept`, that join a VPC the inputs manage
    /// to one they do not (a hub outside the inputs may be behind it), and of the pairs that are no path, in
    /// pair order (first attachment, then second, in model order). Only those pairs are visited: the ones that
    /// may be no path are those outside what a table delivers. Two VPCs the inputs do not manage (spokes a
    /// hub's state knows only as data sources) are a pair no check reads: counted, like two spokes.
    func links(keeping kept: Set<String>) -> [TopologyLink] {
        let isKept = Set(attachments.indices.filter { kept.contains(attachments[$0].vpcKey ?? "") })
        let isUnmanaged = Set(
            attachments.indices.filter { !isKept.contains($0) && model.vpc(attachments[$0].vpcKey)?.isManaged != true })
        let keptList = isKept.sorted()
        let unmanagedList = isUnmanaged.sorted()
        let managedList = attachments.indices.filter { !isKept.contains($0) && !isUnmanaged.contains($0) }
        func isSpecial(_ first: Int, _ second: Int) -> Bool {
            isKept.contains(first) || isKept.contains(second)
                || isUnmanaged.contains(first) != isUnmanaged.contains(second)
        }
        // A pair is no path only when neither table delivers to the other end: its second end is outside what
        // the first one's table delivers.
        let mayFail = inInputs && model.unplacedTransitGatewayItems.isEmpty
        var undelivered = [Int?: [Int]]()
        if mayFail {
            for table in Set(tableOf) {
                let reached = table.map { delivered[$0] } ?? []
                undelivered[table] = attachments.indices.filter { !reached.contains($0) }
            }
        }
        var links = [TopologyLink]()
        for first in attachments.indices {
            var seconds = Set<Int>()
            if isKept.contains(first) {
                seconds.formUnion((first + 1)..<attachments.count)
            } else {
                seconds.formUnion(keptList.filter { $0 > first })
                seconds.formUnion((isUnmanaged.contains(first) ? managedList : unmanagedList).filter { $0 > first })
                for second in undelivered[tableOf[first]] ?? [] where second > first && !delivers(second, first) {
                    seconds.insert(second)
                }
            }
            for second in seconds.sorted() where attachments[first].vpcKey != attachments[second].vpcKey {
                let state = state(first, second)
                let isPath = state != "not-routed"
                guard isPath == false || isSpecial(first, second) else { continue }
                links.append(
                    TopologyLink(
                        kind: .transitGateway, key: gateway, vpcKey: attachments[first].vpcKey ?? "",
                        peerKey: attachments[second].vpcKey ?? "", state: state, isPath: isPath,
                        resources: [attachments[first].origin, attachments[second].origin]))
            }
        }
        return links
    }
}

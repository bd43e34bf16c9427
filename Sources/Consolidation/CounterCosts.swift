/// One cost that consolidating endpoints into a hub brings (or does not), from
/// `Rules/data/consolidation-costs.json`.
public struct CounterCost: Sendable, Hashable {
    /// e.g. `tgw-attachment-hour`.
    public var id: String
    public var usd: Double
    /// What `usd` is per, e.g. `GB per direction`.
    public var unit: String
    public var note: String
    public var source: String
    public var retrieved: String

    public init(id: String, usd: Double, unit: String, note: String, source: String, retrieved: String) {
        self.id = id
        self.usd = usd
        self.unit = unit
        self.note = note
        self.source = source
        self.retrieved = retrieved
    }
}

/// The counter-costs of consolidation, by id.
public struct CounterCostTable: Sendable {
    public var updatedAt: String
    public var costs: [CounterCost]

    public init(updatedAt: String, costs: [CounterCost]) {
        self.updatedAt = updatedAt
        self.costs = costs
    }

    /// The row with `id`.
    public func cost(_ id: String) -> CounterCost? { costs.first { $0.id == id } }
}

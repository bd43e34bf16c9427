/// An index of one model element's items (a route table's routes, a security group's rules) made once, so that
/// a question asked once per spoke does not read them all (``RouteLookup``, ``SecurityGroupLookup``).
protocol ElementLookup: Sendable {
    associatedtype Element
    associatedtype Item
    /// The fewest items an element holds for its lookup to be made: below, reading them costs less.
    static var fewest: Int { get }
    /// The name it is kept under with the model's derived facts (with the element's key).
    static var name: String { get }
    /// The model's element of `key`, if it holds one.
    static func element(_ key: String, in model: NetworkModel) -> Element?
    /// The lookup of `element`'s items.
    init(_ element: Element, in model: NetworkModel)
    /// A lookup of nothing, for an element the model does not hold: it answers for no element.
    init()
    /// The items it was made from.
    var items: [Item] { get }
}

extension ElementLookup {
    /// The lookup of the model's element of `key`, or one of nothing.
    init(ownOf key: String, in model: NetworkModel) {
        if let element = Self.element(key, in: model) { self.init(element, in: model) } else { self.init() }
    }
}

extension NetworkModel {
    /// The lookup of the element of `key` whose items are `items`, when they are many and are the model's own
    /// element's, unchanged (the same storage: a copy that was changed has its own); nil otherwise, and the
    /// caller reads the items one by one. Made once per element and kept with the derived facts
    /// (``memoized(_:_:)``).
    func lookup<Lookup: ElementLookup>(_: Lookup.Type, key: String, items: [Lookup.Item]) -> Lookup? {
        guard items.count >= Lookup.fewest else { return nil }
        let lookup: Lookup = memoized(Lookup.name + "|" + key, computing: { Lookup(ownOf: key, in: $0) })
        return lookup.items.sharesStorage(with: items) ? lookup : nil
    }
}

extension Array {
    /// Whether `other` is this array, unchanged: non-empty and the same storage.
    func sharesStorage(with other: [Element]) -> Bool {
        guard !isEmpty, count == other.count else { return false }
        return withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }
}

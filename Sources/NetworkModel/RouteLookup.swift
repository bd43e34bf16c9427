/// A large route table's routes looked up by destination instead of read one by one. A peering hub routes each
/// spoke's CIDR back through that spoke's peering, so its table holds a route per spoke, and the rules and
/// `trace` ask it once per spoke: reading every route per question made 8,000 spokes 64 million route reads.
///
/// Made once per table (``NetworkModel/lookup(_:key:items:)``, kept with the model's other derived facts) from the
/// model's own table, and used only for a table whose routes are that table's, unchanged (the same storage):
/// any other `RouteTable` value is read route by route, as before. Every answer is the one reading the routes
/// in order gives.
struct RouteLookup: ElementLookup {
    static let fewest = 16
    static let name = "route-lookup"

    /// The table's routes (their storage says whether a table asked about is this one).
    let routes: [Route]
    var items: [Route] { routes }
    /// Each network a route covers (its destination and the entries of its destination prefix list), with the
    /// positions of the routes that cover it, ascending.
    let covering: CIDRIndex<Int>
    /// The positions of the routes to a prefix list, ascending.
    let prefixListRoutes: [Int]
    /// ``NetworkModel/unreadableRoute(in:)`` of the table.
    let unreadable: (route: Route, problem: Unresolved)?

    static func element(_ key: String, in model: NetworkModel) -> RouteTable? {
        model.routeTables.first { $0.key == key }
    }

    init(_ table: RouteTable, in model: NetworkModel) {
        routes = table.routes
        var entries = [(cidr: CIDR, value: Int)]()
        var listed = [Int]()
        for (position, route) in table.routes.enumerated() {
            if let destination = route.destination { entries.append((destination, position)) }
            if let list = route.destinationPrefixList {
                listed.append(position)
                for cidr in model.prefixList(list)?.cidrs ?? [] { entries.append((cidr, position)) }
            }
        }
        covering = CIDRIndex(entries)
        prefixListRoutes = listed
        unreadable = model.unreadableRouteReadingEach(in: table)
    }

    init() {
        routes = []
        covering = CIDRIndex([])
        prefixListRoutes = []
        unreadable = nil
    }

    /// The route the table uses for `destination`: of the routes covering it with the longest prefix, the
    /// first (there is one network of that length that contains it).
    func route(to destination: CIDR) -> Route? {
        covering.longestMatch(destination).flatMap { $0.values.first }.map { routes[$0] }
    }

    /// The positions of the routes whose destination is `destination` (and of those whose prefix list holds it),
    /// ascending.
    func positions(of destination: CIDR) -> [Int] {
        guard let match = covering.longestMatch(destination), match.cidr == destination else { return [] }
        return match.values
    }
}

extension NetworkModel {
    /// The lookup of `table` when it holds many routes and is this model's table of its key, unchanged; nil
    /// otherwise (read its routes one by one).
    func routeLookup(_ table: RouteTable) -> RouteLookup? {
        lookup(RouteLookup.self, key: table.key, items: table.routes)
    }
}

import NetworkModel

/// The few resources a finding names out of many (the other copies of a service, the VPCs a range overlaps):
/// those of the finding's own environment first, then the others, each by name. Deterministic, and found
/// without sorting the whole list per finding.
struct Closest<Element> {
    /// Sorted by origin (environment, then address): one environment's members are one run.
    private let members: [Element]
    private let origin: (Element) -> Origin
    /// The run of each environment in ``members``.
    private let runs: [String: Range<Int>]

    init(_ elements: [Element], origin: @escaping (Element) -> Origin) {
        members = elements.sorted { origin($0) < origin($1) }
        self.origin = origin
        var runs = [String: Range<Int>]()
        var start = 0
        for index in members.indices {
            let environment = origin(members[index]).environment
            if index + 1 == members.count || origin(members[index + 1]).environment != environment {
                runs[environment] = start..<(index + 1)
                start = index + 1
            }
        }
        self.runs = runs
    }

    /// At most `limit` members closest to `place`, leaving out those `excluded` says.
    func nearest(to place: Origin, limit: Int, excluding excluded: (Element) -> Bool) -> [Element] {
        var picked = [Element]()
        let own = runs[place.environment] ?? 0..<0
        for index in own {
            if picked.count == limit { return picked }
            if !excluded(members[index]) { picked.append(members[index]) }
        }
        var index = 0
        while picked.count < limit && index < members.count {
            if own.contains(index) {
                index = own.upperBound
                continue
            }
            if !excluded(members[index]) { picked.append(members[index]) }
            index += 1
        }
        return picked
    }
}

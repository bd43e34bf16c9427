/// Networks with values, answering "which networks contain this one" and "which lie within it" without
/// comparing every pair: two CIDRs overlap only when one contains the other, a network has at most one
/// supernet per prefix length, and in the sorted order (address, then prefix length) the networks within one
/// follow it in one run. A lookup costs O(distinct prefix lengths + log n + answers), so joining n networks
/// against n costs O(n log n), not O(n^2), when the answers are few.
public struct CIDRIndex<Value>: Sendable where Value: Sendable {
    /// Distinct networks, sorted.
    private var networks: [CIDR] = []
    /// The values of each network, in the order they were given.
    private var values: [[Value]] = []
    private var position: [CIDR: Int] = [:]
    /// The prefix lengths the networks have, ascending, per family: a network's supernets are looked up at
    /// these lengths only (an estate uses a few, not 33 or 129).
    private var lengthsIPv4: [Int] = []
    private var lengthsIPv6: [Int] = []

    public init(_ entries: [(cidr: CIDR, value: Value)]) {
        var grouped = [CIDR: [Value]]()
        for (cidr, value) in entries { grouped[cidr, default: []].append(value) }
        networks = grouped.keys.sorted()
        values = networks.map { grouped[$0]! }
        for (offset, network) in networks.enumerated() { position[network] = offset }
        lengthsIPv4 = Set(networks.lazy.filter { !$0.isIPv6 }.map(\.prefixLength)).sorted()
        lengthsIPv6 = Set(networks.lazy.filter(\.isIPv6).map(\.prefixLength)).sorted()
    }

    /// The indexed networks that contain `cidr` or equal it, the widest first, with their values.
    public func containing(_ cidr: CIDR) -> [(cidr: CIDR, values: [Value])] {
        var result = [(cidr: CIDR, values: [Value])]()
        for length in cidr.isIPv6 ? lengthsIPv6 : lengthsIPv4 {
            guard length <= cidr.prefixLength else { break }
            let supernet = cidr.supernet(length)
            if let offset = position[supernet] { result.append((supernet, values[offset])) }
        }
        return result
    }

    /// The indexed networks strictly within `cidr`, in order, with their values.
    public func within(_ cidr: CIDR) -> [(cidr: CIDR, values: [Value])] {
        var low = 0
        var high = networks.count
        // The first network after `cidr` in the sorted order.
        while low < high {
            let middle = (low + high) / 2
            if networks[middle] <= cidr { low = middle + 1 } else { high = middle }
        }
        var result = [(cidr: CIDR, values: [Value])]()
        while low < networks.count, cidr.contains(networks[low]) {
            if networks[low] != cidr { result.append((networks[low], values[low])) }
            low += 1
        }
        return result
    }

    /// Every indexed network that shares an address with `cidr`, with its values: those that contain it
    /// (itself included), then those within it.
    public func overlapping(_ cidr: CIDR) -> [(cidr: CIDR, values: [Value])] {
        containing(cidr) + within(cidr)
    }

    /// The widest indexed network that contains `cidr` (itself included): the root of its overlap cluster.
    public func root(of cidr: CIDR) -> CIDR? {
        containing(cidr).first?.cidr
    }

    /// The indexed network that contains `cidr` with the longest prefix (a route lookup), with its values.
    public func longestMatch(_ cidr: CIDR) -> (cidr: CIDR, values: [Value])? {
        containing(cidr).last
    }
}

extension CIDR {
    /// The network of length `length` (at most this one's) that contains this one.
    public func supernet(_ length: Int) -> CIDR {
        CIDR(isIPv6: isIPv6, address: (high, low), prefixLength: min(length, prefixLength))
    }
}

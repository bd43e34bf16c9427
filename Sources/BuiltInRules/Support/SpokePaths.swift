import LintCore
import NetworkModel

/// A spoke's DNS hop to one service a hub's endpoints serve, as the path engine (and `vpcelint trace`) sees it.
/// The hub, its endpoint and the host are shared by every spoke's hop to that service (``HubService``), and
/// the spoke is found by its place among the hub's spokes: an organisation's hub holds thousands of hops, and
/// a copy of the hub, spoke and endpoint in each took a kilobyte (67 MB for 5,882 spokes and 10 services).
struct SpokeDNSHop: Sendable {
    let service: HubService
    let spokeIndex: Int
    var hop: Hop

    var hub: Hub { service.hub }
    var spoke: Spoke { service.hub.spokes[spokeIndex] }
    /// The hub endpoint whose service is traced.
    var endpoint: Endpoint { service.endpoint }
    /// The name a client calls (``ServiceCatalog/clientHost(service:region:)`` in the endpoint's Region).
    var host: String { service.host }
}

/// One service of one hub, as its spokes' DNS hops share it.
final class HubService: Sendable {
    let hub: Hub
    let endpoint: Endpoint
    let host: String

    init(hub: Hub, endpoint: Endpoint, host: String) {
        self.hub = hub
        self.endpoint = endpoint
        self.host = host
    }
}

extension PathEngine {
    /// The DNS hop from every spoke of every hub to each service the hub's managed interface endpoints serve.
    func spokeDNSHops() -> [SpokeDNSHop] {
        // Three rules read these hops: computed once per model.
        model.memoized("BuiltInRules.spokeDNSHops") { computeSpokeDNSHops() }
    }

    private func computeSpokeDNSHops() -> [SpokeDNSHop] {
        // The services first, to size the array: it holds a hop per spoke and service (58,820 at the benchmark's
        // organisation hub), and grown by doubling it would hold up to half as many again, empty.
        var services = [HubService]()
        for hub in model.hubs where !hub.spokes.isEmpty {
            var seen = Set<String>()
            for endpoint in model.hubEndpoints(hub) where seen.insert(endpoint.service).inserted {
                guard let region = endpoint.region ?? hub.vpc.region else { continue }
                let host = ServiceCatalog.builtIn.clientHost(service: endpoint.service, region: region).host
                services.append(HubService(hub: hub, endpoint: endpoint, host: host))
            }
        }
        var result = [SpokeDNSHop]()
        result.reserveCapacity(services.reduce(0) { $0 + $1.hub.spokes.count })
        for service in services {
            // By index: a spoke is read in place, not copied.
            for index in service.hub.spokes.indices {
                let hop = dnsHop(
                    from: service.hub.spokes[index].vpc, service: service.endpoint.service, host: service.host
                )
                .hop
                result.append(SpokeDNSHop(service: service, spokeIndex: index, hop: hop))
            }
        }
        return result
    }
}

/// The interface services each hub's endpoints serve its spokes: per spoke (its VPC's key) and service, the hub
/// and endpoint that serve it (a later endpoint of the service, or a later hub, wins). Held as positions into
/// the hubs' (hub, endpoint) pairs, not a copy of a hub per spoke and service: thousands of spokes share one.
struct ServedServices {
    private var pairs = [(hub: Hub, endpoint: Endpoint)]()
    private var bySpoke = [String: [String: Int]]()

    init(_ model: NetworkModel, hubs: [Hub]) {
        for hub in hubs {
            let endpoints = model.hubEndpoints(hub)
            let first = pairs.count
            pairs += endpoints.map { (hub, $0) }
            // What the hub serves, once: every spoke of it shares the one map (a spoke of several hubs takes
            // each later hub's over the earlier's, service by service). By index: the spokes are not copied.
            var served = [String: Int]()
            for offset in endpoints.indices { served[endpoints[offset].service] = first + offset }
            for spoke in hub.spokes.indices {
                let spokeKey = hub.spokes[spoke].vpc.key
                if let position = bySpoke.index(forKey: spokeKey) {
                    bySpoke.values[position].merge(served) { _, later in later }
                } else {
                    bySpoke[spokeKey] = served
                }
            }
        }
    }

    /// The hub and endpoint that serve `service` to the spoke `spokeKey`.
    func serving(_ service: String, to spokeKey: String) -> (hub: Hub, endpoint: Endpoint)? {
        bySpoke[spokeKey]?[service].map { pairs[$0] }
    }

    /// The key of the hub VPC that serves `service` to the spoke `spokeKey`.
    func hubKey(serving service: String, to spokeKey: String) -> String? {
        bySpoke[spokeKey]?[service].map { pairs[$0].hub.vpc.key }
    }

    /// The services served to the spoke `spokeKey`.
    func services(to spokeKey: String) -> [String: Int].Keys {
        (bySpoke[spokeKey] ?? [:]).keys
    }
}

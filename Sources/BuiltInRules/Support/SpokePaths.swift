import LintCore
import NetworkModel

/// A spoke's DNS hop to one service a hub's endpoints serve, as the path engine (and `vpcelint trace`) sees it.
struct SpokeDNSHop: Sendable {
    var hub: Hub
    var spoke: Spoke
    /// The hub endpoint whose service is traced.
    var endpoint: Endpoint
    /// The name a client calls (``ServiceCatalog/clientHost(service:region:)`` in the endpoint's Region).
    var host: String
    var hop: Hop
}

extension PathEngine {
    /// The DNS hop from every spoke of every hub to each service the hub's managed interface endpoints serve.
    func spokeDNSHops() -> [SpokeDNSHop] {
        // Three rules read these hops: computed once per model.
        model.memoized("BuiltInRules.spokeDNSHops") { computeSpokeDNSHops() }
    }

    private func computeSpokeDNSHops() -> [SpokeDNSHop] {
        var result = [SpokeDNSHop]()
        for hub in model.hubs where !hub.spokes.isEmpty {
            var seen = Set<String>()
            for endpoint in model.hubEndpoints(hub) where seen.insert(endpoint.service).inserted {
                guard let region = endpoint.region ?? hub.vpc.region else { continue }
                let host = ServiceCatalog.builtIn.clientHost(service: endpoint.service, region: region).host
                for spoke in hub.spokes {
                    let hop = dnsHop(from: spoke.vpc, service: endpoint.service, host: host).hop
                    result.append(SpokeDNSHop(hub: hub, spoke: spoke, endpoint: endpoint, host: host, hop: hop))
                }
            }
        }
        return result
    }
}

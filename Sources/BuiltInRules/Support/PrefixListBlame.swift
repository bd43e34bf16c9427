import NetworkModel

extension NetworkModel {
    /// The prefix list that stands for a spoke in `tables` yet lacks `cidr`: the destination list of a route
    /// through the spoke's connection (`connections`). When a spoke CIDR is missing from such a list, the list
    /// is what to change (its entries), not the route table or the security group that name it.
    func spokePrefixList(in tables: [RouteTable], through connections: Set<String>, lacking cidr: CIDR) -> PrefixList? {
        for table in tables {
            for route in table.routes {
                guard let key = route.destinationPrefixList, let list = prefixList(key),
                    !list.cidrs.contains(where: { $0.contains(cidr) })
                else { continue }
                switch route.target {
                case .peering(let target), .transitGateway(let target):
                    if connections.contains(target) { return list }
                default: continue
                }
            }
        }
        return nil
    }
}

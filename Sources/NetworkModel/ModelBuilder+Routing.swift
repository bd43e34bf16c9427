import TerraformShow

/// Reading VPCs, route tables, routes and peering connections.
extension ModelBuilder {
    mutating func readVPC(_ reader: ResourceReader) {
        var (cidrs, unreadable) = reader.readCIDRs("cidr_block")
        let ipv6 = reader.readCIDRs("ipv6_cidr_block")
        cidrs += ipv6.cidrs
        unreadable += ipv6.unreadable
        for (offset, association) in reader.array("cidr_block_associations").enumerated() {
            guard let value = association["cidr_block"] else { continue }
            let read = ResourceReader.readCIDRs(value, attribute: "cidr_block_associations.\(offset).cidr_block")
            cidrs += read.cidrs.filter { !cidrs.contains($0) }
            unreadable += read.unreadable
        }
        let key = reader.key
        if let main = reader.string("main_route_table_id") { mainTableIDs[key] = main }
        var vpc = VPC(
            key: key, origin: reader.origin, cidrs: cidrs, enableDNSSupport: reader.bool("enable_dns_support"),
            enableDNSHostnames: reader.bool("enable_dns_hostnames"), isDataSource: reader.resource.mode == .data,
            tags: reader.tags(), region: reader.string("region") ?? reader.string("arn").flatMap(Region.of(arn:)))
        vpc.unreadableCIDRs = unreadable
        model.vpcs.append(vpc)
    }

    mutating func readRouteTable(_ reader: ResourceReader) {
        var routes = [Route]()
        for (offset, block) in reader.array("route").enumerated() {
            let prefix = "route.\(offset)."
            let destination = Self.destination(
                ["cidr_block", "ipv6_cidr_block"].map { (prefix + $0, block[$0]) })
            routes.append(
                Route(
                    destination: destination.cidr,
                    destinationPrefixList: block["destination_prefix_list_id"]?.string.flatMap {
                        $0.isEmpty ? nil : $0
                    },
                    target: Self.routeTarget(reader, prefix: prefix), origin: reader.origin,
                    unreadable: destination.unreadable))
        }
        let isDefault = reader.resource.type == "aws_default_route_table"
        model.routeTables.append(
            RouteTable(
                key: reader.key, origin: reader.origin,
                vpcKey: reader.link("vpc_id").key,
                routes: routes, subnetKeys: [], isMain: isDefault))
    }

    mutating func readRoute(_ reader: ResourceReader) {
        let destination = Self.destination(
            ["destination_cidr_block", "destination_ipv6_cidr_block"].map { ($0, reader.value($0)) })
        let route = Route(
            destination: destination.cidr, destinationPrefixList: reader.string("destination_prefix_list_id"),
            target: Self.routeTarget(reader, prefix: ""), origin: reader.origin, unreadable: destination.unreadable)
        let (tableKey, problem) = reader.link("route_table_id")
        if let tableKey {
            standaloneRoutes.append((tableKey, route))
        } else if let problem {
            model.unplacedRoutes.append((route, problem))
        }
    }

    /// A route's destination: the first network among `attributes` (IPv4, then IPv6), else the first value that
    /// is not one, with its reason (an empty string is an unset attribute).
    static func destination(_ attributes: [(String, JSONValue?)]) -> (cidr: CIDR?, unreadable: Unresolved?) {
        var unreadable: Unresolved?
        for (attribute, value) in attributes {
            guard let value, !value.isNull else { continue }
            let read = ResourceReader.readCIDRs(value, attribute: attribute)
            if let cidr = read.cidrs.first { return (cidr, nil) }
            unreadable =
                unreadable
                ?? read.unreadable.first.map { Unresolved(attribute: $0.attribute, reason: "unreadable: " + $0.reason) }
        }
        return (nil, unreadable)
    }

    /// The target of an inline `route` block (`prefix` = `route.N.`) or an `aws_route` (`prefix` = ``).
    static func routeTarget(_ reader: ResourceReader, prefix: String) -> RouteTarget {
        let targets: [(String, (String) -> RouteTarget)] = [
            ("vpc_peering_connection_id", RouteTarget.peering), ("transit_gateway_id", RouteTarget.transitGateway),
            ("vpc_endpoint_id", RouteTarget.vpcEndpoint), ("gateway_id", { $0 == "local" ? .local : .gateway($0) }),
            ("nat_gateway_id", RouteTarget.other), ("network_interface_id", RouteTarget.other),
            ("egress_only_gateway_id", RouteTarget.other), ("carrier_gateway_id", RouteTarget.other),
            ("local_gateway_id", RouteTarget.other), ("core_network_arn", RouteTarget.coreNetwork),
        ]
        var unresolved: Unresolved?
        for (attribute, make) in targets {
            let (key, problem) = reader.link(prefix + attribute)
            if let key { return make(key) }
            if unresolved == nil { unresolved = problem }
        }
        return .unresolved(unresolved.map { "\($0.attribute): \($0.reason)" } ?? "the route has no target")
    }

    mutating func readPeering(_ reader: ResourceReader) {
        let status = reader.string("accept_status") ?? reader.string("status")
        model.peerings.append(
            PeeringConnection(
                key: reader.key, origin: reader.origin, requesterVPCKey: reader.link("vpc_id").key,
                accepterVPCKey: reader.link("peer_vpc_id").key, status: status, autoAccept: reader.bool("auto_accept"),
                peerOwnerID: reader.string("peer_owner_id"), accepter: nil))
    }
}

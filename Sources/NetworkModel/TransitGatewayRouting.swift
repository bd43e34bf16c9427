/// A transit gateway and its default route table settings (`aws_ec2_transit_gateway`).
public struct TransitGateway: ModelElement {
    public var key: String
    public var origin: Origin
    /// `default_route_table_association == "enable"` (AWS and provider default: enable).
    public var defaultAssociation: Bool?
    /// `default_route_table_propagation == "enable"` (default: enable).
    public var defaultPropagation: Bool?
    /// `association_default_route_table_id`: the table AWS creates; not a Terraform resource of its own.
    public var associationDefaultTableKey: String?
    /// `propagation_default_route_table_id`.
    public var propagationDefaultTableKey: String?
}

/// A static route of a transit gateway route table (`aws_ec2_transit_gateway_route`).
public struct TransitGatewayRoute: Sendable {
    public var destination: CIDR?
    /// The attachment it sends to; nil for a blackhole route.
    public var attachmentKey: String?
    public var blackhole: Bool
    public var origin: Origin
}

/// An attachment bound to a transit gateway route table: an association or a propagation resource.
public struct TransitGatewayBinding: Sendable {
    public var attachmentKey: String
    public var origin: Origin
}

/// A transit gateway route table (`aws_ec2_transit_gateway_route_table`, or the default table a transit
/// gateway creates, which has the gateway as its origin) with its static routes, associations and
/// propagations from every input.
public struct TransitGatewayRouteTable: ModelElement {
    public var key: String
    public var origin: Origin
    public var transitGatewayKey: String?
    public var routes: [TransitGatewayRoute]
    public var associations: [TransitGatewayBinding]
    public var propagations: [TransitGatewayBinding]
}

/// Where a transit gateway route table sends a destination.
public enum TransitGatewayDecision: Sendable {
    /// The most specific static route (static wins over propagated at equal length).
    case route(TransitGatewayRoute)
    /// A route propagated from `attachment`; `origin` is the propagation (explicit resource, or the
    /// attachment when default propagation put it there).
    case propagated(attachment: String, origin: Origin)
    case none
}

extension ModelBuilder {
    /// Reads a transit gateway type; ``read(_:as:)`` has already chosen which (resource or data source).
    mutating func readTransitGatewayResource(_ reader: ResourceReader, as type: ResourceType) {
        switch type {
        case .transitGateway:
            model.transitGateways.append(
                TransitGateway(
                    key: reader.key, origin: reader.origin,
                    defaultAssociation: reader.string("default_route_table_association").map { $0 == "enable" },
                    defaultPropagation: reader.string("default_route_table_propagation").map { $0 == "enable" },
                    associationDefaultTableKey: reader.link("association_default_route_table_id").key,
                    propagationDefaultTableKey: reader.link("propagation_default_route_table_id").key))
        case .transitGatewayRouteTable:
            model.transitGatewayRouteTables.append(
                TransitGatewayRouteTable(
                    key: reader.key, origin: reader.origin, transitGatewayKey: reader.link("transit_gateway_id").key,
                    routes: [], associations: [], propagations: []))
        case .transitGatewayRoute:
            let (table, problem) = reader.link("transit_gateway_route_table_id")
            guard let table else {
                if let problem { model.unplacedTransitGatewayItems.append((reader.origin, problem)) }
                return
            }
            let route = TransitGatewayRoute(
                destination: reader.cidrs("destination_cidr_block").first,
                attachmentKey: reader.link("transit_gateway_attachment_id").key,
                blackhole: reader.bool("blackhole") ?? false, origin: reader.origin)
            transitGatewayRoutes.append((table, route))
        case .transitGatewayRouteTableAssociation, .transitGatewayRouteTablePropagation:
            let (table, tableProblem) = reader.link("transit_gateway_route_table_id")
            let (attachment, attachmentProblem) = reader.link("transit_gateway_attachment_id")
            guard let table, let attachment else {
                if let problem = tableProblem ?? attachmentProblem {
                    model.unplacedTransitGatewayItems.append((reader.origin, problem))
                }
                return
            }
            let binding = TransitGatewayBinding(attachmentKey: attachment, origin: reader.origin)
            let isAssociation = type == .transitGatewayRouteTableAssociation
            transitGatewayBindings.append((table, binding, isAssociation))
        case .transitGatewayVPCAttachment, .transitGatewayVPCAttachmentAccepter:
            // The accepter (in the gateway owner's account) decides the default association and propagation.
            let isAccepter = type == .transitGatewayVPCAttachmentAccepter
            let key = isAccepter ? (reader.link("transit_gateway_attachment_id").key ?? reader.key) : reader.key
            let attachment = TransitGatewayAttachment(
                key: key, origin: reader.origin, transitGatewayKey: reader.link("transit_gateway_id").key,
                vpcKey: reader.link("vpc_id").key, subnetKeys: reader.links("subnet_ids").keys,
                defaultAssociation: reader.bool("transit_gateway_default_route_table_association"),
                defaultPropagation: reader.bool("transit_gateway_default_route_table_propagation"),
                applianceMode: reader.string("appliance_mode_support").map { $0 == "enable" })
            if isAccepter {
                transitGatewayAccepters.append(attachment)
            } else {
                model.transitGatewayAttachments.append(attachment)
            }
        default:
            break
        }
    }

    /// Joins routes, associations, propagations and accepters; adds the default route tables AWS creates.
    func linkTransitGateways(_ model: inout NetworkModel) {
        // By key, the first of each: an accepter per spoke attachment (cross-account) searched every attachment.
        var attachmentIndex = [String: Int]()
        for (offset, attachment) in model.transitGatewayAttachments.enumerated() {
            if attachmentIndex[attachment.key] == nil { attachmentIndex[attachment.key] = offset }
        }
        for accepter in transitGatewayAccepters {
            if let index = attachmentIndex[accepter.key] {
                model.transitGatewayAttachments[index].defaultAssociation = accepter.defaultAssociation
                model.transitGatewayAttachments[index].defaultPropagation = accepter.defaultPropagation
                model.transitGatewayAttachments[index].accepter = accepter.origin
                if model.transitGatewayAttachments[index].applianceMode == nil {
                    model.transitGatewayAttachments[index].applianceMode = accepter.applianceMode
                }
            } else {
                attachmentIndex[accepter.key] = model.transitGatewayAttachments.count
                model.transitGatewayAttachments.append(accepter)
            }
        }
        model.transitGatewayAttachments.sort { $0.origin < $1.origin }
        model.transitGateways = Self.merge(model.transitGateways)
        var tables = Self.merge(model.transitGatewayRouteTables)
        for gateway in model.transitGateways {
            for key in [gateway.associationDefaultTableKey, gateway.propagationDefaultTableKey].compactMap({ $0 })
            where !tables.contains(where: { $0.key == key }) {
                tables.append(
                    TransitGatewayRouteTable(
                        key: key, origin: gateway.origin, transitGatewayKey: gateway.key, routes: [],
                        associations: [], propagations: []))
            }
        }
        let index = Self.index(tables, \.key)
        for (table, route) in transitGatewayRoutes {
            if let offset = index[table] { tables[offset].routes.append(route) }
        }
        for (table, binding, isAssociation) in transitGatewayBindings {
            guard let offset = index[table] else { continue }
            if isAssociation {
                tables[offset].associations.append(binding)
            } else {
                tables[offset].propagations.append(binding)
            }
        }
        model.transitGatewayRouteTables = tables
    }
}

extension NetworkModel {
    public func transitGateway(_ key: String?) -> TransitGateway? {
        key.flatMap { transitGatewayIndex[$0] }.map { transitGateways[$0] }
    }

    /// Whether the inputs hold how `gateway` routes: the gateway itself (managed), or a route table of it that an
    /// input manages. A gateway read only as a data source (the spokes of a network account's gateway) says
    /// nothing of the route tables its owner keeps, however its default tables are named.
    public func holdsRouting(ofGateway gateway: String) -> Bool {
        if transitGateway(gateway)?.isManaged == true { return true }
        // The gateways with a managed route table, found once: asked per traced path, a scan of the tables
        // would be spokes x tables.
        let withTables = memoized("NetworkModel.gatewaysWithManagedTables") { model in
            Set(model.transitGatewayRouteTables.filter(\.isManaged).compactMap(\.transitGatewayKey))
        }
        return withTables.contains(gateway)
    }

    public func transitGatewayRouteTable(_ key: String?) -> TransitGatewayRouteTable? {
        key.flatMap { transitGatewayRouteTableIndex[$0] }.map { transitGatewayRouteTables[$0] }
    }

    public func transitGatewayAttachment(_ key: String?) -> TransitGatewayAttachment? {
        key.flatMap { transitGatewayAttachmentIndex[$0] }.map { transitGatewayAttachments[$0] }
    }

    /// The attachments of one transit gateway.
    public func attachments(of gateway: String) -> [TransitGatewayAttachment] {
        (attachmentsByGateway[gateway] ?? []).map { transitGatewayAttachments[$0] }
    }

    /// The route table an attachment is associated with: an explicit association, else the gateway's
    /// default association table when both the gateway and the attachment leave default association on.
    public func associatedTable(of attachment: TransitGatewayAttachment) -> TransitGatewayRouteTable? {
        if let index = associatedTableIndex[attachment.key] { return transitGatewayRouteTables[index] }
        guard let gateway = transitGateway(attachment.transitGatewayKey), gateway.defaultAssociation != false,
            attachment.defaultAssociation != false
        else { return nil }
        return transitGatewayRouteTable(gateway.associationDefaultTableKey)
    }

    /// Attachments that propagate into `table`, each with the resource that makes it so.
    public func propagations(into table: TransitGatewayRouteTable) -> [(attachment: String, origin: Origin)] {
        var result = table.propagations.map { ($0.attachmentKey, $0.origin) }
        if let gateway = transitGateway(table.transitGatewayKey), gateway.defaultPropagation != false,
            gateway.propagationDefaultTableKey == table.key
        {
            var listed = Set(result.map(\.0))
            for attachment in attachments(of: gateway.key)
            where attachment.defaultPropagation != false && listed.insert(attachment.key).inserted {
                result.append((attachment.key, attachment.origin))
            }
        }
        return result
    }

    /// Where `table` sends `destination`: the most specific static or propagated route (a propagated route
    /// covers the attached VPC's CIDRs); a static route wins a tie, as in AWS. Looked up in the table's
    /// ``TransitGatewayRouteIndex``, built once per table: a gateway with n attachments answers each of the
    /// n^2 attachment pairs in O(log n), not by walking its n propagations.
    public func decision(in table: TransitGatewayRouteTable, to destination: CIDR) -> TransitGatewayDecision {
        let index = memoized("NetworkModel.transitGatewayRoutes|" + table.key) { model in
            TransitGatewayRouteIndex(table, model: model)
        }
        return index.decision(to: destination)
    }
}

/// One transit gateway route table's static routes and propagated VPC networks, indexed by network.
struct TransitGatewayRouteIndex: Sendable {
    let routes: CIDRIndex<TransitGatewayRoute>
    let propagated: CIDRIndex<TransitGatewayBinding>

    init(_ table: TransitGatewayRouteTable, model: NetworkModel) {
        routes = CIDRIndex(table.routes.compactMap { route in route.destination.map { ($0, route) } })
        var entries = [(cidr: CIDR, value: TransitGatewayBinding)]()
        for (attachmentKey, origin) in model.propagations(into: table) {
            let cidrs = model.vpc(model.transitGatewayAttachment(attachmentKey)?.vpcKey)?.cidrs ?? []
            entries += cidrs.map { ($0, TransitGatewayBinding(attachmentKey: attachmentKey, origin: origin)) }
        }
        propagated = CIDRIndex(entries)
    }

    /// The longest match; the first route (or propagation) in table order among equals; static wins a tie.
    func decision(to destination: CIDR) -> TransitGatewayDecision {
        let route = routes.longestMatch(destination)
        if let binding = propagated.longestMatch(destination),
            route == nil || binding.cidr.prefixLength > route!.cidr.prefixLength
        {
            return .propagated(attachment: binding.values[0].attachmentKey, origin: binding.values[0].origin)
        }
        return route.map { .route($0.values[0]) } ?? .none
    }
}

import TerraformShow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading in segments: a large input's resources are read on all cores, each segment (consecutive resources,
/// of one document or of several small ones) by a builder of its own, and the builders absorbed in input order.
/// Reading a resource only appends to the builder's lists (linking waits for ``finish()``), so the absorbed
/// builder holds what one builder reading everything in turn would, in the same order.
extension ModelBuilder {
    /// A builder that has read every resource of `documents`: in turn when they are few (below
    /// ``concurrentFromResources``, or on one core), else in segments of about a quarter of a core's share
    /// (at least ``minimumSegment``), or of `segmentSize` when given (tests: 1 splits everything).
    static func collecting(
        _ documents: [(environment: String, document: TerraformDocument)], segmentSize: Int? = nil
    ) -> ModelBuilder {
        let total = documents.reduce(0) { $0 + $1.document.resources.count }
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard segmentSize != nil || (cores > 1 && total >= concurrentFromResources) else {
            var builder = ModelBuilder()
            for (environment, document) in documents { builder.add(document, environment: environment) }
            return builder
        }
        let size = max(1, segmentSize ?? max(minimumSegment, total / (cores * 4)))
        let segments = Self.segments(of: documents.map(\.document.resources.count), size: size)
        let parts = segments.concurrentMap(minimum: 2) { pieces in
            var part = ModelBuilder()
            for (document, positions) in pieces {
                let entry = documents[document]
                part.add(entry.document, environment: entry.environment, positions: positions)
            }
            return part
        }
        guard var builder = parts.first else { return ModelBuilder() }
        for part in parts.dropFirst() { builder.absorb(part) }
        return builder
    }

    /// Consecutive pieces `(document, positions)` of at most `size` resources in all, in input order; a document
    /// without resources is a piece of its own (its input is still recorded).
    static func segments(of counts: [Int], size: Int) -> [[(document: Int, positions: Range<Int>)]] {
        var segments: [[(document: Int, positions: Range<Int>)]] = []
        var current: [(document: Int, positions: Range<Int>)] = []
        var room = size
        for (document, count) in counts.enumerated() {
            var start = 0
            repeat {
                let end = min(count, start + room)
                current.append((document, start..<end))
                room -= end - start
                start = end
                if room == 0 {
                    segments.append(current)
                    current = []
                    room = size
                }
            } while start < count
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// Appends what `other` read after what this builder read (`other` read the resources that follow).
    mutating func absorb(_ other: consuming ModelBuilder) {
        model.absorbCollected(other.model)
        cidrAssociations += other.cidrAssociations
        unreadableAssociations += other.unreadableAssociations
        explicitAssociations += other.explicitAssociations
        mainAssociations += other.mainAssociations
        mainTableIDs.merge(other.mainTableIDs) { _, later in later }
        standaloneRoutes += other.standaloneRoutes
        standaloneRules += other.standaloneRules
        endpointSubnets += other.endpointSubnets
        endpointGroups += other.endpointGroups
        endpointTables += other.endpointTables
        endpointPrivateDNS += other.endpointPrivateDNS
        zoneAssociations += other.zoneAssociations
        peeringAccepters += other.peeringAccepters
        transitGatewayRoutes += other.transitGatewayRoutes
        transitGatewayBindings += other.transitGatewayBindings
        transitGatewayAccepters += other.transitGatewayAccepters
        resolverAssociations += other.resolverAssociations
        profileAssociations += other.profileAssociations
        profileResources += other.profileResources
        unplacedProfileAssociations += other.unplacedProfileAssociations
        unplacedProfileResources += other.unplacedProfileResources
        prefixListEntries += other.prefixListEntries
        unreadablePrefixListEntries += other.unreadablePrefixListEntries
    }

    /// The fewest resources (of every input together) read on all cores: below, starting the workers costs
    /// more than the reading (a team's environments hold a few hundred).
    static let concurrentFromResources = 8192
    /// The fewest resources a segment holds when no size is given.
    static let minimumSegment = 2048
}

extension NetworkModel {
    /// Appends the elements another builder's model collected (before linking: only these lists are filled).
    mutating func absorbCollected(_ other: NetworkModel) {
        inputs += other.inputs
        vpcs += other.vpcs
        subnets += other.subnets
        routeTables += other.routeTables
        peerings += other.peerings
        transitGatewayAttachments += other.transitGatewayAttachments
        transitGateways += other.transitGateways
        transitGatewayRouteTables += other.transitGatewayRouteTables
        endpoints += other.endpoints
        securityGroups += other.securityGroups
        zones += other.zones
        records += other.records
        prefixLists += other.prefixLists
        resolverEndpoints += other.resolverEndpoints
        resolverRules += other.resolverRules
        unplacedResolverAssociations += other.unplacedResolverAssociations
        unplacedRoutes += other.unplacedRoutes
        unplacedRules += other.unplacedRules
        unplacedZoneAssociations += other.unplacedZoneAssociations
        unplacedTransitGatewayItems += other.unplacedTransitGatewayItems
        unplacedRecords += other.unplacedRecords
        outsideZoneAssociations += other.outsideZoneAssociations
        profiles += other.profiles
    }
}

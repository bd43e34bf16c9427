import Foundation

/// The DNS a central hub must provide for one interface endpoint service.
public struct ServiceDNS: Sendable, Hashable {
    /// Short service name, e.g. `ecr.dkr` (from `com.amazonaws.REGION.ecr.dkr`).
    public var service: String
    /// The private hosted zone name, with `{region}`, e.g. `dkr.ecr.{region}.amazonaws.com`.
    public var zonePattern: String
    /// The zone needs an apex A alias record.
    public var needsApex: Bool
    /// The zone needs a `*.` A alias record (clients call `ACCOUNT.dkr.ecr...`, `BUCKET.s3...`).
    public var needsWildcard: Bool
    public var source: String

    /// The zone name in `region`.
    public func zoneName(region: String) -> String {
        zonePattern.replacingOccurrences(of: "{region}", with: region)
    }
}

/// Services by short name, from `Rules/data/services.json`.
public struct ServiceCatalog: Sendable {
    public var services: [ServiceDNS]

    public init(services: [ServiceDNS]) {
        self.services = services
    }

    /// The entry of a short service name; services not in the table get `SERVICE.REGION.amazonaws.com`.
    public func dns(for service: String) -> ServiceDNS {
        services.first { $0.service == service }
            ?? ServiceDNS(
                service: service, zonePattern: service + ".{region}.amazonaws.com", needsApex: true,
                needsWildcard: false, source: "")
    }

    /// The service whose zone in `region` is `zoneName`, if any.
    public func service(forZone zoneName: String, region: String) -> ServiceDNS? {
        let name = zoneName.lowercased()
        return services.first { $0.zoneName(region: region) == name }
    }
}

import Foundation
import NetworkModel

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

    public init(service: String, zonePattern: String, needsApex: Bool, needsWildcard: Bool, source: String) {
        self.service = service
        self.zonePattern = zonePattern
        self.needsApex = needsApex
        self.needsWildcard = needsWildcard
        self.source = source
    }

    /// The zone name in `region`.
    public func zoneName(region: String) -> String {
        Self.replacing("{region}", in: zonePattern, with: region)
    }

    /// `text` with every `marker` replaced by `value`, byte for byte (the rules ask for zone names once per
    /// endpoint and spoke: Foundation's search, in UTF-16, was a tenth of a large account's check).
    static func replacing(_ marker: StaticString, in text: String, with value: String) -> String {
        // Foundation's search matches composed character sequences: a text with a non-ASCII byte goes there.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.replacingOccurrences(of: marker.description, with: value)
        }
        let marker = UnsafeRawBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { bytes in
            var result = ""
            var copied = 0
            while let at = ByteRun.first(marker, in: UnsafeRawBufferPointer(bytes), from: copied) {
                result += String(decoding: bytes[copied..<at], as: UTF8.self)
                result += value
                copied = at + marker.count
            }
            return copied == 0
                ? String(decoding: bytes, as: UTF8.self) : result + String(decoding: bytes[copied...], as: UTF8.self)
        }
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

    /// The service and region whose zone is named `zoneName`, e.g. `dkr.ecr.ap-northeast-1.amazonaws.com`
    /// -> (`ecr.dkr`, `ap-northeast-1`).
    public func match(zoneName: String) -> (dns: ServiceDNS, region: String)? {
        let name = zoneName.lowercased()
        for entry in services {
            let parts = entry.zonePattern.components(separatedBy: "{region}")
            guard parts.count == 2, name.hasPrefix(parts[0]), name.hasSuffix(parts[1]),
                name.count > parts[0].count + parts[1].count
            else { continue }
            let region = name.dropFirst(parts[0].count).dropLast(parts[1].count)
            if !region.contains("."), region.contains("-") { return (entry, String(region)) }
        }
        return nil
    }

    /// The name a client of `service` calls in `region`: the zone name, or for services whose clients only
    /// call names under a wildcard (`ecr.dkr`, `execute-api`) a name under it with a placeholder first label
    /// (`placeholder` is then that label).
    public func clientHost(service: String, region: String) -> (host: String, placeholder: String?) {
        let dns = dns(for: service)
        let zone = dns.zoneName(region: region)
        if dns.needsApex { return (zone, nil) }
        let label = service == "ecr.dkr" ? "123456789012" : "example"
        return ("\(label).\(zone)", label)
    }

    /// The service whose zone in `region` is `zoneName`, if any.
    public func service(forZone zoneName: String, region: String) -> ServiceDNS? {
        let name = zoneName.lowercased()
        return services.first { $0.zoneName(region: region) == name }
    }
}

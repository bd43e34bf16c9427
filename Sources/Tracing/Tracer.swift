import LintCore
import NetworkModel

/// What `vpcelint trace` follows: from which VPCs, to which service, calling which name.
public struct TraceRequest: Sendable {
    /// An environment name, a VPC id or a VPC `Name` tag.
    public var from: String
    /// A short service name (`ecr.dkr`) or a full one (`com.amazonaws.REGION.ecr.dkr`).
    public var service: String
    /// The name a client calls; default: from the service catalog.
    public var host: String?

    public init(from: String, service: String, host: String? = nil) {
        self.from = from
        self.service = service
        self.host = host
    }
}

/// The traces of a request, on the same ``PathEngine`` the rules use.
public struct TraceResult: Sendable {
    public var traces: [Trace]
    /// Why a host is what it is, when the user did not name it (e.g. a placeholder account label), by host.
    public var hostNotes: [String: String] = [:]
}

/// Turns a ``TraceRequest`` into traces: which source VPCs, which service and host.
public enum Tracer {
    /// Gateway endpoint services: traced through the source VPC's own gateway endpoint and route tables.
    public static let gatewayServices: Set<String> = ["s3", "dynamodb"]

    /// Checks the request's words before any input is read (a usage error names the flag).
    public static func validate(_ request: TraceRequest) throws(CheckError) {
        _ = try shortServiceName(request.service)
        if let host = request.host, !isHostName(host) {
            throw CheckError(
                "--host '\(host)' is not a DNS name such as 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com")
        }
    }

    /// One trace per source VPC.
    public static func trace(_ request: TraceRequest, in model: NetworkModel) throws(CheckError) -> TraceResult {
        try validate(request)
        let service = try shortServiceName(request.service)
        let sources = try sourceVPCs(request.from, in: model)
        let engine = PathEngine(model: model)
        if gatewayServices.contains(service) {
            return TraceResult(traces: sources.map { engine.traceGateway(from: $0, service: service) })
        }
        var result = TraceResult(traces: [])
        for source in sources {
            let (host, note) = try defaultHost(
                request.host, service: service, region: try region(of: request.service) ?? source.region, model: model)
            result.traces.append(engine.trace(from: source, service: service, host: host))
            if let note { result.hostNotes[host] = note }
        }
        return result
    }

    /// The Region a full service name names: `com.amazonaws.us-east-1.logs` -> `us-east-1`.
    public static func region(of service: String) throws(CheckError) -> String? {
        _ = try shortServiceName(service)
        let parts = service.lowercased().split(separator: ".")
        guard parts.count >= 4, parts[0] == "com", parts[1] == "amazonaws" else { return nil }
        return String(parts[2])
    }

    /// `com.amazonaws.ap-northeast-1.ecr.dkr` -> `ecr.dkr`; a short name is kept.
    public static func shortServiceName(_ text: String) throws(CheckError) -> String {
        let name = text.lowercased()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw CheckError(
                "--service '\(text)' is not a service name such as ecr.dkr or com.amazonaws.ap-northeast-1.logs")
        }
        let parts = name.split(separator: ".")
        if parts.count >= 4, parts[0] == "com", parts[1] == "amazonaws" { return parts[3...].joined(separator: ".") }
        return name
    }

    /// The VPCs `--from` names: managed VPCs of that environment (its data sources only when it manages
    /// none), else the VPC with that id or `Name` tag.
    public static func sourceVPCs(_ selector: String, in model: NetworkModel) throws(CheckError) -> [VPC] {
        let inEnvironment = model.vpcs.filter { $0.origin.environment == selector }
        let managed = inEnvironment.filter(\.isManaged)
        if !managed.isEmpty { return managed }
        if !inEnvironment.isEmpty { return inEnvironment }
        let named = model.vpcs.filter { $0.key == selector || $0.tags["Name"] == selector }
        if !named.isEmpty { return named }
        let environments = Set(model.vpcs.map(\.origin.environment)).sorted().joined(separator: ", ")
        throw CheckError(
            "--from \(selector): no VPC in that environment, with that id or with that Name tag (environments with VPCs: \(environments.isEmpty ? "none" : environments))"
        )
    }

    /// The host to resolve: `--host`, else the service's name in `region` (the source VPC's, unless the full
    /// service name names one; when neither is known, the Region most endpoints in the inputs are in), with
    /// a placeholder first label for services whose clients only call names under a wildcard (`ecr.dkr`,
    /// `execute-api`).
    public static func defaultHost(_ host: String?, service: String, region: String?, model: NetworkModel)
        throws(CheckError) -> (String, String?)
    {
        if let host { return (host, nil) }
        let counts = Dictionary(grouping: model.endpoints.compactMap(\.region), by: { $0 }).mapValues(\.count)
        guard let region = region ?? counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
            throw CheckError("--service \(service): no endpoint in the inputs tells the region; pass --host NAME")
        }
        let (name, placeholder) = ServiceCatalog.builtIn.clientHost(service: service, region: region)
        guard let placeholder else { return (name, nil) }
        let zone = ServiceCatalog.builtIn.dns(for: service).zoneName(region: region)
        return (
            name,
            "\(service) clients call names under *.\(zone); \(placeholder) is a placeholder label (pass --host with your own name)"
        )
    }

    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }
}

import LintCore
import NetworkModel
import Reporters

/// `vpcelint trace --format`: `text` or `json`.
public enum TraceFormat: String, CaseIterable, Sendable {
    case text
    case json
}

/// Everything `vpcelint trace` takes.
public struct TraceOptions: Sendable {
    public var paths: [String]
    public var environments: [EnvironmentAssignment]
    public var hubSelectors: [String]
    /// An environment name, a VPC id or a VPC `Name` tag.
    public var from: String
    /// A short service name (`ecr.dkr`) or a full one (`com.amazonaws.REGION.ecr.dkr`).
    public var service: String
    /// The name a client calls; default: from the service catalog.
    public var host: String?
    public var format: TraceFormat
    public var failOnUnknown: Bool

    public init(
        paths: [String], environments: [EnvironmentAssignment] = [], hubSelectors: [String] = [], from: String,
        service: String, host: String? = nil, format: TraceFormat = .text, failOnUnknown: Bool = false
    ) {
        self.paths = paths
        self.environments = environments
        self.hubSelectors = hubSelectors
        self.from = from
        self.service = service
        self.host = host
        self.format = format
        self.failOnUnknown = failOnUnknown
    }
}

/// A finished trace: one path per source VPC, the report and the exit status.
public struct TraceOutcome: Sendable {
    public var traces: [Trace]
    /// Why the host is what it is, when the user did not name it (e.g. a placeholder account label).
    public var hostNote: String?
    public var report: String
    public var status: ExitStatus
}

/// `vpcelint trace`: the path from a VPC to a service, hop by hop, on the same ``PathEngine`` the rules use.
public enum TraceCommand {
    /// Gateway endpoint services: traced through the source VPC's own gateway endpoint and route tables.
    public static let gatewayServices: Set<String> = ["s3", "dynamodb"]

    /// Loads the inputs and traces; throws ``CheckError`` (exit 2) on bad usage or input.
    public static func run(_ options: TraceOptions) throws(CheckError) -> TraceOutcome {
        let service = try shortServiceName(options.service)
        if let host = options.host, !isHostName(host) {
            throw CheckError(
                "--host '\(host)' is not a DNS name such as 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com")
        }
        let model = try ModelLoading.model(
            paths: options.paths, environments: options.environments, hubSelectors: options.hubSelectors)
        return try trace(model, options: options, service: service)
    }

    /// Traces over an already built model.
    package static func trace(_ model: NetworkModel, options: TraceOptions, service: String) throws(CheckError)
        -> TraceOutcome
    {
        let sources = try sourceVPCs(options.from, in: model)
        let engine = PathEngine(model: model)
        var traces = [Trace]()
        var hostNote: String?
        if gatewayServices.contains(service) {
            traces = sources.map { engine.traceGateway(from: $0, service: service) }
        } else {
            let (host, note) = try defaultHost(options.host, service: service, model: model)
            hostNote = note
            traces = sources.map { engine.trace(from: $0, service: service, host: host) }
        }
        let status = exitStatus(traces, failOnUnknown: options.failOnUnknown)
        let report: String
        switch options.format {
        case .text: report = TraceReport.text(traces, hostNote: hostNote, failOnUnknown: options.failOnUnknown)
        case .json: report = TraceReport.json(traces, hostNote: hostNote, status: status)
        }
        return TraceOutcome(traces: traces, hostNote: hostNote, report: report, status: status)
    }

    /// 0 when every hop passes; 1 when one fails, or (with `failOnUnknown`) one is unknown.
    public static func exitStatus(_ traces: [Trace], failOnUnknown: Bool) -> ExitStatus {
        if traces.contains(where: { $0.status == .fail }) { return .findings }
        if failOnUnknown, traces.contains(where: { $0.status == .unknown }) { return .findings }
        return .clean
    }

    /// `com.amazonaws.ap-northeast-1.ecr.dkr` -> `ecr.dkr`; a short name is kept.
    package static func shortServiceName(_ text: String) throws(CheckError) -> String {
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
    package static func sourceVPCs(_ selector: String, in model: NetworkModel) throws(CheckError) -> [VPC] {
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

    /// The host to resolve: `--host`, else the service's zone name in the model's region, with a placeholder
    /// first label for services whose clients only call names under a wildcard (`ecr.dkr`, `execute-api`).
    package static func defaultHost(_ host: String?, service: String, model: NetworkModel) throws(CheckError) -> (
        String, String?
    ) {
        if let host { return (host, nil) }
        let regions = model.endpoints.compactMap(\.region)
        let counts = Dictionary(grouping: regions, by: { $0 }).mapValues(\.count)
        guard let region = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
            throw CheckError("--service \(service): no endpoint in the inputs tells the region; pass --host NAME")
        }
        let dns = ServiceCatalog.builtIn.dns(for: service)
        let zone = dns.zoneName(region: region)
        if dns.needsApex { return (zone, nil) }
        let label = service == "ecr.dkr" ? "123456789012" : "example"
        return (
            "\(label).\(zone)",
            "\(service) clients call names under *.\(zone); \(label) is a placeholder label (pass --host with your own name)"
        )
    }

    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }
}

import BuiltInRules
import LintCore
import NetworkModel
import Reporters
import Settings
import Tracing

/// `vpcelint trace --format` and `vpcelint consolidate --format`: `text` or `json`.
public enum TraceFormat: String, CaseIterable, Sendable {
    case text
    case json
}

/// Everything `vpcelint trace` takes.
public struct TraceOptions: Sendable {
    public var paths: [String]
    /// `--config`, `--env`, `--hub`, `--hours-per-month`, `--currency`, `--exchange-rate`.
    public var shared: SharedFlags
    public var request: TraceRequest
    public var format: TraceFormat
    public var failOnUnknown: Bool

    public init(
        paths: [String], shared: SharedFlags = SharedFlags(), request: TraceRequest, format: TraceFormat = .text,
        failOnUnknown: Bool = false
    ) {
        self.paths = paths
        self.shared = shared
        self.request = request
        self.format = format
        self.failOnUnknown = failOnUnknown
    }
}

/// A finished trace: one path per source VPC, the report and the exit status.
public struct TraceOutcome: Sendable {
    public var traces: [Trace]
    /// Why a host is what it is, when the user did not name it (e.g. a placeholder account label), by host.
    public var hostNotes: [String: String]
    public var report: String
    public var status: ExitStatus
    /// For standard error: what the settings say of the inputs (``RunSettings/notices``).
    public var notices: [String] = []
}

/// `vpcelint trace`: the path from a VPC to a service, hop by hop, on the same ``PathEngine`` the rules use.
public enum TraceCommand {
    /// Builds the settings, loads the inputs and traces; throws ``CheckError`` (exit 2) on bad usage or input.
    public static func run(_ options: TraceOptions) throws(CheckError) -> TraceOutcome {
        try Tracer.validate(options.request)
        let settings = try RunSettings(paths: options.paths, flags: options.shared, registry: builtInRules)
        var outcome = try trace(
            try ModelLoading.model(settings), options: options, configurationPath: settings.configuration.path)
        outcome.notices = settings.notices
        return outcome
    }

    /// Traces over an already built model.
    package static func trace(
        _ model: NetworkModel, options: TraceOptions, configurationPath: String? = nil
    ) throws(CheckError) -> TraceOutcome {
        let result = try Tracer.trace(options.request, in: model)
        let status = ExitStatus.of(result.traces, failOnUnknown: options.failOnUnknown)
        let report: String
        switch options.format {
        case .text:
            report = TraceReport.text(
                result.traces, hostNotes: result.hostNotes, failOnUnknown: options.failOnUnknown,
                configurationPath: configurationPath)
        case .json:
            report = TraceReport.json(
                result.traces, hostNotes: result.hostNotes, status: status, configurationPath: configurationPath)
        }
        return TraceOutcome(traces: result.traces, hostNotes: result.hostNotes, report: report, status: status)
    }

}

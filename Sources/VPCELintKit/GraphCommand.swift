import BuiltInRules
import LintCore
import Output
import Reporters
import Settings

/// `vpcelint graph --format`: `mermaid` or `dot`.
public enum GraphFormat: String, CaseIterable, Sendable {
    case mermaid
    case dot
}

/// Everything `vpcelint graph` takes.
public struct GraphOptions: Sendable {
    public var paths: [String]
    /// `--config`, `--env`, `--hub`, `--hours-per-month`, `--currency`, `--exchange-rate`.
    public var shared: SharedFlags
    public var format: GraphFormat
    /// `--output FILE`: the picture goes there instead of standard output.
    public var output: String?

    public init(
        paths: [String], shared: SharedFlags = SharedFlags(), format: GraphFormat = .mermaid, output: String? = nil
    ) {
        self.paths = paths
        self.shared = shared
        self.format = format
        self.output = output
    }
}

/// A drawn picture: the graph, its rendering, what goes to standard output and the run's notices.
public struct GraphOutcome: Sendable {
    public var graph: TopologyGraph
    public var picture: String
    /// The picture, unless `--output` took it.
    public var standardOutput: String?
    /// What a reader must know besides the picture (no VPC in any input, ...), one sentence each.
    public var notices: [String]
}

/// `vpcelint graph`: the hubs, spokes and links of the inputs, with the findings of the same run as `check`
/// (the same settings, rules, severities and `ignore:` entries) marked on the links and VPCs they break.
/// Findings do not change the exit status: the picture is the product, `check` is the gate.
public enum GraphCommand {
    /// Builds the settings, checks `--output`, runs the check and draws; throws ``CheckError`` (exit 2) on bad
    /// usage or input, before anything is written.
    public static func run(_ options: GraphOptions, pipeline: Pipeline = Pipeline()) throws(CheckError) -> GraphOutcome
    {
        let settings = try RunSettings(paths: options.paths, flags: options.shared, registry: pipeline.rules)
        let output = try OutputTransaction(
            options.output.map { [OutputRequest(label: "--output \($0)", path: $0)] } ?? [],
            inputs: OutputPlanning.inputs(settings))
        let outcome = try pipeline.check(CheckOptions(paths: options.paths, shared: options.shared, quiet: true))
        let graph = outcome.result.graph ?? TopologyGraph()
        let picture =
            switch options.format {
            case .mermaid: MermaidGraph.render(graph)
            case .dot: DOTGraph.render(graph)
            }
        if options.output != nil { try output.commit([picture]) }
        return GraphOutcome(
            graph: graph, picture: picture, standardOutput: options.output == nil ? picture : nil,
            notices: outcome.result.notices)
    }
}

import BuiltInRules
import Consolidation
import Foundation
import LintCore
import NetworkModel
import Output
import Reporters
import Settings

/// Everything `vpcelint consolidate` takes.
public struct ConsolidateOptions: Sendable {
    public var paths: [String]
    /// `--config`, `--env`, `--hub`, `--hours-per-month`, `--currency`, `--exchange-rate`.
    public var shared: SharedFlags
    public var via: ConsolidationVia
    public var format: TraceFormat
    /// Write the hub side as Terraform HCL into this directory.
    public var emitHCL: String?

    public init(
        paths: [String], shared: SharedFlags = SharedFlags(), via: ConsolidationVia = .peering,
        format: TraceFormat = .text, emitHCL: String? = nil
    ) {
        self.paths = paths
        self.shared = shared
        self.via = via
        self.format = format
        self.emitHCL = emitHCL
    }
}

/// A finished consolidation: the plan, its report and the files written.
public struct ConsolidateOutcome: Sendable {
    public var plan: ConsolidationPlan
    public var report: String
    public var writtenFiles: [String]
    /// For standard error: what the settings say of the inputs (``RunSettings/notices``).
    public var notices: [String] = []
}

/// `vpcelint consolidate`: the target hub design for spokes that keep their own interface endpoints.
public enum ConsolidateCommand {
    /// Builds the settings, loads the inputs, plans, renders and (with `emitHCL`) writes the hub's Terraform.
    public static func run(_ options: ConsolidateOptions) throws(CheckError) -> ConsolidateOutcome {
        let settings = try RunSettings(paths: options.paths, flags: options.shared, registry: builtInRules)
        let paths = options.emitHCL.map { directory in
            ConsolidationHCL.fileNames.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
        }
        // Every file is checked before the inputs are read and written together at the end: a run that
        // fails leaves an existing hub directory as it was.
        let outputs = try OutputTransaction(
            (paths ?? []).map { OutputRequest(label: "--emit-hcl \($0)", path: $0, createsDirectory: true) },
            inputs: OutputPlanning.inputs(settings))
        let model = try ModelLoading.model(settings)
        let plan = try ConsolidationPlanner(model: model, pricing: settings.pricing, via: options.via).plan()
        let written = paths ?? []
        if paths != nil { try outputs.commit(ConsolidationHCL.files(plan).map(\.1)) }
        let report: String
        switch options.format {
        case .text:
            report = ConsolidationReport.text(plan, written: written, configurationPath: settings.configuration.path)
        case .json:
            report = ConsolidationReport.json(plan, written: written, configurationPath: settings.configuration.path)
        }
        return ConsolidateOutcome(plan: plan, report: report, writtenFiles: written, notices: settings.notices)
    }
}

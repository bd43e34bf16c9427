import Foundation
import LintCore
import NetworkModel

/// Everything `vpcelint consolidate` takes.
public struct ConsolidateOptions: Sendable {
    public var paths: [String]
    public var environments: [EnvironmentAssignment]
    public var hubSelectors: [String]
    public var via: ConsolidationVia
    public var format: TraceFormat
    /// Write the hub side as Terraform HCL into this directory.
    public var emitHCL: String?
    public var hoursPerMonth: Double?

    public init(
        paths: [String], environments: [EnvironmentAssignment] = [], hubSelectors: [String] = [],
        via: ConsolidationVia = .peering, format: TraceFormat = .text, emitHCL: String? = nil,
        hoursPerMonth: Double? = nil
    ) {
        self.paths = paths
        self.environments = environments
        self.hubSelectors = hubSelectors
        self.via = via
        self.format = format
        self.emitHCL = emitHCL
        self.hoursPerMonth = hoursPerMonth
    }
}

/// A finished consolidation: the plan, its report and the files written.
public struct ConsolidateOutcome: Sendable {
    public var plan: ConsolidationPlan
    public var report: String
    public var writtenFiles: [String]
}

/// `vpcelint consolidate`: the target hub design for spokes that keep their own interface endpoints.
public enum ConsolidateCommand {
    /// Loads the inputs, plans, renders and (with `emitHCL`) writes the hub's Terraform.
    public static func run(_ options: ConsolidateOptions) throws(CheckError) -> ConsolidateOutcome {
        let pricing = try CheckOptions(paths: options.paths, hoursPerMonth: options.hoursPerMonth).pricing()
        let model = try ModelLoading.model(
            paths: options.paths, environments: options.environments, hubSelectors: options.hubSelectors)
        let plan = try ConsolidationPlanner(model: model, pricing: pricing, via: options.via).plan()
        var written = [String]()
        if let directory = options.emitHCL {
            for (name, contents) in ConsolidationHCL.files(plan) {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try AtomicFile.write(contents, to: path)
                } catch {
                    throw CheckError("--emit-hcl \(directory): cannot write \(name): \(error)")
                }
                written.append(path)
            }
        }
        let report: String
        switch options.format {
        case .text: report = ConsolidationReport.text(plan, written: written)
        case .json: report = ConsolidationReport.json(plan, written: written)
        }
        return ConsolidateOutcome(plan: plan, report: report, writtenFiles: written)
    }
}

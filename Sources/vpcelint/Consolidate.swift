import ArgumentParser
import Consolidation
import VPCELintKit

extension ConsolidationVia: ExpressibleByArgument {}

extension VPCELintCommand {
    struct Consolidate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the hub design that replaces the spokes' own interface endpoints, and its cost.",
            discussion: """
                Prints the hub's endpoint set with AZ counts, the private hosted zones and records, the routes both \
                ways, the security group rules, the spoke endpoints to delete, and the monthly cost before and \
                after with the counter-costs (cross-AZ data over peering, or transit gateway attachment-hours \
                with --via tgw). --emit-hcl DIR writes the hub side as Terraform.

                Exit codes: 0 a plan was printed; 2 bad input or usage.

                Example: vpcelint consolidate --emit-hcl hub/ dev.json stg.json prd.json
                """
        )

        @Argument(help: ArgumentHelp("Files, directories or - (stdin).", valueName: "PATH"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("How spokes reach the hub: peering or tgw.", valueName: "VIA"))
        var via: ConsolidationVia = .peering

        @Option(help: ArgumentHelp("Output format.", valueName: "FORMAT"))
        var format: TraceFormat = .text

        @Option(help: ArgumentHelp("Write the hub side as Terraform HCL into DIR.", valueName: "DIR"))
        var emitHcl: String?

        @OptionGroup(title: SharedOptions.title)
        var settings: SharedOptions

        func run() throws {
            let outcome = try ConsolidateCommand.run(
                ConsolidateOptions(paths: paths, shared: settings.flags, via: via, format: format, emitHCL: emitHcl))
            try StandardStreams.write(outcome.report, as: .escaped)
            for notice in outcome.notices { StandardStreams.notice(notice) }
        }
    }
}

import ArgumentParser
import Foundation
import VPCELintKit

extension GraphFormat: ExpressibleByArgument {}

extension VPCELintCommand {
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the hubs, spokes and links, with each broken link or VPC marked with its rule ids.",
            discussion: """
                Runs the same rules as check (same settings, severities and ignore: entries) and draws one node per \
                VPC and one edge per kind of link (peering, transit gateway, private zones, Resolver rules). A \
                broken link is a thick red edge labelled with a cross and its rule ids; an unknown one is dashed, \
                labelled ? and its rule ids; a finding on a VPC alone marks the node. Beyond 40 VPCs, healthy \
                spokes collapse into one "N more healthy spokes" node per hub, spokes with findings are drawn up \
                to 40 VPCs in all and the rest counted in an "N more spokes with findings" node with their rule \
                ids; beyond 10 hubs, the rest are one node. A finding on no VPC of the picture is a note.

                Exit codes: 0 the picture was drawn, with or without findings (check is the gate); 2 bad input or \
                usage.

                Example: vpcelint graph --format dot states/ | dot -Tsvg > topology.svg
                """
        )

        @Argument(help: ArgumentHelp("Files, directories or - (stdin).", valueName: "PATH"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("Output format: mermaid or dot.", valueName: "FORMAT"))
        var format: GraphFormat = .mermaid

        @Option(help: ArgumentHelp("Write the picture to FILE instead of standard output.", valueName: "FILE"))
        var output: String?

        @OptionGroup(title: SharedOptions.title)
        var settings: SharedOptions

        func run() throws {
            var pipeline = Pipeline()
            pipeline.keepsInputsUntilExit = getenv("VPCELINT_FREE_INPUTS") == nil
            let outcome = try GraphCommand.run(
                GraphOptions(paths: paths, shared: settings.flags, format: format, output: output), pipeline: pipeline)
            if let picture = outcome.standardOutput { try StandardStreams.write(picture, as: .escaped) }
            for notice in outcome.notices { StandardStreams.notice(notice) }
        }
    }
}

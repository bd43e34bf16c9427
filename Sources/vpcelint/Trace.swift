import ArgumentParser
import Tracing
import VPCELintKit

extension TraceFormat: ExpressibleByArgument {}

extension VPCELintCommand {
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow the path from a VPC to an endpoint service, hop by hop.",
            discussion: """
                Hops: vpc-dns (DNS attributes), dns (which private hosted zone or own endpoint answers), target \
                (the endpoint), forward-route, return-route, security-group (TCP 443 from the source CIDR). s3 and \
                dynamodb are traced through the source VPC's own gateway endpoint and route tables. The rules use \
                the same engine, so trace and check never disagree.

                Exit codes: 0 every hop passes (an unknown hop too, unless --fail-on-unknown); 1 a hop fails; \
                2 bad input or usage.

                Example: vpcelint trace --from dev --service ecr.dkr --host 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com states/
                """
        )

        @Argument(help: ArgumentHelp("Files, directories or - (stdin).", valueName: "PATH"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("The source: environment name, VPC id or Name tag.", valueName: "ENV"))
        var from: String

        @Option(
            help: ArgumentHelp(
                "Endpoint service: ecr.dkr, logs, s3, ... or com.amazonaws.REGION.X.", valueName: "SERVICE"))
        var service: String

        @Option(help: ArgumentHelp("The name a client calls (default: the service's zone name).", valueName: "NAME"))
        var host: String?

        @Option(help: ArgumentHelp("Output format.", valueName: "FORMAT"))
        var format: TraceFormat = .text

        @OptionGroup(title: SharedOptions.title)
        var settings: SharedOptions

        @Flag(help: "Exit 1 when a hop is unknown because a plan leaves a value unknown.")
        var failOnUnknown = false

        func run() throws {
            let outcome = try TraceCommand.run(
                TraceOptions(
                    paths: paths, shared: settings.flags,
                    request: TraceRequest(from: from, service: service, host: host),
                    format: format, failOnUnknown: failOnUnknown))
            try StandardStreams.write(
                outcome.report + (outcome.report.hasSuffix("\n") ? "" : "\n"),
                as: .escaped)
            for notice in outcome.notices { StandardStreams.notice(notice) }
            if outcome.status != .clean { throw ExitCode(outcome.status.rawValue) }
        }
    }
}

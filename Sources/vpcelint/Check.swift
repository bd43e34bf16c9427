import ArgumentParser
import LintCore
import Reporters
import Settings
import VPCELintKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}

/// `--color`: when the text report on standard output is coloured.
enum ColourMode: String, CaseIterable, ExpressibleByArgument {
    /// On a terminal, unless NO_COLOR is set or TERM=dumb.
    case auto
    case always
    case never
}

extension VPCELintCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint `terraform show -json` files, one per environment (the default subcommand).",
            discussion: """
                PATH is a file, a directory (its *.json and *.tfstate files at any depth; files that are not \
                Terraform output are skipped with a notice) or - for standard input. Each input's environment is \
                its file name up to the first dot (dev.show.json -> dev), for terraform.tfstate its place in the \
                backend layout (env:/prd/network/terraform.tfstate -> prd), unless --env names it.

                Formats: text (default), json, sarif (GitHub code scanning), junit (GitLab, Jenkins), markdown \
                (a pull-request comment), github (Actions annotations). --output FILE sends the --format report \
                to FILE; --output FORMAT=FILE (repeatable) writes more reports at once. Files are written \
                atomically; every report states the price table's date and source.

                Exit codes: 0 no finding at or above --fail-on (and avoidable cost not above --fail-on-waste); \
                1 a finding at or above --fail-on, an unknown check with --fail-on-unknown, an estimated \
                avoidable monthly cost above --fail-on-waste, or with --fail-on-empty no VPC in any input or an \
                input with no resources (reports are still written); 2 bad input or usage, or two states of one \
                environment giving one address different IDs.

                Example: vpcelint check --format json --output report.json --fail-on warning states/
                Example: vpcelint check --format github --output sarif=vpcelint.sarif --fail-on-waste 100 states/
                """
        )

        @Argument(help: ArgumentHelp("Files, directories or - (stdin).", valueName: "PATH"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("Report format.", valueName: "FORMAT"))
        var format: OutputFormat = .text

        @Option(
            help: ArgumentHelp(
                "Write the --format report to FILE instead of stdout, or with FORMAT=FILE another report "
                    + "(repeatable: --output sarif=vpcelint.sarif --output junit=junit.xml); written atomically.",
                valueName: "FILE|FORMAT=FILE"))
        var output: [String] = []

        @Option(help: ArgumentHelp("Lowest severity that fails the run (exit 1).", valueName: "LEVEL"))
        var failOn: FailThreshold = .error

        @Flag(help: "Also fail (exit 1) when a check is unknown because a plan leaves a value unknown.")
        var failOnUnknown = false

        // `.unconditional`: `--fail-on-waste -5` is judged as a number, not "Missing value" (as SharedOptions).
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "Also fail (exit 1) when the estimated avoidable monthly cost (the report's total savings, in "
                    + "--currency) exceeds AMOUNT, at or above 0 (--fail-on-waste=AMOUNT works too).",
                valueName: "AMOUNT"))
        var failOnWaste: Double?

        @Flag(
            help: ArgumentHelp(
                "Also fail (exit 1) when no input holds a VPC or an input holds no resources (a CI job that lost "
                    + "its inputs)."))
        var failOnEmpty = false

        @Flag(
            help: ArgumentHelp(
                "Text format: only the findings and unknowns (no summary, topology or cost table); other formats "
                    + "and the exit status are unchanged."))
        var quiet = false

        @Option(
            name: .customLong("color"),
            help: ArgumentHelp(
                "Colour the text report on stdout: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always "
                    + "(even in a pipe) or never.", valueName: "WHEN"))
        var colour: ColourMode = .auto

        @Flag(name: .customLong("no-color"), help: "Never colour (as --color never).")
        var noColour = false

        @Flag(
            help: ArgumentHelp(
                "Print the connected components of the inputs (a hub with its spokes, or a lone VPC), numbered, "
                    + "with their input files, instead of checking (text, or JSON with --format json)."))
        var listComponents = false

        @Option(
            help: ArgumentHelp(
                "Check only component N of --list-components over the same inputs (its VPCs' resources and the "
                    + "shared ones), e.g. one CI job per hub.", valueName: "N"))
        var component: Int?

        @Option(name: .customLong("disable"), help: ArgumentHelp("Turn a rule off, by id or name.", valueName: "RULE"))
        var disabledRules: [String] = []

        @OptionGroup(title: SharedOptions.title)
        var settings: SharedOptions

        @OptionGroup(title: "Suppressions, baselines, plan diff")
        var adoption: AdoptionFlags

        func run() throws {
            var pipeline = Pipeline()
            // The process exits right after: freeing the model would only cost time (~3% of a large state's
            // run). VPCELINT_FREE_INPUTS=1 frees it, for leak checkers (scripts/sanitizers.sh).
            pipeline.keepsInputsUntilExit = getenv("VPCELINT_FREE_INPUTS") == nil
            var options = CheckOptions(
                paths: paths, shared: settings.flags, format: format, outputs: output, colour: wantsColour(),
                failOn: failOn, failOnUnknown: failOnUnknown, failOnWaste: failOnWaste,
                disabledRules: disabledRules, adoption: adoption.options, failOnEmpty: failOnEmpty,
                quiet: quiet)
            options.listComponents = listComponents
            options.component = component
            let outcome = try pipeline.check(options)
            // Every check format escapes the input's text itself (text, markdown and github for a human reader).
            if let report = outcome.standardOutput { try StandardStreams.write(report, as: .escaped) }
            for notice in outcome.notices { StandardStreams.notice(notice) }
            if outcome.status != .clean { throw ExitCode(outcome.status.rawValue) }
        }

        /// `--no-color` and `--color never`: never; `--color always`: always; `auto`: on a terminal only, and
        /// never with NO_COLOR set (https://no-color.org) or TERM=dumb.
        private func wantsColour() -> Bool {
            if noColour { return false }
            switch colour {
            case .always: return true
            case .never: return false
            case .auto: break
            }
            guard isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
            guard let term = getenv("TERM") else { return true }
            return String(cString: term) != "dumb"
        }
    }
}

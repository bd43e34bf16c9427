import ArgumentParser
import Settings

/// `check`'s options for adopting vpcelint on an existing estate: suppressions, baselines, plan-diff mode.
struct AdoptionFlags: ParsableArguments {
    @Flag(help: "List suppressed findings, with the reason and source of each (they are always counted).")
    var showSuppressed = false

    @Option(
        help: ArgumentHelp(
            "Report only findings FILE (a --write-baseline file) does not list; its stale entries are listed.",
            valueName: "FILE"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record this run's findings in FILE (atomically), as a baseline.", valueName: "FILE"))
    var writeBaseline: String?

    @Flag(help: "For plans: report only findings the plan adds to its prior state, and list those it fixes.")
    var newOnly = false

    var options: AdoptionOptions {
        AdoptionOptions(
            showSuppressed: showSuppressed, baselinePath: baseline, writeBaselinePath: writeBaseline, newOnly: newOnly)
    }
}

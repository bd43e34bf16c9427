import ArgumentParser
import Settings

/// The settings flags of `check`, `trace`, `consolidate` and `graph`, in one group so the commands read them
/// the same way. Each is optional: a flag given beats the configuration file, even when it equals the default.
struct SharedOptions: ParsableArguments {
    /// The group's title in every command's help (one string, so no command names a different set).
    static let title = "Settings (shared by check, trace, consolidate and graph)"

    @Option(
        help: ArgumentHelp(
            "Configuration file (default: .vpcelint.yml in the current directory, else in each parent up to the "
                + "repository root, the first directory with a .git entry).",
            valueName: "FILE"))
    var config: String?

    @Option(
        name: .customLong("env"),
        help: ArgumentHelp("Name the environment of a file, a directory's files or -.", valueName: "NAME=PATH"))
    var environments: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp(
            "Leave out the files and folders of directory inputs that match GLOB (* matches any characters, / "
                + "too), relative to the current directory (repeatable; adds to the file's exclude:).",
            valueName: "GLOB"))
    var excludes: [String] = []

    @Option(
        name: .customLong("hub"),
        help: ArgumentHelp(
            "A hub VPC: environment name, VPC id or Name tag (repeatable; default: the file's hubs:, else inferred).",
            valueName: "SELECTOR"))
    var hubs: [String] = []

    // `.unconditional`: the next argument is the value even when it starts with `-`, so `--exchange-rate -1`
    // is judged as a number (and refused with the reason) rather than "Missing value"; `--exchange-rate=-1`
    // works too.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Hours in a billing month, 0 < N <= 744 (default: the file's hours_per_month:, else the price table's, "
                + "730).", valueName: "N"))
    var hoursPerMonth: Double?

    @Option(
        help: ArgumentHelp(
            "Report currency, an ISO 4217 code (default: the file's currency:, else USD).", valueName: "CODE"))
    var currency: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Units of the report currency per USD, 0 < N <= 10,000,000 (required with a currency other than USD; "
                + "--exchange-rate=N works too).", valueName: "N"))
    var exchangeRate: Double?

    @Option(
        name: .customLong("source"),
        help: ArgumentHelp(
            "Terraform root module of the inputs, so SARIF and github annotations point at the .tf line of each "
                + "resource (repeatable; DIR serves the environment of its name or of its subdirectories; "
                + "default: the file's source:).", valueName: "[ENV=]DIR"))
    var sources: [String] = []

    /// The flags as the settings step takes them; the CLI looks for `.vpcelint.yml` in the current directory
    /// and its parents up to the repository root.
    var flags: SharedFlags {
        SharedFlags(
            configPath: config, searchesForConfiguration: true, environments: environments, hubs: hubs,
            hoursPerMonth: hoursPerMonth, currency: currency, exchangeRate: exchangeRate, sources: sources,
            excludes: excludes)
    }
}

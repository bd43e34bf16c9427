import LintCore
import Settings

/// One fuzz input split into what a run is given: a `.vpcelint.yml` text, command-line settings and the JSON
/// input. A plain input (anything not starting with the magic `VPCF`) is JSON only, so JSON seeds keep working.
///
/// Framing: `VPCF`, the YAML length (2 bytes, big-endian), the flags length (1 byte), the YAML bytes, the flag
/// bytes (tokens split at NUL or line feed), then the JSON bytes. A length past the end takes what is left.
package struct FuzzInput: Sendable {
    /// The configuration file's text, `nil` when there is none (invalid UTF-8 is replaced, as it is not when a
    /// file is read: there it is refused, and the fuzzer then learns nothing about the parser).
    package var configuration: String?
    /// `--flag`, `--flag=VALUE` or `--flag VALUE` tokens.
    package var arguments: [String] = []
    package var json: [UInt8]

    package static let magic: [UInt8] = Array("VPCF".utf8)

    package init(configuration: String? = nil, arguments: [String] = [], json: [UInt8]) {
        self.configuration = configuration
        self.arguments = arguments
        self.json = json
    }

    package init(_ bytes: [UInt8]) {
        guard bytes.count >= 7, Array(bytes[0..<4]) == Self.magic else {
            self.init(json: bytes)
            return
        }
        var start = 7
        func take(_ count: Int) -> ArraySlice<UInt8> {
            let end = min(bytes.count, start + count)
            defer { start = end }
            return bytes[start..<end]
        }
        let yaml = take(Int(bytes[4]) << 8 | Int(bytes[5]))
        let flags = take(Int(bytes[6]))
        let arguments = flags.split(whereSeparator: { $0 == 0 || $0 == 0x0A }).map {
            String(decoding: $0, as: UTF8.self)
        }
        self.init(
            configuration: String(decoding: yaml, as: UTF8.self), arguments: arguments, json: Array(bytes[start...]))
    }

    /// The framed bytes of this input (for seeds and tests).
    package var bytes: [UInt8] {
        guard configuration != nil || !arguments.isEmpty else { return json }
        let yaml = Array((configuration ?? "").utf8.prefix(0xFFFF))
        let flags = Array(arguments.joined(separator: "\n").utf8.prefix(0xFF))
        return Self.magic + [UInt8(yaml.count >> 8), UInt8(yaml.count & 0xFF), UInt8(flags.count)] + yaml + flags + json
    }

    /// What the arguments ask of the other commands and of `check`'s outputs.
    package struct Commands: Sendable {
        /// `--format`: the report format of `check` (validated as the CLI does).
        package var format: String?
        /// `--output FILE` or `--output FORMAT=FILE`: parsed and checked, never written.
        package var outputs: [String] = []
        /// `--baseline`: the configuration text is read as a baseline file instead.
        package var baseline = false
        /// `--from`, `--service`, `--host`: a `trace` request besides the default traces.
        package var from: String?
        package var service: String?
        package var host: String?
        /// `--via peering|tgw`: how `consolidate` connects the hub (default peering).
        package var via: String?
    }

    /// The settings of `check` the arguments give, as the CLI would take them; an unknown flag or a value the
    /// CLI's parser would refuse is a usage error.
    package func options(path: String) throws(CheckError) -> CheckOptions {
        try parse(path: path).options
    }

    /// The settings of `check` and what the arguments ask of the other commands.
    package func parse(path: String) throws(CheckError) -> (options: CheckOptions, commands: Commands) {
        var options = CheckOptions(paths: [path])
        var commands = Commands()
        var tokens = arguments[...]
        var errors = [String]()
        while let token = tokens.popFirst() {
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            func value() -> String? { parts.count > 1 ? String(parts[1]) : tokens.popFirst() }
            func number() -> Double? {
                guard let text = value(), let number = Double(text) else {
                    errors.append("\(name): expected a number")
                    return nil
                }
                return number
            }
            switch name {
            case "--hub": value().map { options.shared.hubs.append($0) }
            case "--env": value().map { options.shared.environments.append($0) }
            case "--currency": options.shared.currency = value()
            case "--exchange-rate": options.shared.exchangeRate = number()
            case "--hours-per-month": options.shared.hoursPerMonth = number()
            case "--disable": value().map { options.disabledRules.append($0) }
            case "--fail-on-waste": options.failOnWaste = number()
            case "--fail-on-unknown": options.failOnUnknown = true
            case "--fail-on-empty": options.failOnEmpty = true
            case "--new-only": options.adoption.newOnly = true
            case "--show-suppressed": options.adoption.showSuppressed = true
            case "--format": commands.format = value()
            case "--output": value().map { commands.outputs.append($0) }
            case "--baseline": commands.baseline = true
            case "--from": commands.from = value()
            case "--service": commands.service = value()
            case "--host": commands.host = value()
            case "--via": commands.via = value()
            case "--fail-on":
                guard let threshold = value().flatMap(FailThreshold.init(rawValue:)) else {
                    errors.append("--fail-on: expected error, warning, note or never")
                    continue
                }
                options.failOn = threshold
            default: errors.append("\(name): unknown option")
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return (options, commands)
    }
}

import ArgumentParser
import LintCore
import TerraformShow
import VPCELintKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct VPCELintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpcelint",
        abstract: "Lint AWS hub-and-spoke VPC endpoint designs from `terraform show -json` output.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on; 1 a finding at or above it (or an unknown with \
            --fail-on-unknown, or an avoidable monthly cost above --fail-on-waste); 2 bad input, bad usage or an \
            internal error (one line on stderr, no report).

            Example:
              terraform show -json > dev.json
              terraform show -json tfplan | vpcelint check --env shared=- dev.json
            """,
        version: BuildCommit.versionText,
        subcommands: [Check.self, Rules.self, Explain.self, Trace.self, Consolidate.self, Graph.self],
        defaultSubcommand: Check.self
    )

    /// The parser's defaults are exit 64 for usage and 1 for any thrown error; vpcelint keeps 1 for findings
    /// alone and gives every other error one line on stderr and exit 2. Every byte goes through
    /// ``StandardStreams``: stderr lines escaped, stdout writes checked (help and version text too).
    static func main() {
        ProcessMemory.returnFreedPagesPromptly()
        StandardStreams.holdClosedDescriptors()
        if let line = CommandTypo.message(CommandLine.arguments.dropFirst().first) {
            StandardStreams.error(line)
            terminate(ExitStatus.error.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch let error as CheckError {
            for line in error.lines { StandardStreams.error(line) }
            terminate(ExitStatus.error.rawValue)
        } catch {
            if exitCode(for: error) == .success { printCleanExit(error) }  // --help, --version
            // The parser's own message may quote an argument: each of its lines is escaped whole.
            let message = joiningListItems(message(for: error))
            for line in message.unicodeScalars.split(separator: "\n") {
                StandardStreams.error(String(String(String.UnicodeScalarView(line)).trimmingPrefix("Error: ")))
            }
            terminate(ExitStatus.error.rawValue)
        }
    }

    /// `--help` and `--version` text on standard output, exit 0; exit 2 when it cannot be written.
    private static func printCleanExit(_ error: any Error) -> Never {
        let text = fullMessage(for: error)
        do {
            if !text.isEmpty { try StandardStreams.write(text + "\n", as: .escaped) }
        } catch {
            for line in error.lines { StandardStreams.error(line) }
            terminate(ExitStatus.error.rawValue)
        }
        terminate(ExitStatus.clean.rawValue)
    }
}

/// The parser lists an enum option's values one per line (`  - text`); they join the line before them, so a
/// usage error stays one line on stderr.
func joiningListItems(_ message: String) -> String {
    var lines = [String]()
    for line in message.split(separator: "\n", omittingEmptySubsequences: true) {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("- "), let last = lines.popLast() {
            let item = String(trimmed.dropFirst(2))
            lines.append(last.hasSuffix(":") ? last + " " + item : last + ", " + item)
        } else {
            lines.append(String(line))
        }
    }
    return lines.joined(separator: "\n")
}

/// exit(3), out of reach of `ParsableCommand.exit(withError:)`'s name.
func terminate(_ status: Int32) -> Never {
    exit(status)
}

/// `vpcelint chek states/`: `check` is the default command, so a misspelt command would be read as an input
/// path and refused as a file that cannot be opened. A first argument that is no file and within two edits of
/// a command's name is said to be a misspelt command instead.
enum CommandTypo {
    static let commands = ["check", "rules", "explain", "trace", "consolidate", "graph"]

    /// The error line for `argument` as the first argument, or `nil` when it is no such near miss.
    static func message(_ argument: String?) -> String? {
        guard let argument, !argument.hasPrefix("-"), !commands.contains(argument), argument.count <= 16,
            access(argument, F_OK) != 0
        else { return nil }
        let scored = commands.map { (name: $0, distance: distance(argument.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
        return "\(argument): no such command or file; did you mean `vpcelint \(best.name)`? "
            + "(commands: \(commands.joined(separator: ", ")); `check` is the default, so its inputs may come first)"
    }

    /// Levenshtein distance between two short strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

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

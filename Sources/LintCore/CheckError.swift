/// A usage or input error of any command: one line per problem, each naming the input, option or
/// configuration entry at fault. Exit status 2, nothing on standard output.
public struct CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public var lines: [String]

    public init(_ line: String) {
        self.lines = [line]
    }

    public init(lines: [String]) {
        self.lines = lines
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// The tool's version, the one version string: every report states it, and `--version` prints it with the commit
/// the binary was built from (`vpcelint 0.1.0 (commit abc1234)`).
public enum VPCELint {
    public static let version = "0.1.0"
}

/// The process exit status (ruff's convention), the same for every command.
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above `--fail-on`; every hop of a trace passes.
    case clean = 0
    /// A finding at or above `--fail-on`, an unknown with `--fail-on-unknown`, waste above `--fail-on-waste`,
    /// or a failing hop.
    case findings = 1
    /// Bad input, bad usage or an internal error.
    case error = 2
}

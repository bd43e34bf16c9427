import LintCore
import Reporters

/// Where one report goes: standard output (`path == nil`) or a file, written atomically.
public struct ReportDestination: Sendable, Hashable {
    public var format: OutputFormat
    public var path: String?
    /// The option as typed, for messages: `--output r.txt`, `--output sarif=r.sarif`.
    public var label: String

    public init(format: OutputFormat, path: String?, label: String? = nil) {
        self.format = format
        self.path = path
        self.label = label ?? "--output \(path ?? "-")"
    }
}

/// `--format` and the repeatable `--output`: `--output FILE` sends the `--format` report to FILE instead of
/// standard output; `--output FORMAT=FILE` writes another report besides it, e.g.
/// `--format github --output sarif=vpcelint.sarif --output junit=junit.xml`.
public enum ReportOutputs {
    /// The destinations these options ask for, the `--format` report first; a usage error for a second plain
    /// FILE, an empty FILE or two reports into one file.
    public static func destinations(format: OutputFormat, outputs: [String]) throws(CheckError) -> [ReportDestination] {
        var primary = ReportDestination(format: format, path: nil)
        var plainSeen = false
        var extra = [ReportDestination]()
        for argument in outputs {
            if let destination = try formatted(argument) {
                extra.append(destination)
            } else {
                guard !plainSeen else {
                    throw CheckError(
                        "--output \(argument): a second FILE for --format; name the format of each extra report, "
                            + "e.g. --output sarif=vpcelint.sarif")
                }
                guard !argument.isEmpty else { throw CheckError("--output: expected FILE or FORMAT=FILE") }
                plainSeen = true
                primary.path = argument
                primary.label = "--output \(argument)"
            }
        }
        // Two names of one file (`r.txt` and `./r.txt`, a link) are found when the transaction resolves them.
        return [primary] + extra
    }

    /// The file requests of `destinations`, in order, for an ``OutputTransaction``.
    public static func requests(_ destinations: [ReportDestination]) -> [OutputRequest] {
        destinations.compactMap { destination in
            destination.path.map { OutputRequest(label: destination.label, path: $0) }
        }
    }

    /// Two reports on standard output would be one unreadable stream: `--output json=/dev/stdout` while the
    /// `--format` report goes there too is a usage error.
    public static func checkStandardOutput(
        _ destinations: [ReportDestination], _ transaction: OutputTransaction
    ) throws(CheckError) {
        guard destinations[0].path == nil, transaction.writesStandardOutput else { return }
        throw CheckError(
            "--output: a report names standard output, where the --format report already goes; "
                + "send the --format report to a file with --output FILE")
    }

    /// `FORMAT=FILE` when the text before the first `=` is a format name; `nil` for a plain FILE. A lowercase
    /// word that names no format (`sraif=x.sarif`) is a usage error rather than a file name; such a file can
    /// still be named as `./sraif=x.sarif`.
    static func formatted(_ argument: String) throws(CheckError) -> ReportDestination? {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard let format = OutputFormat(rawValue: name) else {
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
            let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw CheckError("--output \(argument): unknown format '\(name)'; formats: \(formats)")
        }
        guard !path.isEmpty else { throw CheckError("--output \(argument): expected FORMAT=FILE") }
        return ReportDestination(format: format, path: path, label: "--output \(argument)")
    }

    /// The report in `format`; the text report is coloured only when `colour` is true and holds only the
    /// findings and unknowns when `quiet` is (other formats ignore both).
    public static func render(
        _ result: LintResult, as format: OutputFormat, colour: Bool = false, quiet: Bool = false
    ) -> String {
        format == .text
            ? TextReporter.report(result, colour: colour, quiet: quiet) : format.reporter.report(result)
    }
}

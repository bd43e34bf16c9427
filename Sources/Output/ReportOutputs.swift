import LintCore
import Reporters

/// Where one report goes: standard output (`path == nil`) or a file, written atomically.
public struct ReportDestination: Sendable, Hashable {
    public var format: OutputFormat
    public var path: String?

    public init(format: OutputFormat, path: String?) {
        self.format = format
        self.path = path
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
            }
        }
        let all = [primary] + extra
        var seen = Set<String>()
        for path in all.compactMap(\.path) where !seen.insert(path).inserted {
            throw CheckError("--output \(path): two reports cannot go to the same file")
        }
        return all
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
        return ReportDestination(format: format, path: path)
    }

    /// The report in `format`; the text report is coloured only when `colour` is true.
    public static func render(_ result: LintResult, as format: OutputFormat, colour: Bool = false) -> String {
        format == .text ? TextReporter.report(result, colour: colour) : format.reporter.report(result)
    }

    /// Writes every file destination atomically (``AtomicFile``); returns the standard-output report, if any.
    /// `primary` is the already-rendered report for the first destination.
    public static func write(
        _ result: LintResult, primary: String, to destinations: [ReportDestination]
    ) throws(CheckError) -> String? {
        var standardOutput: String?
        for (offset, destination) in destinations.enumerated() {
            let report = offset == 0 ? primary : render(result, as: destination.format)
            if let path = destination.path {
                try AtomicFile.write(report, to: path)
            } else {
                standardOutput = report
            }
        }
        return standardOutput
    }
}

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

/// `--fail-on-waste AMOUNT`: money as a gate. The run fails (exit 1) when the estimated avoidable monthly
/// cost, the summary's savings in the report currency rounded to cents, exceeds AMOUNT.
public struct WasteThreshold: Sendable, Hashable {
    /// In the report currency (`--currency`), per month.
    public var amount: Double

    /// A usage error unless `amount` is a finite number at or above zero.
    public init(_ amount: Double) throws(CheckError) {
        guard amount.isFinite, amount >= 0 else {
            throw CheckError("--fail-on-waste \(amount): expected an amount of money at or above 0 per month")
        }
        self.amount = amount
    }

    /// The avoidable monthly cost of `result` in its report currency, rounded to cents.
    public static func avoidable(_ result: LintResult) -> Double {
        ((result.monthlySavingsUSD * result.pricing.exchangeRate) * 100).rounded() / 100
    }

    /// Whether `result` wastes more than the threshold.
    public func isExceeded(by result: LintResult) -> Bool {
        Self.avoidable(result) > amount
    }
}

extension ExitStatus {
    /// The status of `result` with `--fail-on-waste` applied on top of `status` (from ``ExitStatus/of``).
    public func applying(_ waste: WasteThreshold?, to result: LintResult) -> ExitStatus {
        guard self == .clean, let waste, waste.isExceeded(by: result) else { return self }
        return .findings
    }
}

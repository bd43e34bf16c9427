import LintCore
import NetworkModel
import Reporters

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
        (result.monthlySavings.amount * 100).rounded() / 100
    }

    /// Whether `result` wastes more than the threshold.
    public func isExceeded(by result: LintResult) -> Bool {
        Self.avoidable(result) > amount
    }
}

/// Every exit status a command ends with is decided here.
extension ExitStatus {
    /// A finished check: unknowns fail only with `failOnUnknown` (whatever their severity), findings at or
    /// above `failOn`, with `waste` an avoidable cost above it, and with `failOnEmpty` an empty input set (no
    /// VPC in any input, or an input with no resources). `notice` says why waste or emptiness failed the run.
    public static func of(
        _ result: LintResult, failOn: FailThreshold, failOnUnknown: Bool, waste: WasteThreshold? = nil,
        failOnEmpty: Bool = false
    ) -> (status: ExitStatus, notice: String?) {
        if failOnEmpty, result.isEmptyInput {
            return (.findings, "--fail-on-empty: " + (result.notices.first ?? "the inputs are empty"))
        }
        if failOnUnknown, !result.unknowns.isEmpty { return (.findings, nil) }
        if let minimum = failOn.minimumSeverity, result.findings.contains(where: { $0.severity >= minimum }) {
            return (.findings, nil)
        }
        guard let waste, waste.isExceeded(by: result) else { return (.clean, nil) }
        let currency = result.pricing.currency
        return (
            .findings,
            "estimated avoidable cost \(currency) \(JSONNode.format(WasteThreshold.avoidable(result)))/month exceeds "
                + "--fail-on-waste \(JSONNode.format(waste.amount))"
        )
    }

    /// A finished trace: 0 when every hop passes; 1 when one fails, or (with `failOnUnknown`) one is unknown.
    public static func of(_ traces: [Trace], failOnUnknown: Bool) -> ExitStatus {
        if traces.contains(where: { $0.status == .fail }) { return .findings }
        if failOnUnknown, traces.contains(where: { $0.status == .unknown }) { return .findings }
        return .clean
    }
}

import LintCore
import TerraformShow

/// `--new-only`: a plan judged on what it changes. The model is built twice, from the planned resources and
/// from the plan's prior state (every other input the same both times); the findings the planned state has
/// and the prior state has not (by fingerprint) are new, those only the prior state has are fixed.
enum PlanDiff {
    /// The inputs as they were before the plans: each plan replaced by its prior state.
    static func priorDocuments(
        _ documents: [(environment: String, document: TerraformDocument)]
    ) throws(CheckError) -> [(environment: String, document: TerraformDocument)] {
        guard documents.contains(where: { $0.document.kind == .plan }) else {
            throw CheckError(
                "--new-only compares a plan with its prior state: give at least one `terraform show -json PLANFILE`")
        }
        return documents.map { environment, document in
            guard document.kind == .plan else { return (environment, document) }
            let prior = TerraformDocument(
                path: document.path, kind: .state, formatVersion: document.formatVersion,
                terraformVersion: document.terraformVersion, resources: document.priorResources ?? [],
                encoding: document.encoding)
            return (environment, prior)
        }
    }

    /// New findings (planned, not prior) and fixed ones (prior, not planned).
    static func compare(planned: [Finding], prior: [Finding]) -> (new: [Finding], fixed: [Finding]) {
        let before = Set(prior.map(\.fingerprint))
        let after = Set(planned.map(\.fingerprint))
        return (planned.filter { !before.contains($0.fingerprint) }, prior.filter { !after.contains($0.fingerprint) })
    }
}

import LintCore
import TerraformShow

/// One resource, one view: the step between loading and the model. An environment may be split over several
/// roots (`shared.network.json`, `shared.dns.json`), which are merged; but two inputs of one environment
/// holding the same resource (same full address, module path included) must not count it twice. A plan's
/// planned state wins over a state (`shared.json` beside `shared.plan.json`); of two states with the same
/// IDs the first input wins. Two states that give one managed resource different IDs describe two roots, and
/// which one a finding means would be a guess: a usage error (exit 2) unless `--env` or `environments.files`
/// puts them in different environments (data sources with different IDs are both kept). Only network types
/// keep their values, so only their IDs are compared. Two plans are left as they are.
enum InputReconciliation {
    /// The documents without the resources another input wins for, and per input (by index) how many it
    /// lost and to which inputs.
    struct Outcome {
        var documents: [(environment: String, document: TerraformDocument)]
        var superseded: [Int: (count: Int, by: [String])]
    }

    static func reconcile(_ documents: [(environment: String, document: TerraformDocument)]) throws(CheckError)
        -> Outcome
    {
        var outcome = Outcome(documents: documents, superseded: [:])
        var conflicts = [Conflict]()
        let environments = Dictionary(grouping: documents.indices) { documents[$0].environment }
        for environment in environments.keys.sorted() {
            let indices = environments[environment] ?? []
            guard indices.count > 1 else { continue }
            // Plans first, so that each address is held by the plan that has it before any state is read.
            let plans = indices.filter { documents[$0].document.kind == .plan }
            var holders = [String: (index: Int, id: String?)]()
            for index in plans + indices.filter({ !plans.contains($0) }) {
                var lost = [Int: Int]()
                let kept = documents[index].document.resources.filter { resource in
                    let id = resource.value(at: "id")?.string
                    guard let holder = holders[resource.address], documents[index].document.kind != .plan else {
                        if holders[resource.address] == nil { holders[resource.address] = (index, id) }
                        return true
                    }
                    let other = documents[holder.index].document
                    guard other.kind != .plan, let id, let held = holder.id, id != held else {
                        lost[holder.index, default: 0] += 1
                        return false
                    }
                    // Two data sources may read different objects under one name: both are kept.
                    if resource.mode == .managed {
                        Conflict.add(
                            &conflicts, other.path, documents[index].document.path,
                            "`\(resource.address)` of environment \(environment) with different IDs (\(held), \(id))")
                    }
                    return true
                }
                // What a plan deletes is in its prior state only: the plan is the view for it too.
                for resource in documents[index].document.priorResources ?? [] where holders[resource.address] == nil {
                    holders[resource.address] = (index, resource.value(at: "id")?.string)
                }
                guard !lost.isEmpty else { continue }
                outcome.documents[index].document.resources = kept
                let by = lost.keys.sorted().map { documents[$0].document.path }
                outcome.superseded[index] = (lost.values.reduce(0, +), by)
            }
        }
        guard conflicts.isEmpty else { throw CheckError(lines: conflicts.map(\.line)) }
        return outcome
    }

    /// Two states of one environment that give addresses different IDs: the first address, and how many more.
    private struct Conflict {
        var first: String
        var second: String
        var address: String
        var more = 0

        var line: String {
            "\(first), \(second): both hold \(address)" + (more == 0 ? "" : " (and \(more) more resources)")
                + "; give them different environments with --env NAME=PATH or environments.files"
        }

        static func add(_ conflicts: inout [Conflict], _ first: String, _ second: String, _ address: String) {
            if let index = conflicts.firstIndex(where: { $0.first == first && $0.second == second }) {
                conflicts[index].more += 1
            } else {
                conflicts.append(Conflict(first: first, second: second, address: address))
            }
        }
    }
}

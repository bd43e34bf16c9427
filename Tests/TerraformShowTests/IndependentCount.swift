import Foundation

/// Counts resource instances the documented way with Foundation, independently of the loader.
///
/// State: `values.root_module` resources plus `child_modules`, recursively.
/// Plan: Terraform writes `planned_values` from every change of a current object (no `deposed` key)
/// whose action is not delete (internal/command/jsonplan/values.go, marshalPlannedValues), so the planned
/// instances are `planned_values` plus any such change missing from it (producers that trim
/// `planned_values`), plus data sources read while planning, which have no change and sit only in
/// `prior_state` (unless a change deletes or forgets them).
enum IndependentCount {
    struct Result {
        var kind: String
        var addresses: Set<String>
        /// Instances counted, duplicates included (a loader dropping duplicates would differ).
        var count: Int
    }

    static func count(fileAt path: String) throws -> Result {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        let planKeys = ["planned_values", "resource_changes", "prior_state", "configuration", "errored", "applyable"]
        if planKeys.contains(where: { top[$0] != nil }) { return plan(top) }
        var addresses = [String]()
        if let values = top["values"] as? [String: Any], let root = values["root_module"] as? [String: Any] {
            walk(root, into: &addresses)
        }
        return Result(kind: "state", addresses: Set(addresses), count: addresses.count)
    }

    private static func plan(_ top: [String: Any]) -> Result {
        var planned = [String]()
        if let values = top["planned_values"] as? [String: Any], let root = values["root_module"] as? [String: Any] {
            walk(root, into: &planned)
        }
        var seen = Set(planned)
        var deleted = Set<String>()
        for case let change as [String: Any] in top["resource_changes"] as? [Any] ?? [] {
            guard change["deposed"] == nil, let address = change["address"] as? String else { continue }
            let actions = (change["change"] as? [String: Any])?["actions"] as? [String] ?? []
            if actions.allSatisfy({ $0 == "delete" || $0 == "forget" }) {
                deleted.insert(address)
            } else if !seen.contains(address) {
                seen.insert(address)
                planned.append(address)
            }
        }
        var prior = [[String: Any]]()
        if let state = top["prior_state"] as? [String: Any], let values = state["values"] as? [String: Any],
            let root = values["root_module"] as? [String: Any]
        {
            collect(root, into: &prior)
        }
        for resource in prior where resource["mode"] as? String == "data" {
            guard let address = resource["address"] as? String, !seen.contains(address), !deleted.contains(address)
            else { continue }
            seen.insert(address)
            planned.append(address)
        }
        return Result(kind: "plan", addresses: Set(planned), count: planned.count)
    }

    private static func walk(_ module: [String: Any], into addresses: inout [String]) {
        var resources = [[String: Any]]()
        collect(module, into: &resources)
        addresses += resources.compactMap { $0["address"] as? String }
    }

    /// Resources with their full address in `address` (see ``fullAddress(_:module:)``).
    private static func collect(_ module: [String: Any], into resources: inout [[String: Any]]) {
        let moduleAddress = module["address"] as? String ?? ""
        for case var resource as [String: Any] in module["resources"] as? [Any] ?? [] {
            resource["address"] = fullAddress(resource, module: moduleAddress)
            resources.append(resource)
        }
        for case let child as [String: Any] in module["child_modules"] as? [Any] ?? [] {
            collect(child, into: &resources)
        }
    }

    /// Terraform 0.12 writes state resources with a module-relative address and no key
    /// (`null_resource.baz` for `module.m.null_resource.baz[0]`): such addresses are rebuilt from parts.
    private static func fullAddress(_ resource: [String: Any], module: String) -> String {
        let mode = resource["mode"] as? String ?? "managed"
        let base =
            (module.isEmpty ? "" : module + ".") + (mode == "data" ? "data." : "")
            + "\(resource["type"] ?? "").\(resource["name"] ?? "")"
        let index = resource["index"]
        if let given = resource["address"] as? String {
            if index == nil, given == base { return given }
            if index != nil, given.hasPrefix(base + "[") { return given }
        }
        switch index {
        case let key as String: return base + "[\"" + key + "\"]"
        case let number as Int: return base + "[\(number)]"
        default: return base
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import VPCELintKit

/// Property test: the real fixtures with resource values mutated (keys deleted, types swapped, numbers as
/// strings, garbage nested, unknowns) run through the whole pipeline (`FuzzPipeline`: both load strategies,
/// model, every rule, every reporter) without trapping, and either load or name the file.
@Suite struct WrongShapeTests {
    static var fixtures: [String] {
        let root = Repository.root.appendingPathComponent("fixtures")
        let walker = FileManager.default.enumerator(atPath: root.path)
        let names = (walker?.allObjects as? [String]) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasSuffix("expected.json") && !$0.contains("/expected/") }
            .map { root.appendingPathComponent($0).path }.sorted()
    }

    /// Values a provider never writes where the model reads an attribute (drawn from a seeded ``SplitMix``: every
    /// run mutates the same way; a failure names its seed).
    static func garbage(_ random: inout SplitMix, depth: Int = 0) -> Any {
        switch Int.random(in: 0..<11, using: &random) {
        case 0: return NSNull()
        case 1: return "443"
        case 2: return Int.random(in: -5...70000, using: &random)
        case 3: return true
        case 4: return ["10.0.0.0/8", 5, NSNull()]
        case 5: return ["nested": depth < 3 ? garbage(&random, depth: depth + 1) : "x"]
        case 6: return "10.0.0.0/99"
        case 7: return "\u{1B}[31mred\n::error::forged|`<b>"
        case 8: return [[String: Any]]()
        case 9: return 1.5
        default: return depth < 3 ? [garbage(&random, depth: depth + 1)] : []
        }
    }

    /// Mutates one attribute somewhere inside `value`: delete it, replace it, turn it into a string or a list.
    static func mutate(_ value: Any, _ random: inout SplitMix, depth: Int = 0) -> Any {
        if var object = value as? [String: Any], !object.isEmpty {
            let key = object.keys.sorted()[Int.random(in: 0..<object.count, using: &random)]
            switch Int.random(in: 0..<6, using: &random) {
            case 0: object[key] = nil
            case 1: object[key] = garbage(&random)
            case 2: object[key] = object[key].map { "\($0)" }
            case 3: object[key] = [object[key] ?? NSNull()]
            default: object[key] = mutate(object[key] ?? NSNull(), &random, depth: depth + 1)
            }
            return object
        }
        if var array = value as? [Any], !array.isEmpty {
            let index = Int.random(in: 0..<array.count, using: &random)
            array[index] = Bool.random(using: &random) ? garbage(&random) : mutate(array[index], &random)
            return array
        }
        return garbage(&random)
    }

    /// The resource `values` (state) and `change.after` / `after_unknown` (plan) objects of a document.
    static func mutateResources(_ root: Any, _ random: inout SplitMix, depth: Int = 0) -> Any {
        if var object = root as? [String: Any] {
            for key in object.keys.sorted() {
                guard let child = object[key] else { continue }
                let inResource = ["values", "attributes"].contains(key) && object["type"] != nil
                let isResourceValue = inResource || key == "after" || key == "after_unknown"
                if isResourceValue, Int.random(in: 0..<4, using: &random) == 0 {
                    object[key] = mutate(child, &random)
                } else if depth < 12 {
                    object[key] = mutateResources(child, &random, depth: depth + 1)
                }
            }
            return object
        }
        if let array = root as? [Any] {
            return array.map { mutateResources($0, &random, depth: depth + 1) }
        }
        return root
    }

    @Test(arguments: fixtures)
    func mutatedFixturesNeverTrap(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        var loaded = 0
        for seed in UInt64(1)...6 {
            var random = SplitMix(state: seed &* 7919 &+ UInt64(path.utf8.count))
            let mutated = Self.mutateResources(root, &random)
            let bytes = [UInt8](try JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]))
            let outcome = FuzzPipeline.run(bytes)
            if let error = outcome.error {
                #expect(error.description.hasPrefix("fuzz.json"), "seed \(seed): \(error)")
            } else {
                loaded += 1
                // Every check format, the baseline, the traces and the consolidation (or its refusal).
                let always =
                    ["text", "json", "sarif", "junit", "markdown", "github", "text-colour", "baseline"]
                    + ["trace", "consolidate-text"]
                #expect(
                    Set(always).isSubset(of: outcome.reports.keys), "seed \(seed): \(outcome.reports.keys.sorted())")
            }
        }
        // Mutations inside resource values must reach the model, not stop at the loader.
        #expect(loaded >= 3, "only \(loaded) of 6 mutated documents loaded")
    }
}

import TerraformShow

/// Links a plan's resources through `configuration` references when IDs are still unknown.
///
/// A reference is read in the module instance of the resource that holds it: `aws_vpc.this.id` names a
/// resource of the same module instance, `var.x` follows the module call's input expression into the
/// parent, `module.m.out` follows the child's output expression. Locals, `each` and `count` are not in
/// Terraform's JSON, so references through them stay unresolved.
struct ReferenceResolver {
    private let document: TerraformDocument
    /// The name index, built on the first lookup: a state (no references) never pays for it.
    private let names: LazyIndex

    init(document: TerraformDocument) {
        self.document = document
        names = LazyIndex(document: document)
    }

    /// (module path, mode + type + name) -> resources, and every module instance path, built once.
    private final class LazyIndex {
        private let document: TerraformDocument
        private var built: (byName: [String: [Resource]], modulePaths: Set<String>)?

        init(document: TerraformDocument) {
            self.document = document
        }

        var byName: [String: [Resource]] { value.byName }
        var modulePaths: Set<String> { value.modulePaths }

        private var value: (byName: [String: [Resource]], modulePaths: Set<String>) {
            if let built { return built }
            var byName = [String: [Resource]]()
            var modulePaths = Set<String>()
            for resource in document.resources {
                byName[
                    ReferenceResolver.nameKey(
                        resource.modulePath, resource.mode == .data, resource.type, resource.name),
                    default: []
                ]
                .append(resource)
                // A path seen before had its ancestors inserted with it.
                var path = resource.modulePath
                while !path.isEmpty, modulePaths.insert(path).inserted {
                    path = ReferenceResolver.parent(of: path)
                }
            }
            built = (byName, modulePaths)
            return (byName, modulePaths)
        }
    }

    /// The resources that `references` (as held by a resource in `modulePath`) point at.
    ///
    /// Terraform drops dynamic indexes from references: `aws_route53_zone.endpoint[each.key].zone_id` is
    /// written as [`aws_route53_zone.endpoint`, `each.key`]. When the only other reference is `each.key`
    /// (or `count.index`), the target is the instance with the holder's own key (`holderIndex`).
    func resolve(_ references: [String], in modulePath: String, holderIndex: InstanceKey? = nil) -> [Resource] {
        var seen = Set<String>()
        var result = [Resource]()
        var budget = Self.stepBudget
        for reference in references {
            for resource in resolve(reference, in: modulePath, depth: 0, budget: &budget)
            where seen.insert(resource.address).inserted {
                result.append(resource)
            }
        }
        let selectors = Set(references.filter { Self.isInstanceSelector($0) })
        guard let holderIndex, !selectors.isEmpty else { return result }
        let others = references.filter { !Self.isInstanceSelector($0) && !Self.isResourceReference($0) }
        guard others.isEmpty else { return result }
        return result.filter { $0.index == holderIndex }
    }

    private static func isInstanceSelector(_ reference: String) -> Bool {
        reference == "each.key" || reference == "count.index"
    }

    private static func isResourceReference(_ reference: String) -> Bool {
        guard let first = segments(reference).first else { return false }
        return !["var", "local", "each", "count", "path", "terraform", "self", "module"].contains(first)
    }

    /// Steps one ``resolve(_:in:holderIndex:)`` may take. Depth alone does not bound the work: a hostile plan
    /// can make module inputs and outputs refer to each other in a cycle with several references each, which
    /// would take 2^32 steps; real configurations need a few dozen.
    static let stepBudget = 4096

    private func resolve(_ reference: String, in modulePath: String, depth: Int, budget: inout Int) -> [Resource] {
        guard depth < 32, budget > 0 else { return [] }
        budget -= 1
        let segments = Self.segments(reference)
        guard let first = segments.first else { return [] }
        switch first {
        case "var":
            guard segments.count >= 2, !modulePath.isEmpty,
                let call = Resource.stripInstanceKeys(modulePath),
                let references = document.moduleInputs[call]?[segments[1]]
            else { return [] }
            let parent = Self.parent(of: modulePath)
            return references.flatMap { resolve($0, in: parent, depth: depth + 1, budget: &budget) }
        case "module":
            guard segments.count >= 3 else { return [] }
            let child = (modulePath.isEmpty ? "" : modulePath + ".") + "module." + segments[1]
            let (childName, _) = Self.splitIndex(segments[1])
            let childCall = (Resource.stripInstanceKeys(modulePath).map { $0 + "." } ?? "") + "module." + childName
            guard let references = document.moduleOutputs[childCall]?[segments[2]] else { return [] }
            let instances: [String]
            if segments[1].contains("[") {
                instances = [child]
            } else {
                instances = names.modulePaths.filter {
                    Self.parent(of: $0) == modulePath && Resource.stripInstanceKeys($0) == childCall
                }.sorted()
            }
            return instances.flatMap { instance in
                references.flatMap { resolve($0, in: instance, depth: depth + 1, budget: &budget) }
            }
        case "local", "each", "count", "path", "terraform", "self":
            return []
        case "data":
            guard segments.count >= 3 else { return [] }
            return lookup(modulePath, data: true, type: segments[1], nameWithIndex: segments[2])
        default:
            guard segments.count >= 2 else { return [] }
            return lookup(modulePath, data: false, type: first, nameWithIndex: segments[1])
        }
    }

    private func lookup(_ modulePath: String, data: Bool, type: String, nameWithIndex: String) -> [Resource] {
        let (name, index) = Self.splitIndex(nameWithIndex)
        let candidates = names.byName[Self.nameKey(modulePath, data, type, name)] ?? []
        guard let index else { return candidates }
        return candidates.filter { $0.index?.description == index }
    }

    private static func nameKey(_ modulePath: String, _ data: Bool, _ type: String, _ name: String) -> String {
        modulePath + "|" + (data ? "data." : "") + type + "." + name
    }

    /// `module.a["x"].module.b` -> `module.a["x"]`; `module.a` -> ``.
    static func parent(of modulePath: String) -> String {
        var segments = Self.segments(modulePath)
        guard segments.count >= 2 else { return "" }
        segments.removeLast(2)
        return segments.joined(separator: ".")
    }

    /// `name[0]` -> (`name`, `[0]`).
    static func splitIndex(_ segment: String) -> (String, String?) {
        guard let bracket = segment.firstIndex(of: "[") else { return (segment, nil) }
        return (String(segment[..<bracket]), String(segment[bracket...]))
    }

    /// Splits at dots outside brackets and quotes: `module.a["x.y"].b` -> [`module`, `a["x.y"]`, `b`].
    static func segments(_ text: String) -> [String] {
        var result = [String]()
        let utf8 = text.utf8
        var start = utf8.startIndex
        var depth = 0
        var inString = false
        var escaped = false
        var position = utf8.startIndex
        while position != utf8.endIndex {
            let byte = utf8[position]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ".") where depth == 0:
                    result.append(String(Substring(utf8[start..<position])))
                    start = utf8.index(after: position)
                default: break
                }
            }
            position = utf8.index(after: position)
        }
        if start != utf8.endIndex { result.append(String(Substring(utf8[start..<utf8.endIndex]))) }
        return result
    }
}

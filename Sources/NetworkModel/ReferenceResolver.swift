import TerraformShow

/// Links a plan's resources through `configuration` references when IDs are still unknown.
///
/// A reference is read in the module instance of the resource that holds it: `aws_vpc.this.id` names a
/// resource of the same module instance, `var.x` follows the module call's input expression into the
/// parent, `module.m.out` follows the child's output expression, and `each.value.x` follows the holder's
/// `for_each` expression (`for_each = var.routes` -> the module input's references, those ending in `.x`
/// first). Locals are not in Terraform's JSON, so references through them stay unresolved.
///
/// Terraform drops dynamic indexes from references (`aws_route53_zone.endpoint[each.value.service]` is
/// written as [`aws_route53_zone.endpoint`, `each.value.service`]), so such a reference matches every
/// instance. Before calling it ambiguous, the holder's own instance key narrows it: when exactly one
/// candidate is named by a part of the key (`spoke["ecr.api/dev"]` -> `endpoint["ecr.api"]`; `to_spoke["stg"]`
/// -> `module.stg`'s peering), that candidate is the target.
///
/// Terraform drops the output's name too when the module call is indexed dynamically:
/// `module.spoke[each.key].vpc_id` is written as [`module.spoke`, `each.key`]. Such a reference is followed into
/// the module instance the holder's key names, to the outputs whose resources are of a type the attribute can
/// hold the ID of (``targetTypes``): one such resource is the target, several are ambiguous, as always.
final class ReferenceResolver {
    private let document: TerraformDocument
    /// The name index, built on the first lookup: a state (no references) never pays for it.
    private let names: LazyIndex

    init(document: TerraformDocument) {
        self.document = document
        names = LazyIndex(document: document)
    }

    /// (module path, mode + type + name) -> resources, and the instances of each module call, built once.
    private final class LazyIndex {
        private let document: TerraformDocument
        private var built: Built?

        private struct Built {
            var byName: [String: [Resource]]
            var instances: [String: [String]]
            var keyed: [String: [String: String]]
        }

        init(document: TerraformDocument) {
            self.document = document
        }

        var byName: [String: [Resource]] { value.byName }
        /// The instance paths of each module call, by `parent path|call` (`|module.spoke`), in order: a call
        /// of thousands of instances is looked up, not filtered out of every module path per reference.
        var instances: [String: [String]] { value.instances }
        /// The same instances by their key (``ReferenceResolver/instanceKey(of:)``: `module.spoke["dev"]` under
        /// `dev`, `module.spoke[2]` under `[2]`).
        var keyed: [String: [String: String]] { value.keyed }

        private var value: Built {
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
            var instances = [String: [String]]()
            var keyed = [String: [String: String]]()
            for path in modulePaths {
                let call = ReferenceResolver.parent(of: path) + "|" + (Resource.stripInstanceKeys(path) ?? path)
                instances[call, default: []].append(path)
                if let key = ReferenceResolver.instanceKey(of: path) { keyed[call, default: [:]][key] = path }
            }
            for key in instances.keys { instances[key]?.sort() }
            let value = Built(byName: byName, instances: instances, keyed: keyed)
            built = value
            return value
        }
    }

    /// The resources that `references` (as held by a resource in `modulePath`) point at.
    ///
    /// Terraform drops dynamic indexes from references: `aws_route53_zone.endpoint[each.key].zone_id` is
    /// written as [`aws_route53_zone.endpoint`, `each.key`]. When the only other reference is `each.key`
    /// (or `count.index`), the target is the instance with the holder's own key (`holderIndex`).
    ///
    /// `attribute` (the holder's attribute path, `vpc_id`, `route.0.transit_gateway_id`) names the types a
    /// reference without its module output may land on (``targetTypes``); without it such a reference names
    /// nothing. `ofWholeAttribute`: the references are those of an enclosing attribute (`route` for
    /// `route.0.transit_gateway_id`: an attribute written as blocks has its references only as a whole), so only
    /// the resources of the attribute's types are kept, and none when its types are not known.
    func resolve(
        _ references: [String], in modulePath: String, holder: Resource? = nil, attribute: String? = nil,
        ofWholeAttribute: Bool = false
    ) -> [Resource] {
        var seen = Set<String>()
        var result = [Resource]()
        var budget = Self.stepBudget
        var context = Context()
        if let attribute, let name = attribute.split(separator: ".").last(where: { Int($0) == nil }) {
            context.accepted = Self.targetTypes[String(name)]
        }
        switch holder?.index {
        case .string(let key) where references.contains(where: { $0.hasPrefix("each.") }):
            context.keyParts = Self.parts(of: key)
        case .int(let index) where references.contains("count.index"):
            // `module.spoke[count.index].out`: the instance of the holder's own index.
            context.keyParts = ["[\(index)]"]
        default:
            break
        }
        for reference in references {
            // `module.m` beside `module.m.out` (or `module.m["k"].out`) is the same reference, less precise.
            if Self.segments(reference).count == 2, reference.hasPrefix("module."),
                references.contains(where: { $0.hasPrefix(reference + ".") || $0.hasPrefix(reference + "[") })
            {
                continue
            }
            let found =
                reference.hasPrefix("each.value")
                ? eachValue(reference, among: references, holder: holder, budget: &budget, context: context)
                : resolve(reference, in: modulePath, depth: 0, budget: &budget, context: context)
            for resource in found where seen.insert(resource.address).inserted {
                result.append(resource)
            }
        }
        if ofWholeAttribute {
            let accepted = context.accepted ?? []
            result = result.filter { accepted.contains($0.type) }
        }
        let selectors = Set(references.filter { Self.isInstanceSelector($0) })
        let others = references.filter { !Self.isInstanceSelector($0) && !Self.isResourceReference($0) }
        if let index = holder?.index, !selectors.isEmpty, others.isEmpty {
            return result.filter { $0.index == index }
        }
        guard result.count > 1, case .string(let key) = holder?.index,
            references.contains(where: { $0.hasPrefix("each.") })
        else { return result }
        return Self.narrow(result, byKey: key)
    }

    /// `each.value.x` (or a bare `each.value` when no `each.value.x` stands beside it): the holder's `for_each`
    /// expression, followed like any reference. Of a module input's references, those that end in `.x`
    /// (`module.dev.peering_connection_id` for `each.value.peering_connection_id`) are taken when there are any.
    private func eachValue(
        _ reference: String, among references: [String], holder: Resource?, budget: inout Int, context: Context
    ) -> [Resource] {
        guard let holder, let forEach = holder.references["for_each_expression"] else { return [] }
        let segments = Self.segments(reference)
        let attribute = segments.count >= 3 ? segments[2] : nil
        if attribute == nil, references.contains(where: { $0.hasPrefix("each.value.") }) { return [] }
        var result = [Resource]()
        for source in forEach {
            let parts = Self.segments(source)
            if parts.first == "var", parts.count >= 2, !holder.modulePath.isEmpty,
                let call = Resource.stripInstanceKeys(holder.modulePath),
                let inputs = document.moduleInputs[call]?[parts[1]]
            {
                let matching = attribute.map { name in inputs.filter { Self.segments($0).last == name } } ?? []
                let parent = Self.parent(of: holder.modulePath)
                for input in matching.isEmpty ? inputs : matching {
                    result += resolve(input, in: parent, depth: 1, budget: &budget, context: context)
                }
            } else if Self.isResourceReference(source) || parts.first == "module" || parts.first == "data" {
                result += resolve(source, in: holder.modulePath, depth: 1, budget: &budget, context: context)
            }
        }
        return result
    }

    /// What a reference of the holder reads with: the types an output-less module reference may land on, and
    /// the parts of the holder's `for_each` key (or its `count` index, `[2]`) that pick a module instance.
    private struct Context {
        var accepted: Set<String>?
        var keyParts: Set<String> = []
    }

    /// The parts of an instance key: `ecr.api/dev` has the parts `ecr.api/dev`, `ecr.api` and `dev`.
    static func parts(of key: String) -> Set<String> {
        let separators: Set<Character> = ["/", ":", "|", ",", " ", "="]
        return Set([key] + key.split(whereSeparator: { separators.contains($0) }).map(String.init))
    }

    /// The resource types whose ID an attribute of this name holds (the AWS provider's argument references,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs): the names the model links by.
    static let targetTypes: [String: Set<String>] = {
        let vpcs: Set = ["aws_vpc", "aws_default_vpc"]
        let groups: Set = ["aws_security_group", "aws_default_security_group"]
        let subnets: Set = ["aws_subnet", "aws_default_subnet"]
        let gatewayTables: Set = ["aws_ec2_transit_gateway_route_table"]
        return [
            "vpc_id": vpcs, "peer_vpc_id": vpcs, "host_vpc_id": vpcs,
            "subnet_id": subnets, "subnet_ids": subnets,
            "route_table_id": ["aws_route_table", "aws_default_route_table"],
            "route_table_ids": ["aws_route_table", "aws_default_route_table"],
            "security_group_id": groups, "security_group_ids": groups, "security_groups": groups,
            "source_security_group_id": groups, "referenced_security_group_id": groups,
            "vpc_endpoint_id": ["aws_vpc_endpoint"],
            "vpc_peering_connection_id": ["aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"],
            "transit_gateway_id": ["aws_ec2_transit_gateway"],
            "transit_gateway_attachment_id": [
                "aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_vpc_attachment_accepter",
            ],
            "transit_gateway_route_table_id": gatewayTables,
            "association_default_route_table_id": gatewayTables, "propagation_default_route_table_id": gatewayTables,
            "zone_id": ["aws_route53_zone"],
            "resolver_endpoint_id": ["aws_route53_resolver_endpoint"],
            "resolver_rule_id": ["aws_route53_resolver_rule"],
            "prefix_list_id": ["aws_ec2_managed_prefix_list"],
            "profile_id": ["aws_route53profiles_profile"],
            // Of a profile association: the VPC. Of a profile's resource association: a zone, rule or endpoint.
            "resource_id": vpcs,
            "resource_arn": ["aws_route53_zone", "aws_route53_resolver_rule", "aws_vpc_endpoint"],
        ]
    }()

    /// The one candidate a part of `key` names (its instance key, or a module instance or call on its path),
    /// else every candidate (see ``parts(of:)``).
    static func narrow(_ candidates: [Resource], byKey key: String) -> [Resource] {
        let parts = Self.parts(of: key)
        func names(_ resource: Resource) -> Set<String> {
            var names = Set<String>()
            if case .string(let own) = resource.index { names.insert(own) }
            let path = segments(resource.modulePath)
            var offset = 1
            while offset < path.count {
                let (call, index) = splitIndex(path[offset])
                names.insert(call)
                if let index, index.count > 4 { names.insert(String(index.dropFirst(2).dropLast(2))) }
                offset += 2
            }
            return names
        }
        let matching = candidates.filter { !names($0).isDisjoint(with: parts) }
        return matching.count == 1 ? matching : candidates
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

    private func resolve(
        _ reference: String, in modulePath: String, depth: Int, budget: inout Int, context: Context
    ) -> [Resource] {
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
            return references.flatMap { resolve($0, in: parent, depth: depth + 1, budget: &budget, context: context) }
        case "module":
            guard segments.count >= 2 else { return [] }
            let child = (modulePath.isEmpty ? "" : modulePath + ".") + "module." + segments[1]
            let (childName, _) = Self.splitIndex(segments[1])
            let childCall = (Resource.stripInstanceKeys(modulePath).map { $0 + "." } ?? "") + "module." + childName
            guard let outputs = document.moduleOutputs[childCall] else { return [] }
            let references: [String]
            if segments.count >= 3 {
                guard let named = outputs[segments[2]] else { return [] }
                references = named
            } else {
                // The output's name was dropped (`module.m[each.key].out`): every output, kept to the types
                // the attribute holds below; without them, nothing.
                guard context.accepted != nil else { return [] }
                references = outputs.keys.sorted().flatMap { outputs[$0] ?? [] }
            }
            var instances: [String]
            if segments[1].contains("[") {
                instances = [child]
            } else {
                // The instance the holder's own `for_each` key names, when one does (see ``narrow(_:byKey:)``),
                // looked up by key: a call of thousands of instances is not read per holder.
                let call = modulePath + "|" + childCall
                let keyed = context.keyParts.isEmpty ? [:] : names.keyed[call] ?? [:]
                let named = Set(context.keyParts.compactMap { keyed[$0] })
                instances = named.count == 1 ? Array(named) : names.instances[call] ?? []
            }
            let found = instances.flatMap { instance in
                references.flatMap { resolve($0, in: instance, depth: depth + 1, budget: &budget, context: context) }
            }
            guard segments.count == 2, let accepted = context.accepted else { return found }
            return found.filter { accepted.contains($0.type) }
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

    /// `module.a["x"]` -> `x`, `module.a[2]` -> `[2]` (as ``Context/keyParts`` holds a `count` index); nil for a
    /// module without an index.
    static func instanceKey(of modulePath: String) -> String? {
        guard let last = segments(modulePath).last, let index = splitIndex(last).1 else { return nil }
        guard index.count > 4, index.hasPrefix("[\""), index.hasSuffix("\"]") else {
            return Int(index.dropFirst().dropLast()) != nil ? index : nil
        }
        return String(index.dropFirst(2).dropLast(2))
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

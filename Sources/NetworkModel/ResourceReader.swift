import TerraformShow

/// Reads one resource's attributes for the model, following plan references where values are unknown.
struct ResourceReader {
    let origin: Origin
    let resolver: ReferenceResolver
    let environment: String
    /// The record in its document's array, read in place: a reader lives only while the model reads it
    /// (``ModelBuilder/add(_:environment:positions:)``), inside the array's `withUnsafeBufferPointer`.
    private let record: UnsafePointer<Resource>

    var resource: Resource {
        _read { yield record.pointee }
    }

    init(borrowing record: UnsafePointer<Resource>, origin: Origin, resolver: ReferenceResolver, environment: String) {
        self.record = record
        self.origin = origin
        self.resolver = resolver
        self.environment = environment
    }

    /// The model key of any resource: its ID (`zone_id` for zones), else a synthetic `ref:ENV:ADDRESS`.
    static func key(of resource: Resource, environment: String) -> String {
        let attribute = resource.type == "aws_route53_zone" ? "zone_id" : "id"
        if let id = resource.value(at: attribute)?.string ?? resource.value(at: "id")?.string, !id.isEmpty { return id }
        return "ref:\(environment):\(resource.address)"
    }

    var key: String { Self.key(of: resource, environment: environment) }

    /// The value at a dotted path. The loader keeps only the attributes ``ResourceType/attributes`` lists: in
    /// debug builds, reading one it drops stops here, so a test that reaches the read fails instead of the
    /// model finding nothing.
    func value(_ path: String) -> JSONValue? {
        assertKept(path)
        return resource.value(at: path)
    }

    /// True when the plan marks the value at `path` unknown (checked like ``value(_:)``).
    func isUnknown(_ path: String) -> Bool {
        assertKept(path)
        return resource.isUnknown(path)
    }

    private func assertKept(_ path: String) {
        assert(Self.keeps(resource.type, path), "\(resource.type).\(path) is read but not in ResourceType.attributes")
    }

    /// Whether the loader keeps the attribute `path` starts with for `type` (``LoadOptions/awsNetwork``).
    static func keeps(_ type: String, _ path: String) -> Bool {
        guard let kept = ResourceType.keptAttributes[type] else { return true }
        return kept.contains(String(path.prefix { $0 != "." }))
    }

    func string(_ path: String) -> String? {
        guard let text = value(path)?.string, !text.isEmpty else { return nil }
        return text
    }

    func bool(_ path: String) -> Bool? { value(path)?.bool }

    func int(_ path: String) -> Int? { value(path)?.int }

    func array(_ path: String) -> [JSONValue] { value(path)?.array ?? [] }

    /// Every tag: read of VPCs only, the types whose tags the loader keeps whole (``ResourceType/readsAllTags``).
    func tags() -> [String: String] {
        assert(
            ResourceType(rawValue: resource.type)?.readsAllTags != false, "\(resource.type) keeps only vpcelint: tags")
        var tags = [String: String]()
        for (key, value) in value("tags")?.object ?? [:] { tags[key] = value.string }
        return tags
    }

    /// Model keys an attribute links to (one ID or a list of IDs), resolving plan references when the
    /// value is unknown. `unresolved` is set when the value is unknown and no reference resolves it.
    func links(_ path: String) -> (keys: [String], unresolved: Unresolved?) {
        let value = value(path)
        var keys = value?.strings.filter { !$0.isEmpty } ?? []
        let unknown = isUnknown(path)
        guard keys.isEmpty || unknown else { return (keys, nil) }
        // A state has no references: the path is not rewritten for nothing.
        var references = [String]()
        var ofWholeAttribute = false
        if !resource.references.isEmpty {
            var parts = path.split(separator: ".").filter { Int($0) == nil }
            references = resource.references[parts.joined(separator: ".")] ?? []
            // An attribute written as blocks (`route { transit_gateway_id = ... }` of `aws_route_table`) has
            // its references only as a whole, under `route`: read them, kept to the attribute's types, for a
            // value the plan says is unknown (an empty one is another block's attribute left unset).
            while references.isEmpty, unknown, parts.count > 1 {
                parts.removeLast()
                references = resource.references[parts.joined(separator: ".")] ?? []
                ofWholeAttribute = true
            }
        }
        // None to resolve in a state: the record is not copied to be the holder of nothing.
        let targets =
            references.isEmpty
            ? []
            : resolver.resolve(
                references, in: resource.modulePath, holder: resource, attribute: path,
                ofWholeAttribute: ofWholeAttribute)
        keys += targets.map { Self.key(of: $0, environment: environment) }
        if keys.isEmpty, unknown {
            let reason =
                references.isEmpty
                ? "unknown until apply, and the configuration has no reference for it (a dynamic block or a local?)"
                : "unknown until apply; references \(references.joined(separator: ", ")) name no resource in this input"
            return ([], Unresolved(attribute: path, reason: reason))
        }
        // `slice(aws_subnet.private[*].id, 0, each.value.n)` references every instance, but the other
        // references decide which: the keys are an upper bound, and say so.
        let deciding = references.filter { reference in
            ["each.", "local.", "count."].contains { reference.hasPrefix($0) } && reference != "each.key"
                && reference != "count.index"
        }
        if unknown, targets.count > 1, !deciding.isEmpty {
            let reason =
                "unknown until apply; at most the \(targets.count) resources its references name (\(deciding.joined(separator: ", ")) decides which)"
            return (keys, Unresolved(attribute: path, reason: reason))
        }
        return (keys, nil)
    }

    /// The one key a single-valued attribute links to. References that match several resources
    /// (`x[each.value.k]`) are ambiguous: unresolved, never a guess.
    func link(_ path: String) -> (key: String?, unresolved: Unresolved?) {
        let (keys, unresolved) = links(path)
        guard keys.count > 1, Set(keys).count > 1, value(path)?.string == nil else {
            return (keys.first, unresolved)
        }
        let reason =
            "unknown until apply; its references match \(Set(keys).count) resources, and which one depends on values Terraform's JSON does not carry"
        return (nil, Unresolved(attribute: path, reason: reason))
    }

    /// Parsed CIDRs of a string or list attribute.
    func cidrs(_ path: String) -> [CIDR] {
        (value(path)?.strings ?? []).compactMap { CIDR($0) }
    }

    /// The networks of a string or list CIDR attribute, and each value that is not a network of the attribute's
    /// family (IPv6 when its name says so, else IPv4) with its reason. An empty string is an unset value (the
    /// provider writes `ipv6_cidr_block: ""`).
    func readCIDRs(_ path: String) -> (cidrs: [CIDR], unreadable: [Unresolved]) {
        guard let value = value(path), !value.isNull else { return ([], []) }
        return Self.readCIDRs(value, attribute: path)
    }

    static func readCIDRs(_ value: JSONValue, attribute: String) -> (cidrs: [CIDR], unreadable: [Unresolved]) {
        var cidrs = [CIDR]()
        var unreadable = [Unresolved]()
        // The attribute is the reader's own name (`ipv6_cidr_block`): its bytes say it.
        let isIPv6 = attribute.utf8.containsRun(of: "ipv6")
        for item in value.array ?? [value] {
            if item.isNull { continue }
            guard let text = item.string else {
                unreadable.append(Unresolved(attribute: attribute, reason: "\(item.kindName) is not a CIDR block"))
                continue
            }
            if text.isEmpty { continue }
            switch CIDR.read(text, ipv6: isIPv6) {
            case .success(let cidr): cidrs.append(cidr)
            case .failure(let problem): unreadable.append(Unresolved(attribute: attribute, reason: problem.reason))
            }
        }
        return (cidrs, unreadable)
    }
}

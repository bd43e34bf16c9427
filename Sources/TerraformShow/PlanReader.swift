/// Reads the plan form of `terraform show -json`: planned values joined with their changes (unknown and
/// sensitive markers, actions), the prior state, and the `configuration` references.
struct PlanReader {
    let reader: DocumentReader

    struct Change: Sendable {
        var actions: [String]
        /// `after` when it is an object (packed where the change is read, on a worker when streaming).
        var after: PackedJSON?
        var afterUnknown: JSONValue?
        var afterSensitive: JSONValue?
        /// Set for a deposed object (`create_before_destroy` leftovers): never part of the planned state.
        var deposed: String?
        var resource: Resource
    }

    func read(
        _ top: [String: JSONValue], formatVersion: String, terraformVersion: String?
    ) throws(LoadError) -> TerraformDocument {
        var planned = [Resource]()
        if let values = top["planned_values"], !values.isNull {
            try reader.requireObject(values, "$.planned_values")
            if values["child_modules"] != nil || values["resources"] != nil {
                throw reader.refuse(
                    "$.planned_values.child_modules",
                    "modules sit directly under `planned_values`, where Terraform puts them under `root_module`: this looks hand-written, not `terraform show -json` output",
                    hint: "generate the file with `terraform plan -out tfplan && terraform show -json tfplan`")
            }
            if let module = values["root_module"] {
                try reader.walkModule(module, jsonPath: "$.planned_values.root_module", into: &planned)
            }
        }
        let changes = try readChanges(top["resource_changes"])
        var prior = [Resource]()
        if let state = top["prior_state"], !state.isNull {
            try reader.requireObject(state, "$.prior_state")
            if let values = state["values"] {
                try reader.requireObject(values, "$.prior_state.values")
                if let module = values["root_module"] {
                    try reader.walkModule(module, jsonPath: "$.prior_state.values.root_module", into: &prior)
                }
            }
        }
        let configuration: ConfigurationReader.Result
        if let value = top["configuration"], case .configuration(let result)? = reader.chunks?.outcome(of: value) {
            configuration = try result.get()
        } else {
            configuration = try ConfigurationReader(reader: reader).read(top["configuration"])
        }

        // Terraform builds planned_values from every change of a current (not deposed) object whose action
        // is not delete (internal/command/jsonplan/values.go, marshalPlannedValues). A `forget` instance
        // stays in planned_values; a deposed object's change (delete, or no-op when it vanished) never joins.
        var byAddress = [String: Int]()
        for (offset, resource) in planned.enumerated() { byAddress[resource.address] = offset }
        var removed = Set<String>()
        for change in changes where change.deposed == nil {
            let deletes = change.actions.allSatisfy { $0 == "delete" || $0 == "forget" }
            if let offset = byAddress[change.resource.address] {
                planned[offset].actions = change.actions
                planned[offset].unknown = change.afterUnknown?.marks
                planned[offset].sensitive = change.afterSensitive?.marks ?? planned[offset].sensitive
            } else if deletes {
                removed.insert(change.resource.address)
            } else {
                // Some producers leave an instance out of planned_values: take it from the change.
                var resource = change.resource
                if let after = change.after { resource.packedValues = after }
                resource.actions = change.actions
                resource.unknown = change.afterUnknown?.marks
                resource.sensitive = change.afterSensitive?.marks
                byAddress[resource.address] = planned.count
                planned.append(resource)
            }
        }
        // Data sources read during planning have no change: they sit in the prior state only.
        for resource in prior
        where resource.mode == .data && byAddress[resource.address] == nil && !removed.contains(resource.address) {
            byAddress[resource.address] = planned.count
            planned.append(resource)
        }
        for offset in planned.indices {
            planned[offset].references = configuration.references[planned[offset].configAddress] ?? [:]
        }
        return TerraformDocument(
            path: reader.path, kind: .plan, formatVersion: formatVersion, terraformVersion: terraformVersion,
            resources: planned, priorResources: prior, moduleInputs: configuration.moduleInputs,
            moduleOutputs: configuration.moduleOutputs)
    }

    private func readChanges(_ value: JSONValue?) throws(LoadError) -> [Change] {
        guard let value, !value.isNull else { return [] }
        var changes = [Change]()
        try reader.forEachItem(
            of: value, at: "$.resource_changes", named: "resource_changes",
            chunk: { outcome in
                guard case .change(let result) = consume outcome else { return nil }
                return result
            },
            read: { item, path throws(LoadError) in try readChange(item, jsonPath: path) },
            each: { change in changes.append(change) }
        )
        return changes
    }

    /// Checks and copies one `resource_changes[]` item. `packedAfter` is its `change.after` when the chunk
    /// parser packed it (an empty object stands in `item`).
    func readChange(_ item: JSONValue, jsonPath: String, packedAfter: PackedJSON? = nil) throws(LoadError) -> Change {
        try reader.requireObject(item, jsonPath)
        let type = try reader.requiredString(item["type"], jsonPath + ".type")
        let name = try reader.requiredString(item["name"], jsonPath + ".name")
        let mode = try reader.readMode(item["mode"], jsonPath + ".mode")
        let index = try reader.readIndex(item["index"], jsonPath + ".index")
        let address = try reader.requiredString(item["address"], jsonPath + ".address")
        let modulePath = try reader.optionalString(item["module_address"], jsonPath + ".module_address") ?? ""
        let deposed = try reader.optionalString(item["deposed"], jsonPath + ".deposed")
        guard let change = item["change"] else { throw reader.refuse(jsonPath + ".change", "`change` is missing") }
        try reader.requireObject(change, jsonPath + ".change")
        guard let actions = change["actions"]?.array, actions.allSatisfy({ $0.string != nil }) else {
            throw reader.refuse(jsonPath + ".change.actions", "`actions` must be an array of strings")
        }
        let resource = Resource(
            address: address, mode: mode, type: reader.intern(type), name: name, modulePath: reader.intern(modulePath),
            index: index,
            providerName: reader.intern(
                try reader.optionalString(item["provider_name"], jsonPath + ".provider_name") ?? ""),
            values: .object([:]))
        return Change(
            actions: actions.compactMap(\.string),
            after: packedAfter ?? change["after"].flatMap { $0.object == nil ? nil : reader.pack($0) },
            afterUnknown: change["after_unknown"],
            afterSensitive: change["after_sensitive"], deposed: deposed, resource: resource)
    }
}

/// The references of each attribute expression in a plan's `configuration`, per resource and module call.
struct ConfigurationReader {
    let reader: DocumentReader

    struct Result: Sendable {
        /// Config address (`module.hub.aws_route.back`) -> attribute path -> references.
        var references: [String: [String: [String]]] = [:]
        /// Module call path (`module.hub`) -> input name -> references.
        var moduleInputs: [String: [String: [String]]] = [:]
        /// Module call path (`module.hub`) -> output name -> references of its value expression.
        var moduleOutputs: [String: [String: [String]]] = [:]
    }

    func read(_ value: JSONValue?) throws(LoadError) -> Result {
        var result = Result()
        guard let value, !value.isNull else { return result }
        try reader.requireObject(value, "$.configuration")
        if let root = value["root_module"] {
            try walk(root, prefix: "", jsonPath: "$.configuration.root_module", into: &result)
        }
        return result
    }

    private func walk(_ module: JSONValue, prefix: String, jsonPath: String, into result: inout Result)
        throws(LoadError)
    {
        try reader.requireObject(module, jsonPath)
        if !prefix.isEmpty, let outputs = module["outputs"]?.object {
            var references = [String: [String]]()
            for (name, output) in outputs {
                if let refs = output["expression"]?["references"]?.strings, !refs.isEmpty { references[name] = refs }
            }
            result.moduleOutputs[String(prefix.dropLast())] = references
        }
        if let list = module["resources"] {
            guard let items = list.array else {
                throw reader.refuse(jsonPath + ".resources", "`resources` is \(list.kindName), expected an array")
            }
            for (offset, item) in items.enumerated() {
                let itemPath = "\(jsonPath).resources[\(offset)]"
                try reader.requireObject(item, itemPath)
                let address = try reader.requiredString(item["address"], itemPath + ".address")
                var references = [String: [String]]()
                if let expressions = item["expressions"] { Self.collect(expressions, prefix: "", into: &references) }
                for key in ["count_expression", "for_each_expression"] {
                    if let refs = item[key]?["references"]?.strings, !refs.isEmpty { references[key] = refs }
                }
                result.references[prefix + address] = references
            }
        }
        if let calls = module["module_calls"] {
            guard let members = calls.object else {
                throw reader.refuse(
                    jsonPath + ".module_calls", "`module_calls` is \(calls.kindName), expected an object")
            }
            for (name, call) in members.sorted(by: { $0.key < $1.key }) {
                let callPath = "\(jsonPath).module_calls.\(name)"
                try reader.requireObject(call, callPath)
                let modulePrefix = prefix + "module." + name
                var inputs = [String: [String]]()
                if let expressions = call["expressions"] { Self.collect(expressions, prefix: "", into: &inputs) }
                for key in ["count_expression", "for_each_expression"] {
                    if let refs = call[key]?["references"]?.strings, !refs.isEmpty { inputs[key] = refs }
                }
                result.moduleInputs[modulePrefix] = inputs
                if let child = call["module"] {
                    try walk(child, prefix: modulePrefix + ".", jsonPath: callPath + ".module", into: &result)
                }
            }
        }
    }

    /// Flattens an `expressions` object: nested blocks become dotted paths (`ingress.cidr_blocks`).
    static func collect(_ expressions: JSONValue, prefix: String, into references: inout [String: [String]]) {
        guard let members = expressions.object else { return }
        for (key, value) in members {
            let path = prefix + key
            switch value {
            case .object(let inner) where inner["references"] != nil || inner["constant_value"] != nil:
                let refs = inner["references"]?.strings ?? []
                if !refs.isEmpty { references[path, default: []].append(contentsOf: refs) }
            case .object:
                collect(value, prefix: path + ".", into: &references)
            case .array(let blocks):
                for block in blocks { collect(block, prefix: path + ".", into: &references) }
            default:
                continue
            }
        }
    }
}

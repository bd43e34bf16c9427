import JSONC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells the kind of a parsed document by its content and flattens its modules into resources.
struct DocumentReader {
    let path: String
    /// The chunks parsed apart from the skeleton this reader walks (streaming loads only).
    var chunks: ChunkTable? = nil
    /// Shares the strings that repeat from resource to resource (set by each ``ChunkParser``).
    var interner: StringInterner? = nil
    /// Packs resources' values into shared arenas (set by each ``ChunkParser``; else each value has its own).
    var packer: ValuePacker? = nil

    func read(_ root: JSONValue) throws(LoadError) -> TerraformDocument {
        guard let top = root.object else {
            throw refuse(
                "$", "the file holds \(root.kindName), not the JSON object that `terraform show -json` writes")
        }
        if top["plan_format_version"] != nil {
            throw refuse(
                "$.plan_format_version",
                "this is an HCP Terraform redacted JSON plan (plan_format_version), not `terraform show -json` output",
                hint: "run `terraform plan -out tfplan && terraform show -json tfplan > plan.json` locally")
        }
        if top["function_signatures"] != nil {
            throw refuse(
                "$.function_signatures", "this is `terraform metadata functions -json` output, not a state or plan",
                hint: "run `terraform show -json` (state) or `terraform show -json PLANFILE` (plan)")
        }
        let isPlan = ["planned_values", "resource_changes", "prior_state", "configuration", "errored", "applyable"]
            .contains { top[$0] != nil }
        if top["provider_schemas"] != nil, !isPlan, top["values"] == nil {
            throw refuse(
                "$.provider_schemas", "this is `terraform providers schema -json` output, not a state or plan",
                hint: "run `terraform show -json` (state) or `terraform show -json PLANFILE` (plan)")
        }
        if let version = top["version"], top["format_version"] == nil {
            return try readRawState(top, version: version)
        }
        guard let formatVersion = top["format_version"] else {
            let keys = top.keys.sorted().prefix(6).joined(separator: ", ")
            throw refuse(
                "$",
                keys.isEmpty
                    ? "an empty JSON object is not `terraform show -json` output (no `format_version`)"
                    : "a JSON object without `format_version` (keys: \(keys)) is not `terraform show -json` output",
                hint: "run `terraform show -json > FILE` in the Terraform root, or `terraform show -json PLANFILE`")
        }
        guard let version = formatVersion.string else {
            throw refuse("$.format_version", "`format_version` is \(formatVersion.kindName), expected a string")
        }
        guard let major = version.split(separator: ".").first.flatMap({ Int($0) }) else {
            throw refuse("$.format_version", "format_version \"\(version)\" is not a version number")
        }
        guard major <= 1 else {
            throw refuse(
                "$.format_version", "format_version \(version) is newer than vpcelint understands (0.x and 1.x)",
                hint: "upgrade vpcelint")
        }
        let terraformVersion = try optionalString(top["terraform_version"], "$.terraform_version")
        if isPlan {
            return try PlanReader(reader: self).read(top, formatVersion: version, terraformVersion: terraformVersion)
        }
        var resources = [Resource]()
        // Once, up front: a state has a resource per chunk (an estimate per module would regrow the array).
        resources.reserveCapacity(chunks?.chunkCount ?? 0)
        if let values = top["values"], !values.isNull {
            try requireObject(values, "$.values")
            if let module = values["root_module"] {
                try walkModule(module, jsonPath: "$.values.root_module", into: &resources)
            }
        }
        return TerraformDocument(
            path: path, kind: .state, formatVersion: version, terraformVersion: terraformVersion, resources: resources)
    }

    // MARK: - Shapes shared by state and plan

    /// Flattens a `root_module` / `child_modules[]` tree (state `values`, `planned_values`, `prior_state.values`).
    func walkModule(_ module: JSONValue, jsonPath: String, into resources: inout [Resource]) throws(LoadError) {
        try requireObject(module, jsonPath)
        let moduleAddress = try optionalString(module["address"], jsonPath + ".address") ?? ""
        if let list = module["resources"] {
            try forEachItem(
                of: list, at: jsonPath + ".resources", named: "resources",
                chunk: { outcome in
                    guard case .resource(let result) = consume outcome else { return nil }
                    return result
                },
                read: { item, path throws(LoadError) in try readEntry(item, jsonPath: path) },
                each: { entry in resources.append(entry.resource(moduleAddress: moduleAddress)) }
            )
        }
        if let children = module["child_modules"] {
            guard let items = children.array else {
                throw refuse(jsonPath + ".child_modules", "`child_modules` is \(children.kindName), expected an array")
            }
            for (offset, child) in items.enumerated() {
                try walkModule(child, jsonPath: "\(jsonPath).child_modules[\(offset)]", into: &resources)
            }
        }
    }

    /// Hands `body` each item of the array `list` at `jsonPath` (`name` in errors), in order: from its chunk
    /// when the streaming loader parsed it apart (the whole array standing as one group placeholder, or the
    /// item as its own), else read from the tree by `read`. Errors carry the item's JSON path either way.
    func forEachItem<Item>(
        of list: JSONValue, at jsonPath: String, named name: String,
        chunk: (consuming ChunkOutcome) -> Result<Item, LoadError>?,
        read: (JSONValue, String) throws(LoadError) -> Item,
        each body: (consuming Item) -> Void
    ) throws(LoadError) {
        if let group = chunks?.group(of: list), let table = chunks {
            for (offset, id) in group.enumerated() {
                // Moved into `chunk`: a copy would count a reference of every string the item holds.
                guard let outcome = table.take(id), let result = chunk(consume outcome) else {
                    throw refuse("\(jsonPath)[\(offset)]", "internal error: the item was not read from its chunk")
                }
                body(try ChunkTable.relocate(result, to: "\(jsonPath)[\(offset)]"))
            }
            return
        }
        guard let items = list.array else {
            throw refuse(jsonPath, "`\(name)` is \(list.kindName), expected an array")
        }
        for (offset, item) in items.enumerated() {
            if let outcome = chunks?.outcome(of: item), let result = chunk(outcome) {
                body(try ChunkTable.relocate(result, to: "\(jsonPath)[\(offset)]"))
            } else {
                chunks?.noteReadOutsideChunks()
                body(try read(item, "\(jsonPath)[\(offset)]"))
            }
        }
    }

    /// Checks and copies the members of one module `resources[]` item; its address needs the module's.
    /// `packed` is its `values` when the chunk parser packed them (an empty object stands in `item`).
    func readEntry(_ item: JSONValue, jsonPath: String, packed: PackedJSON? = nil) throws(LoadError) -> ResourceEntry {
        try requireObject(item, jsonPath)
        let type = try requiredString(item["type"], jsonPath + ".type")
        let name = try requiredString(item["name"], jsonPath + ".name")
        let mode = try readMode(item["mode"], jsonPath + ".mode")
        let index = try readIndex(item["index"], jsonPath + ".index")
        let given = try optionalString(item["address"], jsonPath + ".address")
        let values = item["values"] ?? .object([:])
        if !values.isNull { try requireObject(values, jsonPath + ".values") }
        let provider = try optionalString(item["provider_name"], jsonPath + ".provider_name") ?? ""
        return entry(
            type: type, name: name, mode: mode, index: index, given: given, provider: provider,
            values: values.isNull ? .emptyObject : packed ?? pack(values), sensitive: item["sensitive_values"]?.marks)
    }

    /// The same for an item the chunk parser read as an envelope: one with nothing to refuse (see
    /// ``ResourceEnvelope``), its `sensitive_values` marking nothing.
    func readEntry(_ envelope: ResourceEnvelope) -> ResourceEntry {
        let mode: ResourceMode = envelope.mode == "data" ? .data : .managed
        let index: InstanceKey? =
            switch envelope.index {
            case nil: nil
            case .int(let number)?: .int(Int(number))
            case .string(let key)?: .string(key)
            }
        let values: PackedJSON =
            switch envelope.values {
            case .packed(let packed): packed
            case .unread: pack(.object([:]))
            case .null: .emptyObject
            }
        return entry(
            type: envelope.type, name: envelope.name, mode: mode, index: index, given: envelope.address,
            provider: envelope.providerName ?? "", values: values, sensitive: nil)
    }

    /// The entry of a read item, its repeated strings interned.
    private func entry(
        type: String, name: String, mode: ResourceMode, index: InstanceKey?, given: String?, provider: String,
        values: PackedJSON, sensitive: JSONValue?
    ) -> ResourceEntry {
        let modulePath = ResourceEntry.modulePath(in: given, mode: mode, type: type, name: name, index: index)
        return ResourceEntry(
            type: intern(type), name: name, mode: mode, index: index, givenAddress: given,
            providerName: intern(provider), values: values, sensitive: sensitive,
            modulePathInAddress: modulePath.map(intern))
    }

    /// The full address and module path of a resource instance in a module object.
    ///
    /// Terraform 0.12 writes state resources (`values`, `prior_state`) with the module-relative address
    /// and no instance key (`null_resource.baz` for `module.m.null_resource.baz[0]`), so the address in
    /// the file is kept only when it names this module and this key; otherwise it is rebuilt from the
    /// module's `address`, `mode`, `type`, `name` and `index`.
    static func fullAddress(
        _ given: String?, base: String, index: InstanceKey?, moduleAddress: String
    ) -> (address: String, modulePath: String) {
        let expected = (moduleAddress.isEmpty ? "" : moduleAddress + ".") + base
        let built = expected + (index?.description ?? "")
        guard let given, given != built else { return (built, moduleAddress) }
        let keyed = given.hasPrefix(expected + "[") && given.hasSuffix("]")
        // Same module and a key where there should be one: keep the file's spelling of the key.
        if index != nil, keyed { return (given, moduleAddress) }
        // A child module without `address`: take the module path from the resource address.
        if moduleAddress.isEmpty, given.hasPrefix("module.") {
            let marker = "." + base
            if index == nil, given.hasSuffix(marker) { return (given, String(given.dropLast(marker.count))) }
            if index != nil, given.hasSuffix("]"), let modulePath = text(of: given, before: marker + "[") {
                return (given, modulePath)
            }
        }
        return (built, moduleAddress)
    }

    /// The text of `given` before the first `piece` in it, nil when it holds none. By bytes when both are ASCII
    /// (there every byte is a character and no character joins the next, but `\r\n`, which `piece` neither
    /// starts nor ends with: the first match of bytes is the first match of characters); else by characters.
    /// Every address of a module listed without its `address` is cut here, on the thread that assembles the
    /// document: `firstRange(of:)` made a searcher per address (13% of a run of 8,000 such modules).
    static func text(of given: String, before piece: String) -> String? {
        guard let first = piece.utf8.first, first != UInt8(ascii: "\n"), piece.utf8.last != UInt8(ascii: "\r") else {
            return given.firstRange(of: piece).map { String(given[..<$0.lowerBound]) }
        }
        var given = given
        var piece = piece
        let found: Int?? = given.withUTF8 { text in
            piece.withUTF8 { pattern -> Int?? in
                guard text.allSatisfy({ $0 < 0x80 }), pattern.allSatisfy({ $0 < 0x80 }) else { return .none }
                guard pattern.count <= text.count else { return .some(nil) }
                for start in 0...(text.count - pattern.count) where text[start] == first {
                    if memcmp(text.baseAddress! + start, pattern.baseAddress!, pattern.count) == 0 { return start }
                }
                return .some(nil)
            }
        }
        guard let found else { return given.firstRange(of: piece).map { String(given[..<$0.lowerBound]) } }
        return found.map { String(decoding: given.utf8.prefix($0), as: UTF8.self) }
    }

    func readMode(_ value: JSONValue?, _ jsonPath: @autoclosure () -> String) throws(LoadError) -> ResourceMode {
        guard let value else { return .managed }
        guard let text = value.string, let mode = ResourceMode(rawValue: text) else {
            throw refuse(jsonPath(), "`mode` must be \"managed\" or \"data\"")
        }
        return mode
    }

    func readIndex(_ value: JSONValue?, _ jsonPath: @autoclosure () -> String) throws(LoadError) -> InstanceKey? {
        switch value {
        case nil, .null?: return nil
        case .string(let key)?: return .string(key)
        case let number?:
            guard let integer = number.int, number.string == nil else {
                throw refuse(jsonPath(), "an instance key is \(number.kindName), expected a number or a string")
            }
            return .int(integer)
        }
    }

    // MARK: - Raw state (what a backend stores)

    private func readRawState(_ top: [String: JSONValue], version: JSONValue) throws(LoadError) -> TerraformDocument {
        guard let number = version.int else {
            throw refuse("$.version", "`version` is \(version.kindName); expected a raw state's version number")
        }
        guard number == 4 else {
            throw refuse(
                "$.version",
                "this is a raw Terraform state of version \(number) (Terraform 0.11 or older), which vpcelint does not read",
                hint: "upgrade the state with Terraform 0.12 or later, then run `terraform show -json > FILE`")
        }
        guard let list = top["resources"] else {
            return TerraformDocument(
                path: path, kind: .rawState, formatVersion: "4",
                terraformVersion: try optionalString(top["terraform_version"], "$.terraform_version"), resources: [])
        }
        var resources = [Resource]()
        try forEachItem(
            of: list, at: "$.resources", named: "resources",
            chunk: { outcome in
                guard case .rawResource(let result) = consume outcome else { return nil }
                return result
            },
            read: { item, path throws(LoadError) in try readRawResource(item, jsonPath: path) },
            each: { instances in resources += instances }
        )
        return TerraformDocument(
            path: path, kind: .rawState, formatVersion: "4",
            terraformVersion: try optionalString(top["terraform_version"], "$.terraform_version"), resources: resources)
    }

    /// One raw-state `resources[]` item: a ``Resource`` per instance.
    func readRawResource(_ item: JSONValue, jsonPath: String) throws(LoadError) -> [Resource] {
        try requireObject(item, jsonPath)
        let type = try requiredString(item["type"], jsonPath + ".type")
        let name = try requiredString(item["name"], jsonPath + ".name")
        let mode = try readMode(item["mode"], jsonPath + ".mode")
        let module = try optionalString(item["module"], jsonPath + ".module") ?? ""
        let provider = try optionalString(item["provider"], jsonPath + ".provider") ?? ""
        guard let instances = (item["instances"] ?? .array([])).array else {
            throw refuse(jsonPath + ".instances", "`instances` is not an array")
        }
        var resources = [Resource]()
        for (position, instance) in instances.enumerated() {
            let instancePath = "\(jsonPath).instances[\(position)]"
            try requireObject(instance, instancePath)
            let index = try readIndex(instance["index_key"], instancePath + ".index_key")
            let local = (mode == .data ? "data." : "") + type + "." + name + (index?.description ?? "")
            let values = instance["attributes"] ?? .object([:])
            if !values.isNull { try requireObject(values, instancePath + ".attributes") }
            resources.append(
                Resource(
                    address: module.isEmpty ? local : module + "." + local, mode: mode, type: intern(type), name: name,
                    modulePath: intern(module), index: index, providerName: intern(Self.providerSource(provider)),
                    packedValues: values.isNull ? .emptyObject : pack(values)))
        }
        return resources
    }

    /// `provider["registry.terraform.io/hashicorp/aws"].alias` -> `registry.terraform.io/hashicorp/aws`.
    static func providerSource(_ text: String) -> String {
        guard let open = text.firstIndex(of: "\""), let close = text.lastIndex(of: "\""), open < close else {
            return text
        }
        return String(text[text.index(after: open)..<close])
    }

    // MARK: - Errors and type checks

    /// The hint for shape errors: the file looks like Terraform JSON but is not shaped as Terraform writes it.
    static let regenerateHint =
        "the file looks like Terraform JSON but not as `terraform show -json` writes it (hand-edited or made by "
        + "another tool?); regenerate it with `terraform show -json > FILE` (state) or "
        + "`terraform show -json PLANFILE` (plan)"

    /// `text`, or an equal string already held (see ``StringInterner``).
    func intern(_ text: String) -> String {
        interner?.intern(text) ?? text
    }

    /// `values` packed (see ``packer``).
    func pack(_ values: JSONValue) -> PackedJSON {
        packer?.pack(values) ?? PackedJSON(values)
    }

    func refuse(_ jsonPath: String, _ message: String, hint: String? = nil) -> LoadError {
        LoadError(path: path, jsonPath: jsonPath, message: message, hint: hint ?? Self.regenerateHint)
    }

    func requireObject(_ value: JSONValue, _ jsonPath: @autoclosure () -> String) throws(LoadError) {
        guard value.object != nil else { throw refuse(jsonPath(), "expected an object, found \(value.kindName)") }
    }

    func requiredString(_ value: JSONValue?, _ jsonPath: @autoclosure () -> String) throws(LoadError) -> String {
        guard let value else { throw refuse(jsonPath(), "a required string is missing") }
        guard let text = value.string else { throw refuse(jsonPath(), "expected a string, found \(value.kindName)") }
        return text
    }

    func optionalString(_ value: JSONValue?, _ jsonPath: @autoclosure () -> String) throws(LoadError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.string else { throw refuse(jsonPath(), "expected a string, found \(value.kindName)") }
        return text
    }
}

/// One item of a module's `resources` array, read before the module's address is known (the scanner meets
/// `resources` before `address` in Terraform's output).
struct ResourceEntry: Sendable {
    var type: String
    var name: String
    var mode: ResourceMode
    var index: InstanceKey?
    var givenAddress: String?
    var providerName: String
    /// Packed where the entry is read (on a worker thread when streaming): no tree waits for the assembly.
    var values: PackedJSON
    var sensitive: JSONValue?
    /// ``modulePath(in:mode:type:name:index:)`` of the given address.
    var modulePathInAddress: String?

    consuming func resource(moduleAddress: String) -> Resource {
        let address: String
        let modulePath: String
        if let given = givenAddress, modulePathInAddress == moduleAddress {
            // The common case, checked without building the address again.
            (address, modulePath) = (given, moduleAddress)
        } else {
            let base = (mode == .data ? "data." : "") + type + "." + name
            (address, modulePath) = DocumentReader.fullAddress(
                givenAddress, base: base, index: index, moduleAddress: moduleAddress)
        }
        return Resource(
            address: address, mode: mode, type: type, name: name, modulePath: modulePath, index: index,
            providerName: providerName, packedValues: values, sensitive: sensitive)
    }

    /// The module path `givenAddress` names if it is `MODULE.[data.]TYPE.NAME[INDEX]` (empty at the root), or
    /// nil. Found where the entry is read (on a worker thread when streaming), so the walk over the modules
    /// only compares it with the module's address.
    static func modulePath(
        in given: String?, mode: ResourceMode, type: String, name: String, index: InstanceKey?
    ) -> String? {
        guard let given else { return nil }
        if let answer = plainModulePath(in: given, mode: mode, type: type, name: name, index: index) { return answer }
        return generalModulePath(in: given, mode: mode, type: type, name: name, index: index)
    }

    /// ``modulePath(in:mode:type:name:index:)`` by building the local address and comparing characters.
    static func generalModulePath(
        in given: String, mode: ResourceMode, type: String, name: String, index: InstanceKey?
    ) -> String? {
        let local = (mode == .data ? "data." : "") + type + "." + name + (index?.description ?? "")
        guard given.hasSuffix(local) else { return nil }
        let prefix = given.utf8.dropLast(local.utf8.count)
        if prefix.isEmpty { return "" }
        guard prefix.count > 1, prefix.last == UInt8(ascii: ".") else { return nil }
        return String(Substring(prefix.dropLast()))
    }

    /// ``modulePath(in:mode:type:name:index:)`` read from the bytes, without building the local address, when
    /// everything is plain ASCII (the given address ASCII; type, name and key printable without `"` or `\`),
    /// where a byte suffix is a character suffix; nil (not `.some(nil)`) when it cannot tell.
    private static func plainModulePath(
        in given: String, mode: ResourceMode, type: String, name: String, index: InstanceKey?
    ) -> String?? {
        func plain(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            }
        }
        // The instance key as the address writes it, between its brackets.
        let (open, key, close): (String, String, String)
        switch index {
        case nil: (open, key, close) = ("", "", "")
        case .int(let number)?: (open, key, close) = ("[", String(number), "]")
        case .string(let text)?:
            guard plain(text) else { return nil }
            (open, key, close) = ("[\"", text, "\"]")
        }
        guard plain(type), plain(name) else { return nil }
        var given = given
        return given.withUTF8 { utf8 -> String?? in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            var end = utf8.count
            // Matches `piece` just before `end`, moving `end` before it.
            func ends(with piece: String) -> Bool {
                var piece = piece
                let matched = piece.withUTF8 { bytes in
                    guard bytes.count <= end else { return false }
                    guard let base = bytes.baseAddress, let whole = utf8.baseAddress else { return true }
                    return memcmp(whole + (end - bytes.count), base, bytes.count) == 0
                }
                if matched { end -= piece.utf8.count }
                return matched
            }
            guard ends(with: close), ends(with: key), ends(with: open), ends(with: name), ends(with: "."),
                ends(with: type), mode != .data || ends(with: "data.")
            else { return .some(nil) }
            if end == 0 { return "" }
            guard end > 1, utf8[end - 1] == UInt8(ascii: ".") else { return .some(nil) }
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[..<(end - 1)]), as: UTF8.self)
        }
    }

}

/// One copy of each string that repeats from resource to resource (types, providers, module paths): a large
/// state then holds one copy per distinct value instead of one per resource (~190 bytes a resource less).
/// Belongs to one parser, on one thread. Strings of up to 15 UTF-8 bytes are stored inline by Swift and
/// are passed through.
final class StringInterner {
    private var strings = Set<String>()
    /// How many strings it holds.
    var count: Int { strings.count }

    func intern(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        return strings.insert(text).memberAfterInsert
    }
}

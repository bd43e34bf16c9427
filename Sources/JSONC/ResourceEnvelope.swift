import CJSONC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a reader takes from one plain item of a module's `resources` array, read straight from json-c: no
/// ``JSONValue`` tree of the item is made, and its other members (`schema_version`, `depends_on`...) are only
/// checked for suspect numbers. Only an item with nothing to refuse or to look at closer has one
/// (``ChunkParser/parseResource(_:in:packer:pruning:)``): each member present has the kind a reader accepts,
/// and `sensitive_values` marks nothing. Any other item is copied as a value and read as before, so every
/// message about it stays the same.
package struct ResourceEnvelope {
    package var type: String
    package var name: String
    /// `mode`, when present: `managed` or `data`.
    package var mode: String?
    /// `index`, when present and not null.
    package var index: Index?
    /// `address` and `provider_name`, when present and not null.
    package var address: String?
    package var providerName: String?
    /// `values`: packed when it is an object whose type keeps values; ``Values/unread`` when the pruning drops
    /// it or it is missing (an empty object), ``Values/null`` when null.
    package var values: Values

    package enum Index {
        case int(Int64)
        case string(String)
    }

    package enum Values {
        case packed(PackedJSON)
        case unread
        case null
    }
}

extension ChunkParser {
    /// A resource item read as an envelope when it is plain (see ``ResourceEnvelope``), else copied as
    /// ``parse(_:in:peeking:packer:pruning:)`` copies it (with `type` peeked): the same failures either way.
    ///
    /// json-c first parses a copy of the item without what the pruning leaves out (``ResourceSkim``); when
    /// the copy cannot be made, or json-c or the reading finds anything to refuse in it, the item is parsed
    /// whole, so a failure is always found, and placed, in the item's own text.
    package func parseResource(
        _ chunk: StructureScanner.Chunk, in text: InputBytes, packer: ValuePacker?, pruning: (String?) -> Pruning
    ) -> Result<ParsedResource, SyntaxFailure> {
        if let skimmed = parseSkimmed(chunk, in: text, packer: packer, pruning: pruning) { return .success(skimmed) }
        return parsing(chunk, in: text, packer: packer) { root, state in
            readResource(root, pruning(JSONCConversion.string(member: "type", of: root)), packer: packer, state: &state)
        }
    }

    /// The item read from its skimmed copy, or nil when there is none or anything in it is to be refused.
    private func parseSkimmed(
        _ chunk: StructureScanner.Chunk, in text: InputBytes, packer: ValuePacker?, pruning: (String?) -> Pruning
    ) -> ParsedResource? {
        text.withUnsafeBytes { buffer -> ParsedResource? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.end <= buffer.count
            else { return nil }
            let output = skimSpace(chunk.end - chunk.start)
            var skim = ResourceSkim(
                text: base, end: chunk.end, output: output.bytes, stack: output.stack,
                depthLimit: Int(JSONCParser.maximumDepth) - chunk.depth - 8)
            // The copy holds `type` once, as a plain string: its pruning is the one json-c's tree would name.
            var rules: Pruning?
            let copied = skim.copy(from: chunk.start) { type in
                rules = pruning(valueStrings.key(bytes: type))
                return rules?.skimSelection
            }
            guard copied, let rules,
                case .success(let root) = parseJSON(
                    UnsafeRawBufferPointer(start: output.bytes, count: skim.written), from: 0, to: skim.written,
                    depth: chunk.depth)
            else { return nil }
            defer { json_object_put(root) }
            var state = ConversionState(keys: keys, packer: packer)
            let read = readResource(root, rules, packer: packer, state: &state)
            guard state.exhaustedAt == nil, !state.suspect else { return nil }
            return read
        }
    }

    /// The item as an envelope when it is plain, else as a value, under `rules` (its type's pruning).
    private func readResource(
        _ root: OpaquePointer, _ rules: Pruning, packer: ValuePacker?, state: inout ConversionState
    ) -> ParsedResource {
        if let envelope = envelope(root, rules, state: &state) { return .envelope(envelope) }
        // Read again from the start: what the envelope's reading found (a suspect number) is found again.
        state = ConversionState(keys: keys, packer: packer)
        let value = JSONCConversion.convert(root, rules, state: &state)
        return .value(Parsed(value: value, packed: state.packed))
    }

    /// A resource item: its envelope, or its value (see ``parseResource(_:in:packer:pruning:)``).
    package enum ParsedResource {
        case envelope(ResourceEnvelope)
        case value(Parsed)
    }

    /// The envelope of `object`, or nil when it is not plain. `values` is packed as the pruning's
    /// ``Pruning/packed`` asks, with the same checks; every other member's numbers are checked.
    private func envelope(
        _ object: OpaquePointer, _ pruning: Pruning, state: inout ConversionState
    ) -> ResourceEnvelope? {
        guard json_object_get_type(object) == json_type_object else { return nil }
        var type: String?
        var name: String?
        var mode: String?
        var index: ResourceEnvelope.Index?
        var address: String?
        var providerName: String?
        var values: (key: UnsafePointer<CChar>, value: OpaquePointer)?
        var valuesNull = false
        var plain = true
        JSONCConversion.forEachMember(object) { key, value in
            guard plain else { return }
            switch Member(key) {
            case .type?:
                guard let text = Self.string(value, cached: valueStrings) else {
                    plain = false
                    return
                }
                type = text
            case .name?:
                guard let text = Self.string(value, cached: nil) else {
                    plain = false
                    return
                }
                name = text
            case .mode?:
                guard let text = Self.string(value, cached: valueStrings), text == "managed" || text == "data" else {
                    plain = false
                    return
                }
                mode = text
            case .index?:
                guard let value else { return }
                switch json_object_get_type(value) {
                case json_type_null: break
                case json_type_string: index = .string(JSONCConversion.string(value))
                case json_type_int:
                    let number = json_object_get_int64(value)
                    if number == .max || number == .min { state.suspect = true }
                    index = .int(number)
                default: plain = false
                }
            case .address?:
                guard let value, json_object_get_type(value) != json_type_null else { return }
                guard json_object_get_type(value) == json_type_string else {
                    plain = false
                    return
                }
                address = JSONCConversion.string(value)
            case .providerName?:
                guard let value, json_object_get_type(value) != json_type_null else { return }
                guard let text = Self.string(value, cached: valueStrings) else {
                    plain = false
                    return
                }
                providerName = text
            case .values?:
                switch value.map(json_object_get_type) {
                case nil, json_type_null?: valuesNull = true
                case json_type_object?: values = value.map { (key, $0) }
                default: plain = false
                }
            case .sensitiveValues?:
                // Marks are rare: an item with any is read as a value, where only the kept attributes' count.
                guard let value else { return }
                if Self.holdsTrue(value) {
                    plain = false
                    return
                }
                if !state.suspect, JSONCConversion.holdsSuspectNumber(value) { state.suspect = true }
            case nil:
                if !state.suspect, let value, JSONCConversion.holdsSuspectNumber(value) { state.suspect = true }
            }
        }
        guard plain, let type, let name else { return nil }
        let read: ResourceEnvelope.Values
        if valuesNull {
            read = .null
        } else if let (key, value) = values {
            if pruning.stubbed.contains(where: { JSONCConversion.matches(key, $0) }) {
                // Dropped, its numbers checked as a stub's are: an empty object.
                if !state.suspect, JSONCConversion.holdsSuspectNumber(value) { state.suspect = true }
                read = .unread
            } else if let packed = JSONCConversion.packed(key, value, pruning, state: &state) {
                read = .packed(packed)
            } else {
                // Kept but not packed from json-c: copied as a value, as before.
                return nil
            }
        } else {
            read = .unread  // missing: an empty object
        }
        return ResourceEnvelope(
            type: type, name: name, mode: mode, index: index, address: address, providerName: providerName, values: read
        )
    }

    /// The members an envelope reads, by their key.
    private enum Member {
        case type, name, mode, index, address, providerName, values, sensitiveValues

        init?(_ key: UnsafePointer<CChar>) {
            switch UInt8(bitPattern: key[0]) {
            case UInt8(ascii: "t") where strcmp(key, "type") == 0: self = .type
            case UInt8(ascii: "n") where strcmp(key, "name") == 0: self = .name
            case UInt8(ascii: "m") where strcmp(key, "mode") == 0: self = .mode
            case UInt8(ascii: "i") where strcmp(key, "index") == 0: self = .index
            case UInt8(ascii: "a") where strcmp(key, "address") == 0: self = .address
            case UInt8(ascii: "p") where strcmp(key, "provider_name") == 0: self = .providerName
            case UInt8(ascii: "v") where strcmp(key, "values") == 0: self = .values
            case UInt8(ascii: "s") where strcmp(key, "sensitive_values") == 0: self = .sensitiveValues
            default: return nil
            }
        }
    }

    /// A json-c string as a Swift string (nil when `value` is not a string); through `cache` when it holds no
    /// NUL (the cache reads C strings), for values that repeat from item to item (types, providers).
    private static func string(_ value: OpaquePointer?, cached cache: KeyCache?) -> String? {
        guard let value, json_object_get_type(value) == json_type_string else { return nil }
        if let cache, let text = json_object_get_string(value), strlen(text) == Int(json_object_get_string_len(value)) {
            return cache.key(text)
        }
        return JSONCConversion.string(value)
    }

    /// True when the tree holds the boolean `true` (a mark, in `sensitive_values`).
    private static func holdsTrue(_ root: OpaquePointer) -> Bool {
        var pending = [root]
        while let object = pending.popLast() {
            switch json_object_get_type(object) {
            case json_type_boolean: if json_object_get_boolean(object) != 0 { return true }
            case json_type_array:
                for index in 0..<json_object_array_length(object) {
                    if let item = json_object_array_get_idx(object, index) { pending.append(item) }
                }
            case json_type_object:
                JSONCConversion.forEachMember(object) { _, value in
                    if let value { pending.append(value) }
                }
            default: break
            }
        }
        return false
    }
}

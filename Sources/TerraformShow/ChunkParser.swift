import CJSONC

/// What one chunk turned into: Sendable Swift values (or the error to raise when a reader reaches it),
/// never a json-c pointer.
enum ChunkOutcome: Sendable {
    case resource(Result<ResourceEntry, LoadError>)
    case change(Result<PlanReader.Change, LoadError>)
    case configuration(Result<ConfigurationReader.Result, LoadError>)
    /// A raw state's resource: one ``Resource`` per instance.
    case rawResource(Result<[Resource], LoadError>)
    /// json-c refused the bytes; the offset is absolute in the file.
    case syntax(JSONCParser.Failure)
}

/// Parses chunks with json-c, one tokener per nesting depth, reused from chunk to chunk. Belongs to one
/// task: json-c objects and tokeners never cross threads.
final class ChunkParser {
    private let reader: DocumentReader
    private let keepValues: @Sendable (String) -> Bool
    private var tokeners: [Int: UnsafeMutablePointer<json_tokener>] = [:]

    init(path: String, keepValues: @escaping @Sendable (String) -> Bool) {
        reader = DocumentReader(path: path, interner: StringInterner())
        self.keepValues = keepValues
    }

    deinit {
        for tokener in tokeners.values { json_tokener_free(tokener) }
    }

    /// Parses `chunk` of `text` and reads it as its kind asks.
    func parse(_ chunk: StructureScanner.Chunk, in text: UnsafeRawBufferPointer) -> ChunkOutcome {
        let root: OpaquePointer
        switch parseJSON(chunk, text) {
        case .success(let object): root = object
        case .failure(let failure): return .syntax(failure)
        }
        defer { json_object_put(root) }
        var suspect = false
        switch chunk.kind {
        case .moduleResource:
            let keep = JSONCParser.string(member: "type", of: root).map(keepValues) ?? true
            let item = JSONCParser.convert(
                root, stubbing: keep ? [] : ["values", "sensitive_values"], suspect: &suspect)
            if let fault = numberFault(suspect, chunk, text) { return fault }
            return .resource(Result { () throws(LoadError) in try reader.readEntry(item, jsonPath: "") })
        case .resourceChange:
            let keep = JSONCParser.string(member: "type", of: root).map(keepValues) ?? true
            // `before` is never read; `after*` only for the types whose values are kept.
            let unread: [StaticString] =
                keep
                ? ["before", "before_sensitive"]
                : ["before", "before_sensitive", "after", "after_unknown", "after_sensitive"]
            let item = JSONCParser.convert(
                root, stubbing: [], nested: "change", nestedStubbing: unread, suspect: &suspect)
            if let fault = numberFault(suspect, chunk, text) { return fault }
            return .change(
                Result { () throws(LoadError) in try PlanReader(reader: reader).readChange(item, jsonPath: "") })
        case .rawResource:
            // Instances keep their attributes only for the types whose values are kept; what no reader looks
            // at (`private`, the dependency lists) is never built.
            let keep = JSONCParser.string(member: "type", of: root).map(keepValues) ?? true
            let unread: [StaticString] =
                keep
                ? ["private", "dependencies", "sensitive_attributes"]
                : ["private", "dependencies", "sensitive_attributes", "attributes", "attributes_flat"]
            let value = JSONCParser.convert(root, stubbingEvery: unread, suspect: &suspect)
            if let fault = numberFault(suspect, chunk, text) { return fault }
            return .rawResource(Result { () throws(LoadError) in try reader.readRawResource(value, jsonPath: "") })
        case .configuration:
            // Only the references of expressions are read: constant values (policies, user data) are not built.
            let value = JSONCParser.convert(root, stubbingEvery: ["constant_value"], suspect: &suspect)
            if let fault = numberFault(suspect, chunk, text) { return fault }
            return .configuration(
                Result { () throws(LoadError) in try ConfigurationReader(reader: reader).read(value) })
        }
    }

    /// A number json-c clamped or a non-finite one in the chunk, as a syntax error at its place.
    private func numberFault(
        _ suspect: Bool, _ chunk: StructureScanner.Chunk, _ text: UnsafeRawBufferPointer
    ) -> ChunkOutcome? {
        guard suspect, let fault = NumberFault.first(in: text, from: chunk.start, to: chunk.end) else { return nil }
        return .syntax(.init(offset: fault.offset, reason: fault.reason, trailingContent: false))
    }

    private func tokener(depth: Int) -> UnsafeMutablePointer<json_tokener>? {
        if let tokener = tokeners[depth] { return tokener }
        // The chunk sits `depth` containers deep: allow it what the whole document would.
        guard let tokener = json_tokener_new_ex(max(1, JSONCParser.maximumDepth - Int32(depth))) else { return nil }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        tokeners[depth] = tokener
        return tokener
    }

    private func parseJSON(
        _ chunk: StructureScanner.Chunk, _ text: UnsafeRawBufferPointer
    ) -> Result<OpaquePointer, JSONCParser.Failure> {
        guard let tokener = tokener(depth: chunk.depth),
            let base = text.baseAddress?.assumingMemoryBound(to: CChar.self)
        else {
            return .failure(
                .init(offset: chunk.start, reason: "json-c could not allocate a tokener", trailingContent: false))
        }
        json_tokener_reset(tokener)
        var consumed = chunk.start
        let piece = Int(Int32.max / 2)
        while consumed < chunk.end {
            let length = min(piece, chunk.end - consumed)
            let object = json_tokener_parse_ex(tokener, base + consumed, Int32(length))
            let error = json_tokener_get_error(tokener)
            if error == json_tokener_continue {
                consumed += length
                continue
            }
            let end = consumed + Int(json_tokener_get_parse_end(tokener))
            guard error == json_tokener_success, let object else {
                if let object { json_object_put(object) }
                return .failure(.init(offset: end, reason: JSONCParser.describe(error), trailingContent: false))
            }
            guard end == chunk.end else {
                // The scanner closes a chunk where its brackets balance, as json-c does: not reached.
                json_object_put(object)
                return .failure(.init(offset: end, reason: "invalid JSON", trailingContent: false))
            }
            return .success(object)
        }
        return .failure(
            .init(offset: chunk.end, reason: JSONCParser.describe(json_tokener_error_parse_eof), trailingContent: false)
        )
    }
}

/// The outcomes of a streaming load's chunks, found by the placeholders left in the skeleton. They stay in
/// the batches the workers returned (chunk ids run on from batch to batch), and the reader *takes* those of
/// a group, moving each out instead of copying it: a 500 MB state has ~400,000 of them.
///
/// `@unchecked Sendable`: one reader owns it, on one thread, after the workers are done.
final class ChunkTable: @unchecked Sendable {
    /// Each placeholder is the JSON string `marker + id` (or `marker + "g" + id` for a group); the marker
    /// holds a per-load random part so that no string in the file can pass for one.
    let marker: String
    /// The chunk ids of each group (``StructureScanner/Group``).
    let groups: [Range<Int>]
    private var batches: [[ChunkOutcome?]]
    /// The first chunk id of each batch.
    private let starts: [Int]
    /// How many chunks the table holds.
    let chunkCount: Int

    init(marker: String, batches: [[ChunkOutcome?]], groups: [Range<Int>] = []) {
        self.marker = marker
        self.groups = groups
        self.batches = batches
        var starts = [Int]()
        var next = 0
        for batch in batches {
            starts.append(next)
            next += batch.count
        }
        self.starts = starts
        chunkCount = next
    }

    /// The fault of the first chunk json-c refused, in file order.
    var firstSyntaxFailure: JSONCParser.Failure? {
        for batch in batches {
            for case .syntax(let failure)? in batch { return failure }
        }
        return nil
    }

    /// The chunk ids of the group an array was replaced by, if `item` is a group's placeholder.
    func group(of item: JSONValue) -> Range<Int>? {
        guard case .string(let text) = item, text.hasPrefix(marker) else { return nil }
        let rest = text.dropFirst(marker.count)
        guard rest.first == "g", let id = Int(rest.dropFirst()), groups.indices.contains(id) else { return nil }
        return groups[id]
    }

    /// A chunk's outcome by its placeholder, left in place (chunks outside groups are few).
    func outcome(of item: JSONValue) -> ChunkOutcome? {
        guard case .string(let text) = item, text.hasPrefix(marker),
            let id = Int(text.dropFirst(marker.count)), (0..<chunkCount).contains(id)
        else { return nil }
        let (batch, offset) = locate(id)
        return batches[batch][offset]
    }

    /// Moves the outcome of chunk `id` out of the table (each chunk of a group is read once).
    func take(_ id: Int) -> ChunkOutcome? {
        guard (0..<chunkCount).contains(id) else { return nil }
        let (batch, offset) = locate(id)
        var taken: ChunkOutcome? = nil
        swap(&taken, &batches[batch][offset])
        return consume taken
    }

    private func locate(_ id: Int) -> (batch: Int, offset: Int) {
        // The last batch that starts at or before `id`.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= id { low = middle } else { high = middle - 1 }
        }
        return (low, id - starts[low])
    }

    /// A chunk's value, or its error with the JSON path of the item it came from.
    static func relocate<Value>(
        _ result: consuming Result<Value, LoadError>, to jsonPath: @autoclosure () -> String
    ) throws(LoadError) -> Value {
        switch result {
        case .success(let value): return value
        case .failure(var error):
            error.jsonPath = jsonPath() + (error.jsonPath ?? "")
            throw error
        }
    }
}

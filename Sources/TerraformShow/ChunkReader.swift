import JSONC
import Synchronization

/// What one chunk turned into: Sendable Swift values (or the error to raise when a reader reaches it),
/// never a json-c pointer.
enum ChunkOutcome: Sendable {
    case resource(Result<ResourceEntry, LoadError>)
    case change(Result<PlanReader.Change, LoadError>)
    case configuration(Result<ConfigurationReader.Result, LoadError>)
    /// A raw state's resource: one ``Resource`` per instance.
    case rawResource(Result<[Resource], LoadError>)
    /// json-c refused the bytes; the offset is absolute in the file.
    case syntax(SyntaxFailure)
}

/// What a chunk holds, by where it sits in a `terraform show -json` document or a raw state
/// (``StructureScanner/Chunk/kind``, numbered by ``terraformGrammar``).
enum ChunkKind: Int {
    /// An object of a module's `resources` (`values`, `planned_values`, `prior_state.values`, from
    /// `root_module` down through `child_modules`).
    case moduleResource
    /// An object of `resource_changes`.
    case resourceChange
    /// The `configuration` object.
    case configuration
    /// A raw state's `resources[]` item, with its `instances`.
    case rawResource
}

extension StructureScanner.Grammar {
    /// Where the large repeated parts of Terraform's documents sit: each object in a `resources` array of a
    /// module, each object of `resource_changes`, the `configuration` object; and in a raw state (what a
    /// backend stores), each object of the top-level `resources` array (show -json keeps its resources under
    /// `root_module`).
    static let terraform = StructureScanner.Grammar([
        // 0: the document
        .object([
            ("values", .container(1)), ("planned_values", .container(1)), ("prior_state", .container(2)),
            ("resource_changes", .container(5)), ("configuration", .chunk(kind: ChunkKind.configuration.rawValue)),
            ("resources", .container(6)),
        ]),
        // 1: `values`, `planned_values`
        .object([("root_module", .container(3))]),
        // 2: `prior_state`
        .object([("values", .container(1))]),
        // 3: a module
        .object([("resources", .container(4)), ("child_modules", .container(7))]),
        // 4: a module's `resources`
        .array(elements: .chunk(kind: ChunkKind.moduleResource.rawValue)),
        // 5: `resource_changes`
        .array(elements: .chunk(kind: ChunkKind.resourceChange.rawValue)),
        // 6: a raw state's `resources`
        .array(elements: .chunk(kind: ChunkKind.rawResource.rawValue)),
        // 7: `child_modules`
        .array(elements: .container(3)),
    ])
}

/// What a ``ChunkReader`` parses, interns and packs with. One task uses a set at a time.
final class ReadingTools: @unchecked Sendable {
    let parser = ChunkParser()
    fileprivate(set) var interner = StringInterner()
    let packer = ValuePacker()
}

/// Sets of ``ReadingTools`` lent to the tasks that read chunks: the batches of an input, and the inputs of a
/// run (the 2,001 files of one hub), share their parsers' caches, interned strings and arenas instead of each
/// task making its own (the 2,000-spoke hub as 2,001 files: 84 -> 74-76 MiB peak RSS and a little faster; a large
/// input's batches: no change). The lock orders one task's use of a set before the next's.
final class ReadingToolPool: Sendable {
    /// The pool every ``ChunkReader`` borrows from.
    static let shared = ReadingToolPool()

    private let sets = Mutex<[ReadingTools]>([])
    /// The most sets the pool keeps (more exist only while more tasks read at once).
    let capacity: Int
    /// A set whose interner holds more strings than this gets a new one when it is given back: a long-lived
    /// process reading input after input does not keep every module path it met.
    let internedLimit: Int

    init(capacity: Int = 16, internedLimit: Int = 1 << 16) {
        self.capacity = capacity
        self.internedLimit = internedLimit
    }

    /// A set for one task, until ``giveBack(_:)``.
    func borrow() -> ReadingTools {
        sets.withLock { $0.popLast() } ?? ReadingTools()
    }

    func giveBack(_ tools: ReadingTools) {
        if tools.interner.count > internedLimit { tools.interner = StringInterner() }
        sets.withLock { sets in
            if sets.count < capacity { sets.append(tools) }
        }
    }

    /// How many sets it holds now.
    var count: Int { sets.withLock { $0.count } }
}

/// Parses chunks (json-c, through ``ChunkParser``) and reads each as its kind asks. Belongs to one task.
final class ChunkReader {
    private let reader: DocumentReader
    private let keepValues: @Sendable (String) -> Bool
    private let keptAttributes: @Sendable (String) -> Set<String>?
    private let keptPrefixes: @Sendable (String) -> [String: String]
    private let tools: ReadingTools
    private var parser: ChunkParser { tools.parser }
    /// What each kind of chunk keeps of each type met (``pruning(_:type:)``), made once per type: the kept
    /// attributes as the parser looks them up (``KeptKeys``), and the lists of members to leave out.
    private var prunings = [PruningKey: Pruning]()

    private struct PruningKey: Hashable {
        var kind: ChunkKind
        var type: String?
    }

    deinit {
        ReadingToolPool.shared.giveBack(tools)
    }

    init(path: String, options: LoadOptions) {
        tools = ReadingToolPool.shared.borrow()
        reader = DocumentReader(path: path, interner: tools.interner, packer: tools.packer)
        keepValues = options.keepValues
        keptAttributes = options.keptAttributes
        keptPrefixes = options.keptPrefixes
    }

    /// What a chunk of `kind` about a resource of `type` (nil when it names none) keeps.
    private func pruning(_ kind: ChunkKind, type: String?) -> Pruning {
        let key = PruningKey(kind: kind, type: type)
        if let known = prunings[key] { return known }
        let made = makePruning(kind, type: type)
        // A file may name any number of types: past what AWS has, they are made each time.
        if prunings.count < 4096 { prunings[key] = made }
        return made
    }

    private func makePruning(_ kind: ChunkKind, type: String?) -> Pruning {
        let keeps = type.map(keepValues) ?? true
        // Of the types whose values are kept, only the attributes ``LoadOptions/keptAttributes`` names.
        let kept = keeps ? type.flatMap(keptAttributes).map(KeptKeys.init) : nil
        let prefixes = keeps ? type.map(keptPrefixes) ?? [:] : [:]
        switch kind {
        case .moduleResource:
            // `values` go straight from json-c into the reader's arenas.
            return keeps
                ? Pruning.none.selecting(["values", "sensitive_values"], kept: kept, prefixes: prefixes).packing(
                    "values")
                : .members(["values", "sensitive_values"])
        case .resourceChange:
            // `before` is never read; `after*` only for the types whose values are kept.
            let unread: [StaticString] =
                keeps
                ? ["before", "before_sensitive"]
                : ["before", "before_sensitive", "after", "after_unknown", "after_sensitive"]
            return .members([], nested: "change", nestedStubbing: unread)
                .selecting([], nested: ["after", "after_unknown", "after_sensitive"], kept: kept, prefixes: prefixes)
                .packing(nil, nested: "after")
        case .rawResource:
            // Instances keep their attributes only for the types whose values are kept; what no reader looks
            // at (`private`, the dependency lists) is never built.
            return keeps
                ? Pruning.everywhere(["private", "dependencies", "sensitive_attributes"])
                    .selecting(["attributes"], kept: kept, prefixes: prefixes)
                : .everywhere(["private", "dependencies", "sensitive_attributes", "attributes", "attributes_flat"])
        case .configuration:
            // Only the references of expressions are read: constant values (policies, user data) are not built.
            return .everywhere(["constant_value"])
        }
    }

    /// Parses `chunk` of `text` and reads it as its kind asks.
    func read(_ chunk: StructureScanner.Chunk, in text: InputBytes) -> ChunkOutcome {
        switch ChunkKind(rawValue: chunk.kind) {
        case .moduleResource?:
            let parsed = parser.parseResource(chunk, in: text, packer: reader.packer) { type in
                pruning(.moduleResource, type: type)
            }
            switch parsed {
            case .success(.envelope(let envelope)): return .resource(.success(reader.readEntry(envelope)))
            case .success(.value(let parsed)):
                return .resource(
                    Result { () throws(LoadError) in
                        try reader.readEntry(parsed.value, jsonPath: "", packed: parsed.packed)
                    })
            case .failure(let failure): return .syntax(failure)
            }
        case .resourceChange?:
            let parsed = parser.parse(chunk, in: text, peeking: "type", packer: reader.packer) { type in
                pruning(.resourceChange, type: type)
            }
            return outcome(parsed) { item, packed in
                .change(
                    Result { () throws(LoadError) in
                        try PlanReader(reader: reader).readChange(item, jsonPath: "", packedAfter: packed)
                    })
            }
        case .rawResource?:
            let parsed = parser.parse(chunk, in: text, peeking: "type") { type in pruning(.rawResource, type: type) }
            return outcome(parsed) { value, _ in
                .rawResource(Result { () throws(LoadError) in try reader.readRawResource(value, jsonPath: "") })
            }
        case .configuration?, nil:  // `.terraform` gives no other kind
            let parsed = parser.parse(chunk, in: text, peeking: nil) { _ in pruning(.configuration, type: nil) }
            return outcome(parsed) { value, _ in
                .configuration(Result { () throws(LoadError) in try ConfigurationReader(reader: reader).read(value) })
            }
        }
    }

    private func outcome(
        _ parsed: Result<ChunkParser.Parsed, SyntaxFailure>, _ read: (JSONValue, PackedJSON?) -> ChunkOutcome
    ) -> ChunkOutcome {
        switch parsed {
        case .success(let parsed): return read(parsed.value, parsed.packed)
        case .failure(let failure): return .syntax(failure)
        }
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
    /// Whether a reader read an item of a list in place, not from a chunk (its values are not pruned).
    private(set) var readOutsideChunks = false

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

    func noteReadOutsideChunks() { readOutsideChunks = true }

    /// The fault of the first chunk json-c refused, in file order.
    var firstSyntaxFailure: SyntaxFailure? {
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

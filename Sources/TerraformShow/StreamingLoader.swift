import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a document without ever building its whole json-c tree: ``StructureScanner`` finds the chunks,
/// each is parsed and read on its own (on all cores when asked), and json-c then parses the small
/// skeleton left around them, with a placeholder string standing for each chunk.
///
/// Errors are the ones the whole-tree parse gives: json-c reports a fault at the same byte whether it
/// meets it in a chunk or in the skeleton (offsets are mapped back to the file), the earliest one wins,
/// and shape errors inside a chunk are raised when the reader reaches its placeholder, in the same order.
struct StreamingLoader {
    let text: [UInt8]
    let path: String
    let options: LoadOptions
    let chunks: [StructureScanner.Chunk]
    let groups: [StructureScanner.Group]
    let marker: String

    init(text: [UInt8], path: String, options: LoadOptions) {
        self.text = text
        self.path = path
        self.options = options
        let layout = text.withUnsafeBytes { StructureScanner.layout($0) }
        chunks = layout.chunks
        groups = layout.groups
        marker = "\u{1}" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + "#"
    }

    /// Parses every chunk on the calling thread.
    func loadSequentially() throws(LoadError) -> TerraformDocument {
        try finish(parse(chunks.indices))
    }

    /// Parses the chunks in batches on all cores (GCD workers, so synchronous callers can use it too); the
    /// result does not depend on the scheduling. `batchBytes` overrides the batch size (tests use tiny
    /// batches to exercise the merge).
    func loadInParallel(batchBytes: Int? = nil) throws(LoadError) -> TerraformDocument {
        let batches = Self.batches(chunks, target: batchBytes)
        guard batches.count > 1 else { return try loadSequentially() }
        let parts = Mutex([[ChunkOutcome]](repeating: [], count: batches.count))
        DispatchQueue.concurrentPerform(iterations: batches.count) { number in
            let part = parse(batches[number])
            parts.withLock { $0[number] = part }
        }
        return try finish(parts.withLock { $0.flatMap { $0 } })
    }

    /// Consecutive chunks of about `target` bytes each: enough batches to keep every core busy.
    static func batches(_ chunks: [StructureScanner.Chunk], target given: Int? = nil) -> [Range<Int>] {
        let total = chunks.reduce(0) { $0 + ($1.end - $1.start) }
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let target = given ?? max(1 << 20, total / (cores * 8))
        var batches = [Range<Int>]()
        var start = 0
        var size = 0
        for (offset, chunk) in chunks.enumerated() {
            size += chunk.end - chunk.start
            if size >= target {
                batches.append(start..<(offset + 1))
                start = offset + 1
                size = 0
            }
        }
        if start < chunks.count { batches.append(start..<chunks.count) }
        return batches
    }

    private func parse(_ range: Range<Int>) -> [ChunkOutcome] {
        let parser = ChunkParser(path: path, keepValues: options.keepValues)
        return text.withUnsafeBytes { buffer in
            var outcomes = [ChunkOutcome]()
            outcomes.reserveCapacity(range.count)
            for index in range { outcomes.append(parser.parse(chunks[index], in: buffer)) }
            return outcomes
        }
    }

    private func finish(_ outcomes: [ChunkOutcome]) throws(LoadError) -> TerraformDocument {
        let skeleton = Skeleton(text: text, chunks: chunks, groups: groups, marker: marker)
        let parsed: Result<JSONValue, JSONCParser.Failure> = skeleton.bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONCParser.Failure) in try JSONCParser.parse(buffer) }
        }
        var failure: JSONCParser.Failure?
        if case .failure(var skeletonFailure) = parsed {
            skeletonFailure.offset = skeleton.fileOffset(skeletonFailure.offset)
            failure = skeletonFailure
        }
        // Chunks are in file order: the first failing one holds the earliest fault among them.
        for outcome in outcomes {
            guard case .syntax(let chunkFailure) = outcome else { continue }
            if chunkFailure.offset < failure?.offset ?? Int.max { failure = chunkFailure }
            break
        }
        if let failure { throw DocumentLoader.parseError(failure, text: text, path: path) }
        guard case .success(let root) = parsed else { throw LoadError(path: path, message: "unreachable") }
        let table = ChunkTable(marker: marker, outcomes: outcomes, groups: groups.map(\.chunks))
        return try DocumentReader(path: path, chunks: table).read(root)
    }
}

/// The document with each chunk, or each group of chunks, replaced by a short placeholder string, and the
/// way back to file offsets. A chunk's placeholder is `marker + id`, a group's `marker + "g" + id`.
struct Skeleton {
    private(set) var bytes = [UInt8]()
    /// (skeleton offset, file offset, is a placeholder), increasing.
    private var segments = [(skeleton: Int, file: Int, placeholder: Bool)]()

    init(text: [UInt8], chunks: [StructureScanner.Chunk], groups: [StructureScanner.Group] = [], marker: String) {
        // What each placeholder stands for, in file order: a group, or a chunk outside every group.
        var replaced = [(start: Int, end: Int, name: String)]()
        var nextGroup = 0
        var id = 0
        while id < chunks.count {
            if nextGroup < groups.count, groups[nextGroup].chunks.lowerBound == id {
                let group = groups[nextGroup]
                replaced.append((group.start, group.end, "g" + String(nextGroup)))
                id = group.chunks.upperBound
                nextGroup += 1
            } else {
                replaced.append((chunks[id].start, chunks[id].end, String(id)))
                id += 1
            }
        }
        let replacedBytes = replaced.reduce(0) { $0 + ($1.end - $1.start) }
        bytes.reserveCapacity(text.count - replacedBytes + replaced.count * 24)
        // The marker's first character is U+0001, which JSON writes escaped.
        let prefix = Array("\"\\u0001".utf8) + Array(marker.utf8.dropFirst())
        var cursor = 0
        for piece in replaced {
            segments.append((bytes.count, cursor, false))
            bytes.append(contentsOf: text[cursor..<piece.start])
            segments.append((bytes.count, piece.start, true))
            bytes.append(contentsOf: prefix)
            bytes.append(contentsOf: piece.name.utf8)
            bytes.append(UInt8(ascii: "\""))
            cursor = piece.end
        }
        segments.append((bytes.count, cursor, false))
        bytes.append(contentsOf: text[cursor...])
    }

    /// The file offset of a skeleton offset; a placeholder maps to the start of its chunk.
    func fileOffset(_ offset: Int) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].skeleton <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        return segment.placeholder ? segment.file : segment.file + (offset - segment.skeleton)
    }
}

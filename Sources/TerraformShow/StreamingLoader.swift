import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a document without ever building its whole json-c tree: ``StructureScanner`` finds the chunks,
/// each is parsed and read on its own (on all cores when asked, while the scan goes on), and json-c then
/// parses the small skeleton left around them, with a placeholder string standing for each chunk, or for
/// each whole array of chunks (``StructureScanner/Group``).
///
/// Errors are the ones the whole-tree parse gives: json-c reports a fault at the same byte whether it
/// meets it in a chunk or in the skeleton (offsets are mapped back to the file), the earliest one wins,
/// and shape errors inside a chunk are raised when the reader reaches its placeholder, in the same order.
struct StreamingLoader: Sendable {
    let text: InputBytes
    let path: String
    let options: LoadOptions
    let marker: String

    init(text: InputBytes, path: String, options: LoadOptions) {
        self.text = text
        self.path = path
        self.options = options
        marker = "\u{1}" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + "#"
    }

    /// Scans, then parses every chunk on the calling thread.
    func loadSequentially() throws(LoadError) -> TerraformDocument {
        let layout = text.withUnsafeBytes { StructureScanner.layout($0) }
        return try finish(layout, [parse(layout.chunks[...])])
    }

    /// Parses the chunks in batches on all cores while the scan goes on: each batch of about `batchBytes`
    /// (default: an eighth of the text per core, at least 1 MiB) is queued as soon as the scanner has found
    /// it, with a GCD job to parse it; after the scan the calling thread parses what is still queued itself,
    /// so the work never waits for a worker thread (several inputs may hold every worker at once). The result
    /// does not depend on the scheduling: batches are numbered in file order and merged in that order. Tests
    /// use tiny batches to exercise the merge.
    func loadInParallel(batchBytes: Int? = nil) throws(LoadError) -> TerraformDocument {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let target = batchBytes ?? max(1 << 20, text.count / (cores * 8))
        let batches = BatchQueue()
        let workers = DispatchGroup()
        var pending = [StructureScanner.Chunk]()
        var pendingBytes = 0
        func queue() {
            batches.push(pending)
            pending = []
            pendingBytes = 0
            DispatchQueue.global().async(group: workers) { batches.parseOne(with: parse) }
        }
        let layout = text.withUnsafeBytes { buffer in
            StructureScanner.layout(buffer) { chunk in
                pending.append(chunk)
                pendingBytes += chunk.end - chunk.start
                if pendingBytes >= target { queue() }
            }
        }
        if !pending.isEmpty { batches.push(pending) }
        while batches.parseOne(with: parse) {}
        // Only batches a worker has already taken are left to wait for.
        workers.wait()
        guard let outcomes = batches.inOrder() else {
            throw LoadError(path: path, message: "internal error: a batch of resources was not parsed")
        }
        return try finish(layout, outcomes)
    }

    private func parse(_ chunks: ArraySlice<StructureScanner.Chunk>) -> [ChunkOutcome?] {
        let parser = ChunkParser(path: path, keepValues: options.keepValues)
        return text.withUnsafeBytes { buffer in
            var outcomes = [ChunkOutcome?]()
            outcomes.reserveCapacity(chunks.count)
            for chunk in chunks { outcomes.append(parser.parse(chunk, in: buffer)) }
            return outcomes
        }
    }

    private func finish(
        _ layout: StructureScanner.Layout, _ batches: [[ChunkOutcome?]]
    ) throws(LoadError) -> TerraformDocument {
        let skeleton = text.withUnsafeBytes {
            Skeleton(text: $0, chunks: layout.chunks, groups: layout.groups, marker: marker)
        }
        let parsed: Result<JSONValue, JSONCParser.Failure> = skeleton.bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONCParser.Failure) in try JSONCParser.parse(buffer) }
        }
        var failure: JSONCParser.Failure?
        if case .failure(var skeletonFailure) = parsed {
            skeletonFailure.offset = skeleton.fileOffset(skeletonFailure.offset)
            failure = skeletonFailure
        }
        let table = ChunkTable(marker: marker, batches: batches, groups: layout.groups.map(\.chunks))
        // Chunks are in file order: the first failing one holds the earliest fault among them.
        if let chunkFailure = table.firstSyntaxFailure, chunkFailure.offset < failure?.offset ?? Int.max {
            failure = chunkFailure
        }
        if let failure { throw text.withUnsafeBytes { DocumentLoader.parseError(failure, text: $0, path: path) } }
        guard case .success(let root) = parsed else { throw LoadError(path: path, message: "unreachable") }
        return try DocumentReader(path: path, chunks: table).read(root)
    }
}

/// Batches of chunks waiting to be parsed, in file order, and the outcomes of those parsed, by number. Each
/// batch is taken once, by a worker or by the thread that scans.
private final class BatchQueue: Sendable {
    private struct State {
        var waiting = [(number: Int, chunks: [StructureScanner.Chunk])]()
        var next = 0
        var queued = 0
        var parsed = [Int: [ChunkOutcome?]]()
    }

    private let state = Mutex(State())

    func push(_ chunks: [StructureScanner.Chunk]) {
        state.withLock { state in
            state.waiting.append((state.queued, chunks))
            state.queued += 1
        }
    }

    /// Takes the oldest waiting batch, parses it outside the lock and stores its outcomes; false when none
    /// was waiting.
    @discardableResult
    func parseOne(with parse: (ArraySlice<StructureScanner.Chunk>) -> [ChunkOutcome?]) -> Bool {
        let taken = state.withLock { state -> (number: Int, chunks: [StructureScanner.Chunk])? in
            guard state.next < state.waiting.count else { return nil }
            defer { state.next += 1 }
            let batch = state.waiting[state.next]
            state.waiting[state.next].chunks = []
            return batch
        }
        guard let taken else { return false }
        let outcomes = parse(taken.chunks[...])
        state.withLock { $0.parsed[taken.number] = outcomes }
        return true
    }

    /// Every batch's outcomes in number order (the arrays move; their outcomes are not copied); nil if one
    /// was never parsed (the ids of the chunks after it would shift).
    func inOrder() -> [[ChunkOutcome?]]? {
        state.withLock { state in
            var outcomes = [[ChunkOutcome?]]()
            for number in 0..<state.queued {
                guard let batch = state.parsed.removeValue(forKey: number) else { return nil }
                outcomes.append(batch)
            }
            return outcomes
        }
    }
}

/// The document with each chunk, or each group of chunks, replaced by a short placeholder string, and the
/// way back to file offsets. A chunk's placeholder is `marker + id`, a group's `marker + "g" + id`.
struct Skeleton {
    private(set) var bytes = [UInt8]()
    /// (skeleton offset, file offset, is a placeholder), increasing.
    private var segments = [(skeleton: Int, file: Int, placeholder: Bool)]()

    init(
        text: UnsafeRawBufferPointer, chunks: [StructureScanner.Chunk], groups: [StructureScanner.Group] = [],
        marker: String
    ) {
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

import Dispatch
import JSONC
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
        let layout = text.layout(.terraform)
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
        let layout = text.layout(.terraform) { chunk in
            pending.append(chunk)
            pendingBytes += chunk.end - chunk.start
            if pendingBytes >= target { queue() }
        }
        if !pending.isEmpty { batches.push(pending) }
        while batches.parseOne(with: parse) {}
        // Only batches a worker has already taken are left to wait for.
        workers.wait()
        guard let outcomes = batches.inOrder() else {
            throw LoadError(path: path, message: "internal error: a batch of resources was not parsed")
        }
        // Moved, not copied: the table takes its outcomes out one by one, and a second holder of the arrays would
        // make the first take of each batch copy it (11 MB for the 2,000-spoke hub).
        return try finish(layout, consume outcomes)
    }

    /// How many parsed bytes are given back at once (``InputBytes/release(_:)``).
    static let releaseBytes = 4 << 20

    private func parse(_ chunks: ArraySlice<StructureScanner.Chunk>) -> [ChunkOutcome?] {
        let reader = ChunkReader(path: path, options: options)
        var outcomes = [ChunkOutcome?]()
        outcomes.reserveCapacity(chunks.count)
        // Parsed bytes go back to the page cache as the chunks are read (``InputBytes/release(_:)``): the
        // input's pages do not stay in memory beside the values copied from them.
        var unreleased = chunks.first?.start ?? 0
        for chunk in chunks {
            outcomes.append(reader.read(chunk, in: text))
            if chunk.end - unreleased >= Self.releaseBytes {
                text.release(unreleased..<chunk.end)
                unreleased = chunk.end
            }
        }
        if let last = chunks.last, last.end > unreleased { text.release(unreleased..<last.end) }
        return outcomes
    }

    private func finish(
        _ layout: StructureScanner.Layout, _ batches: consuming [[ChunkOutcome?]]
    ) throws(LoadError) -> TerraformDocument {
        let parsed = text.parseSkeleton(layout, marker: marker)
        var failure: SyntaxFailure?
        if case .failure(let skeletonFailure) = parsed { failure = skeletonFailure }
        let table = ChunkTable(marker: marker, batches: consume batches, groups: layout.groups.map(\.chunks))
        // Chunks are in file order: the first failing one holds the earliest fault among them.
        if let chunkFailure = table.firstSyntaxFailure, chunkFailure.offset < failure?.offset ?? Int.max {
            failure = chunkFailure
        }
        if let failure { throw DocumentLoader.parseError(failure, text: text, path: path) }
        guard case .success(let root) = parsed else { throw LoadError(path: path, message: "unreachable") }
        var document = try DocumentReader(path: path, chunks: table).read(root)
        // Chunks are pruned as they are parsed; an item the scanner did not make a chunk of is not.
        document.prunedWhileLoading = !table.readOutsideChunks
        return document
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

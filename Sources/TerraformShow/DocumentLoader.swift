#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads `terraform show -json` output (state or plan) and raw v4 state files into ``TerraformDocument``s.
public enum DocumentLoader {
    /// Reads and parses the file at `path`; `-` reads standard input. A large document's parts are parsed
    /// on all cores (``LoadOptions/parallelChunks``).
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws(LoadError) -> TerraformDocument {
        let bytes = try InputFile.read(path)
        return try load(bytes: bytes, path: path, options: options)
    }

    /// Parses bytes already in memory; `path` names them in errors.
    public static func load(
        bytes: [UInt8], path: String, options: LoadOptions = LoadOptions()
    ) throws(LoadError) -> TerraformDocument {
        let (text, encoding) = try prepare(bytes, path: path)
        var document: TerraformDocument
        if streams(text, options) {
            let loader = StreamingLoader(text: text, path: path, options: options)
            document = try options.parallelChunks ? loader.loadInParallel() : loader.loadSequentially()
        } else {
            document = try loadWholeTree(text: text, path: path)
        }
        return finish(&document, encoding: encoding, options: options)
    }

    /// Reads and parses the file at `path`, parsing the parts of a large document on all cores.
    public static func loadInParallel(
        path: String, options: LoadOptions = LoadOptions()
    ) async throws(LoadError) -> TerraformDocument {
        var options = options
        options.parallelChunks = true
        return try load(path: path, options: options)
    }

    /// Loads many inputs concurrently (and the parts of each large one on all cores). The results are in
    /// the order of `paths`, whatever the scheduling; each is a document or the error that input gave.
    public static func loadAll(
        paths: [String], options: LoadOptions = LoadOptions()
    ) async -> [Result<TerraformDocument, LoadError>] {
        // A few files at a time (each parsed on all cores): memory holds a few inputs' text, not all of them.
        let window = max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return await withTaskGroup(of: (Int, Result<TerraformDocument, LoadError>).self) { group in
            var next = 0
            func start() {
                guard next < paths.count else { return }
                let (position, path) = (next, paths[next])
                group.addTask { (position, await loadResult(path: path, options: options)) }
                next += 1
            }
            for _ in 0..<window { start() }
            var results = [Result<TerraformDocument, LoadError>?](repeating: nil, count: paths.count)
            for await (position, result) in group {
                results[position] = result
                start()
            }
            return zip(paths, results).map { path, result in
                result ?? .failure(LoadError(path: path, message: "the input was not loaded (internal error)"))
            }
        }
    }

    /// ``loadInParallel(path:options:)`` as a value. (A `do throws(LoadError)` block returning from inside a
    /// task group's child closure lost the captured position with Swift 6.3.1: keep typed throws out of it.)
    private static func loadResult(path: String, options: LoadOptions) async -> Result<TerraformDocument, LoadError> {
        do {
            return .success(try await loadInParallel(path: path, options: options))
        } catch {
            return .failure(error)
        }
    }

    private static func streams(_ text: [UInt8], _ options: LoadOptions) -> Bool {
        switch options.strategy {
        case .wholeTree: return false
        case .streaming: return true
        case .automatic: return text.count >= LoadOptions.streamingThreshold
        }
    }

    private static func prepare(_ bytes: [UInt8], path: String) throws(LoadError) -> (text: [UInt8], encoding: String) {
        let decoded = try decode(bytes, path: path)
        try refuseBinary(decoded.text, path: path)
        return decoded
    }

    private static func finish(
        _ document: inout TerraformDocument, encoding: String, options: LoadOptions
    ) -> TerraformDocument {
        document.encoding = encoding
        document.compact(keeping: options.keepValues)
        return document
    }

    /// Parses the whole document into one tree, then reads it.
    static func loadWholeTree(text: [UInt8], path: String) throws(LoadError) -> TerraformDocument {
        let parsed: Result<JSONValue, JSONCParser.Failure> = text.withUnsafeBytes { buffer in
            Result { () throws(JSONCParser.Failure) in try JSONCParser.parse(buffer) }
        }
        switch parsed {
        case .success(let root): return try DocumentReader(path: path).read(root)
        case .failure(let failure): throw parseError(failure, text: text, path: path)
        }
    }

    private static func decode(_ bytes: [UInt8], path: String) throws(LoadError) -> (text: [UInt8], encoding: String) {
        let result: (text: [UInt8]?, encoding: String) = bytes.withUnsafeBytes { buffer in
            switch TextDecoding.detect(buffer) {
            case .utf8: return (nil, "utf-8")
            case .utf8WithBOM: return (Array(buffer[3...]), "utf-8-bom")
            case .utf16LittleEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: false), "utf-16le")
            case .utf16BigEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: true), "utf-16be")
            }
        }
        if result.encoding == "utf-8" { return (bytes, "utf-8") }
        guard let text = result.text else {
            throw LoadError(
                path: path, line: 1, column: 1,
                message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
                hint: "write the plan as UTF-8: `terraform show -json plan | Out-File -Encoding utf8 plan.json`")
        }
        return (text, result.encoding)
    }

    /// JSON text never holds a raw NUL byte (strings escape it as `\u0000`), and json-c would stop at one:
    /// refuse binary input up front, naming the common cases.
    private static func refuseBinary(_ text: [UInt8], path: String) throws(LoadError) {
        if text.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw LoadError(
                path: path, line: 1, column: 1,
                message: "this is a binary plan file (a zip archive written by `terraform plan -out`), not JSON",
                hint: "run `terraform show -json PLANFILE > plan.json` and pass plan.json")
        }
        // memchr: several GB/s, where a Swift loop over a large file costs a noticeable share of the load.
        let found: Int? = text.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let offset = found else { return }
        let (line, column) = position(of: offset, in: text)
        let looksUTF16 = offset < 2 && text.count > 3 && (text[0] == 0 || text[1] == 0)
        throw LoadError(
            path: path, line: line, column: column,
            message: looksUTF16
                ? "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, not UTF-8 JSON"
                : "the file holds a NUL byte: it is binary or corrupted, not JSON text",
            hint: looksUTF16
                ? "write the plan as UTF-8: `terraform show -json plan | Out-File -Encoding utf8 plan.json`"
                : "regenerate it with `terraform show -json > FILE` (state) or `terraform show -json PLANFILE` (plan)")
    }

    static func parseError(_ failure: JSONCParser.Failure, text: [UInt8], path: String) -> LoadError {
        let (line, column) = position(of: failure.offset, in: text)
        let start = String(decoding: text.prefix(200), as: UTF8.self)
        if start.hasPrefix("[command]") || start.contains("::debug::") {
            return LoadError(
                path: path, line: 1, column: 1,
                message:
                    "this is CI wrapper output around a plan (setup-terraform's `[command]` and `::debug::` lines), not JSON",
                hint:
                    "set `terraform_wrapper: false` in hashicorp/setup-terraform, or run `terraform show -json tfplan > plan.json`"
            )
        }
        if failure.trailingContent {
            let next = failure.offset < text.count ? text[failure.offset] : 0
            guard next == UInt8(ascii: "{") || next == UInt8(ascii: "[") else {
                return LoadError(
                    path: path, line: line, column: column,
                    message: "text follows the JSON document (log lines or other output mixed in?)",
                    hint: "write only the output of `terraform show -json` to the file")
            }
            return LoadError(
                path: path, line: line, column: column,
                message: "more JSON follows the first document: several documents were concatenated",
                hint: "write one `terraform show -json` output per file")
        }
        if text.isEmpty || text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return LoadError(
                path: path, line: 1, column: 1, message: "the file is empty",
                hint: "run `terraform show -json > FILE` in the Terraform root (or `terraform show -json PLANFILE`)")
        }
        return LoadError(
            path: path, line: line, column: column, message: failure.reason,
            hint:
                "vpcelint reads the output of `terraform show -json` (state) or `terraform show -json PLANFILE` (plan)")
    }

    /// 1-based line and column (in bytes) of a byte offset.
    static func position(of offset: Int, in text: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, text.count)
        var index = 0
        while index < end {
            if text[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, end - lineStart + 1)
    }
}

/// Reads whole files into memory, refusing what is not a regular file.
enum InputFile {
    static func read(_ path: String) throws(LoadError) -> [UInt8] {
        if path == "-" { return try readAll(descriptor: 0, path: path) }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever, before the
        // type check below could refuse it. Regular files ignore the flag.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LoadError(
                path: path, message: "cannot open the file: \(reason)",
                hint: "check the path, or write the JSON first with `terraform show -json > FILE`")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw LoadError(
                path: path, message: "cannot read the file: " + String(cString: strerror(errno)),
                hint: "check the file's permissions")
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            throw LoadError(
                path: path, message: "this is a directory, not a file",
                hint: "name the JSON file written by `terraform show -json > FILE`, not its folder")
        }
        guard type == S_IFREG else {
            throw LoadError(
                path: path, message: "this is not a regular file (a FIFO, socket or device)",
                hint: "pipe it to `vpcelint check -` instead")
        }
        let size = Int(exactly: status.st_size) ?? 0
        try refuseHole(descriptor, size: size, path: path)
        return try readAll(descriptor: descriptor, path: path, sizeHint: max(size, 0) + 1)
    }

    /// A hole in a sparse file reads as NUL bytes, which JSON text never holds: refuse it where it starts
    /// without reading (a 2 GiB sparse file is refused in microseconds). File systems without holes report
    /// none (SEEK_HOLE gives the size), and such a file's NUL bytes are found after reading.
    static func refuseHole(_ descriptor: Int32, size: Int, path: String) throws(LoadError) {
        #if os(Linux)
            // SEEK_HOLE (4 on Linux, <linux/fs.h>) needs _GNU_SOURCE, which Glibc does not import.
            let seekHole: Int32 = 4
            let hole = Int(lseek(descriptor, 0, seekHole))
            _ = lseek(descriptor, 0, SEEK_SET)
            guard hole >= 0, hole < size else { return }
            // The place: the first NUL byte before the hole (a block's tail after the text), else the hole.
            var prefix = [UInt8](repeating: 0, count: min(hole, 1 << 20))
            let count = prefix.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0, buffer.count, 0) } ?? 0
            }
            _ = lseek(descriptor, 0, SEEK_SET)
            prefix.removeSubrange(max(0, count)...)
            let offset = prefix.firstIndex(of: 0) ?? hole
            let place: (line: Int?, column: Int?) =
                offset <= prefix.count ? DocumentLoader.position(of: offset, in: prefix) : (nil, nil)
            throw LoadError(
                path: path, line: place.line, column: place.column,
                message: "the file holds NUL bytes (it is sparse: \(size) bytes, a hole from byte \(hole)): it is "
                    + "binary or corrupted, not JSON text",
                hint: "regenerate it with `terraform show -json > FILE` (state) or "
                    + "`terraform show -json PLANFILE` (plan)")
        #endif
    }

    /// Reads until end of file; a failing `read` is an error, not an early end.
    static func readAll(descriptor: Int32, path: String, sizeHint: Int = 1 << 16) throws(LoadError) -> [UInt8] {
        var bytes = [UInt8]()
        var capacity = max(sizeHint, 1 << 12)
        while true {
            // Read straight into uninitialized capacity: no zeroing of memory the file overwrites.
            var failure: LoadError?
            var ended = false
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
                guard let base = buffer.baseAddress else { return }
                if !bytes.isEmpty {
                    bytes.withUnsafeBufferPointer { old in base.update(from: old.baseAddress!, count: old.count) }
                }
                filled = bytes.count
                Self.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                do throws(LoadError) {
                    ended = try readInto(descriptor, base, from: &filled, to: capacity, path: path)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            bytes = grown
            if ended { return bytes }
            capacity *= 2
        }
    }

    /// Fills `base[filled..<capacity]` from the descriptor; true at end of file, false when the buffer is full.
    private static func readInto(
        _ descriptor: Int32, _ base: UnsafeMutablePointer<UInt8>, from filled: inout Int, to capacity: Int,
        path: String
    ) throws(LoadError) -> Bool {
        while filled < capacity {
            let count = systemRead(descriptor, base + filled, capacity - filled)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    // Standard input opened non-blocking by the caller: wait until data arrives.
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                throw LoadError(
                    path: path,
                    message: "reading the file failed after \(filled) bytes: " + String(cString: strerror(code)),
                    hint: "check that the file is readable and complete, then run vpcelint again")
            }
            if count == 0 { return true }
            filled += count
        }
        return false
    }

    /// Asks Linux to back a large buffer with 2 MiB pages (transparent huge pages in `madvise` mode): a
    /// 500 MB read then takes 250 page faults instead of 125,000. A hint only; failure changes nothing.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            let huge = 2 << 20
            guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, end - start, 14)  // MADV_HUGEPAGE
        #endif
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.read(descriptor, buffer, count)
        #else
            return Darwin.read(descriptor, buffer, count)
        #endif
    }
}

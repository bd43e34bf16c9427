import Dispatch
import Synchronization

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
        try load(input: InputFile.read(path), path: path, options: options)
    }

    /// Parses bytes already in memory; `path` names them in errors.
    public static func load(
        bytes: [UInt8], path: String, options: LoadOptions = LoadOptions()
    ) throws(LoadError) -> TerraformDocument {
        try load(input: InputBytes(bytes), path: path, options: options)
    }

    private static func load(
        input bytes: InputBytes, path: String, options: LoadOptions
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

    /// Loads many inputs at once, on all cores: GCD runs one input per core at a time (so memory holds a few
    /// inputs, not all of them), and the chunks of each large input spread over the cores too. The results
    /// are in the order of `paths`, whatever the scheduling; each is a document or the error that input gave.
    public static func loadAll(
        paths: [String], options: LoadOptions = LoadOptions()
    ) -> [Result<TerraformDocument, LoadError>] {
        let results = Mutex([Result<TerraformDocument, LoadError>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { position in
            let result = Result { () throws(LoadError) in try load(path: paths[position], options: options) }
            results.withLock { $0[position] = result }
        }
        return results.withLock { results in
            zip(paths, results).map { path, result in
                result ?? .failure(LoadError(path: path, message: "the input was not loaded (internal error)"))
            }
        }
    }

    private static func streams(_ text: InputBytes, _ options: LoadOptions) -> Bool {
        switch options.strategy {
        case .wholeTree: return false
        case .streaming: return true
        case .automatic: return text.count >= LoadOptions.streamingThreshold
        }
    }

    private static func prepare(_ bytes: InputBytes, path: String) throws(LoadError) -> (
        text: InputBytes, encoding: String
    ) {
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
    static func loadWholeTree(text: InputBytes, path: String) throws(LoadError) -> TerraformDocument {
        let parsed: Result<JSONValue, LoadError> = text.withUnsafeBytes { buffer in
            Result { () throws(JSONCParser.Failure) in try JSONCParser.parse(buffer) }
                .mapError { parseError($0, text: buffer, path: path) }
        }
        return try DocumentReader(path: path).read(parsed.get())
    }

    private static func decode(_ bytes: InputBytes, path: String) throws(LoadError) -> (
        text: InputBytes, encoding: String
    ) {
        let result: (text: [UInt8]?, encoding: String) = bytes.withUnsafeBytes { buffer in
            switch TextDecoding.detect(buffer) {
            case .utf8: return (nil, "utf-8")
            case .utf8WithBOM: return (nil, "utf-8-bom")
            case .utf16LittleEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: false), "utf-16le")
            case .utf16BigEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: true), "utf-16be")
            }
        }
        if result.encoding == "utf-8" { return (bytes, "utf-8") }
        if result.encoding == "utf-8-bom" { return (bytes.dropFirst(3), "utf-8-bom") }
        guard let text = result.text.map(InputBytes.init) else {
            throw LoadError(
                path: path, line: 1, column: 1,
                message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
                hint: "write the plan as UTF-8: `terraform show -json plan | Out-File -Encoding utf8 plan.json`")
        }
        return (text, result.encoding)
    }

    /// JSON text never holds a raw NUL byte (strings escape it as `\u0000`), and json-c would stop at one:
    /// refuse binary input up front, naming the common cases.
    private static func refuseBinary(_ text: InputBytes, path: String) throws(LoadError) {
        let refusal: LoadError? = text.withUnsafeBytes { buffer in
            if buffer.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                return LoadError(
                    path: path, line: 1, column: 1,
                    message: "this is a binary plan file (a zip archive written by `terraform plan -out`), not JSON",
                    hint: "run `terraform show -json PLANFILE > plan.json` and pass plan.json")
            }
            // memchr: several GB/s, where a Swift loop over a large file costs a noticeable share of the load.
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            let (line, column) = position(of: offset, in: buffer)
            let looksUTF16 = offset < 2 && buffer.count > 3 && (buffer[0] == 0 || buffer[1] == 0)
            return LoadError(
                path: path, line: line, column: column,
                message: looksUTF16
                    ? "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, not UTF-8 JSON"
                    : "the file holds a NUL byte: it is binary or corrupted, not JSON text",
                hint: looksUTF16
                    ? "write the plan as UTF-8: `terraform show -json plan | Out-File -Encoding utf8 plan.json`"
                    : "regenerate it with `terraform show -json > FILE` (state) or `terraform show -json PLANFILE` (plan)"
            )
        }
        if let refusal { throw refusal }
    }

    static func parseError(_ failure: JSONCParser.Failure, text: UnsafeRawBufferPointer, path: String) -> LoadError {
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
    static func position(of offset: Int, in text: UnsafeRawBufferPointer) -> (Int, Int) {
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

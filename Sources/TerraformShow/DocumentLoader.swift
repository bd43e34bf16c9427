import Dispatch
import JSONC
import Synchronization

/// Reads `terraform show -json` output (state or plan) and raw v4 state files into ``TerraformDocument``s.
public enum DocumentLoader {
    /// Reads and parses the file at `path`; `-` reads standard input. A large document's parts are parsed
    /// on all cores (``LoadOptions/parallelChunks``).
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws(LoadError) -> TerraformDocument {
        let input = Result { () throws(InputError) in
            try InputFile.read(path, standardInputLimit: options.standardInputLimit)
        }
        return try load(input: input.mapError { LoadError($0, path: path) }.get(), path: path, options: options)
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
        do throws(InputError) {
            let (text, encoding) = try bytes.decoded()
            try text.refuseBinary()
            return (text, encoding.rawValue)
        } catch {
            throw LoadError(error, path: path)
        }
    }

    private static func finish(
        _ document: inout TerraformDocument, encoding: String, options: LoadOptions
    ) -> TerraformDocument {
        document.encoding = encoding
        guard !document.prunedWhileLoading else { return document }
        document.compact(
            keeping: options.keepValues, attributes: options.keptAttributes, prefixes: options.keptPrefixes)
        return document
    }

    /// Parses the whole document into one tree, then reads it.
    static func loadWholeTree(text: InputBytes, path: String) throws(LoadError) -> TerraformDocument {
        let parsed = Result { () throws(SyntaxFailure) in try text.parseJSON() }
        return try DocumentReader(path: path).read(parsed.mapError { parseError($0, text: text, path: path) }.get())
    }

    static func parseError(_ failure: SyntaxFailure, text: InputBytes, path: String) -> LoadError {
        let (line, column) = text.position(of: failure.offset)
        let start = String(decoding: text.prefix(200), as: UTF8.self)
        if start.hasPrefix("[command]") || start.contains("::debug::") {
            return LoadError(
                path: path, line: 1, column: 1, message: LoadError.ciWrapper.message, hint: LoadError.ciWrapper.hint)
        }
        if failure.trailingContent {
            let next = text.byte(at: failure.offset) ?? 0
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
        if failure.outOfMemory {
            return LoadError(
                path: path, line: line, column: column, message: failure.reason,
                hint: "the file needs more memory than this process may allocate: run where more is available, or "
                    + "raise the limit (`ulimit -v`, the container's memory limit)")
        }
        if text.isBlank {
            return LoadError(
                path: path, line: 1, column: 1, message: "the file is empty",
                hint: "run `terraform show -json > FILE` in the Terraform root (or `terraform show -json PLANFILE`)")
        }
        return LoadError(
            path: path, line: line, column: column, message: failure.reason,
            hint:
                "vpcelint reads the output of `terraform show -json` (state) or `terraform show -json PLANFILE` (plan)")
    }
}

import JSONC

/// Why an input could not be read as Terraform output: the file, the place in it, what it looks like,
/// and what to run instead.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input as the user named it (`-` for standard input).
    public var path: String
    /// `line:column` (1-based) where the bytes are at fault, or `nil`.
    public var line: Int?
    public var column: Int?
    /// A JSON path such as `$.planned_values.root_module.resources[3]` where the shape is at fault, or `nil`.
    public var jsonPath: String?
    /// What is wrong, one sentence.
    public var message: String
    /// What to run or do instead, or `nil`.
    public var hint: String?

    public init(
        path: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil, message: String,
        hint: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
        self.message = message
        self.hint = hint
    }

    /// One line: `path:line:column: message (at JSON path); hint`.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": \(message)"
        if let jsonPath { text += " (at \(jsonPath))" }
        if let hint { text += "; \(hint)" }
        return text
    }
}

extension LoadError {
    /// What went wrong reading `path` or taking it as text, worded for someone who ran `terraform show -json`.
    init(_ error: InputError, path: String) {
        let regenerate =
            "regenerate it with `terraform show -json > FILE` (state) or `terraform show -json PLANFILE` (plan)"
        let asUTF8 = "write the plan as UTF-8: `terraform show -json plan | Out-File -Encoding utf8 plan.json`"
        let (message, hint): (String, String)
        switch error.kind {
        case .cannotOpen(let reason):
            (message, hint) = (
                "cannot open the file: \(reason)",
                "check the path, or write the JSON first with `terraform show -json > FILE`"
            )
        case .cannotStat(let reason):
            (message, hint) = ("cannot read the file: " + reason, "check the file's permissions")
        case .directory:
            (message, hint) = (
                "this is a directory, not a file",
                "name the JSON file written by `terraform show -json > FILE`, not its folder"
            )
        case .notRegularFile:
            (message, hint) = (
                "this is not a regular file (a FIFO, socket or device)", "pipe it to `vpcelint check -` instead"
            )
        case .sparse(let size, let hole):
            (message, hint) = (
                "the file holds NUL bytes (it is sparse: \(size) bytes, a hole from byte \(hole)): it is "
                    + "binary or corrupted, not JSON text", regenerate
            )
        case .readFailed(let after, let reason):
            (message, hint) = (
                "reading the file failed after \(after) bytes: " + reason,
                "check that the file is readable and complete, then run vpcelint again"
            )
        case .invalidUTF16:
            (message, hint) = ("the file starts with a UTF-16 byte-order mark but is not valid UTF-16", asUTF8)
        case .zipArchive:
            (message, hint) = (
                "this is a binary plan file (a zip archive written by `terraform plan -out`), not JSON",
                "run `terraform show -json PLANFILE > plan.json` and pass plan.json"
            )
        case .nulByte(let looksUTF16):
            (message, hint) =
                looksUTF16
                ? ("the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, not UTF-8 JSON", asUTF8)
                : ("the file holds a NUL byte: it is binary or corrupted, not JSON text", regenerate)
        }
        self.init(path: path, line: error.line, column: error.column, message: message, hint: hint)
    }
}

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
        case .cannotStartDocument(_, ciWrapper: true):
            (message, hint) = (Self.ciWrapper.message, Self.ciWrapper.hint)
        case .cannotStartDocument(let byte, ciWrapper: false):
            (message, hint) = (
                "standard input is not a `terraform show -json` document: it starts with byte \(Self.describe(byte)) "
                    + "where a document starts with `{`; nothing more was read",
                "pipe the output of `terraform show -json` (state) or `terraform show -json PLANFILE` (plan)"
            )
        case .standardInputTooLarge(let limit):
            (message, hint) = (
                "standard input holds more than \(limit) bytes, the limit for standard input; nothing more was read",
                "write the JSON to a file and name the file (files are mapped, not copied, and have no such "
                    + "limit), or raise the limit with VPCELINT_MAX_STDIN_BYTES"
            )
        }
        self.init(path: path, line: error.line, column: error.column, message: message, hint: hint)
    }

    /// What CI wrapper output around a plan (setup-terraform's `terraform_wrapper`) is refused with.
    static let ciWrapper = (
        message:
            "this is CI wrapper output around a plan (setup-terraform's `[command]` and `::debug::` lines), not JSON",
        hint:
            "set `terraform_wrapper: false` in hashicorp/setup-terraform, or run `terraform show -json tfplan > plan.json`"
    )

    /// `0x79 ('y')` for a printable ASCII byte, else `0x00`.
    private static func describe(_ byte: UInt8) -> String {
        let hex = "0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        return (0x21...0x7E).contains(byte) ? "\(hex) ('\(Character(Unicode.Scalar(byte)))')" : hex
    }
}

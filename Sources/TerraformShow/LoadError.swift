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

/// Mermaid text for a quoted label (`n1["..."]`, `---|"..."|`). Every character outside a small safe set
/// becomes a Mermaid entity code (`#34;`, decimal, https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters),
/// which Mermaid turns into an HTML character reference after parsing: no input can close the quotes, end
/// the line or the code block (quote, pipe, bracket, backtick, `%%`, line breaks), start a directive
/// (`click`, `style`, `%%{init}%%`) or inject HTML (`<`, `>`, `&`). Control and bidi characters are first
/// made visible (``TerminalText``).
enum MermaidText {
    private static let safe: Set<Unicode.Scalar> = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/_-+()=@?!".unicodeScalars)

    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in TerminalText.escape(text).unicodeScalars {
            if safe.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "#\(scalar.value);"
            }
        }
        return output
    }
}

/// A DOT double-quoted string (https://graphviz.org/doc/info/lang.html, escString in
/// https://graphviz.org/docs/attr-types/escString/): the quote and the backslash are escaped, so no input can
/// close the string and add attributes, edges or an HTML label, nor form an escape sequence (`\n`, `\N`, `\G`,
/// `\l`); `&` becomes `&amp;` because Graphviz decodes entity references in labels. Control and bidi
/// characters are first made visible (``TerminalText``), so a label is one line of the DOT file.
enum DOTText {
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in TerminalText.escape(text).unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "&": output += "&amp;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

/// XML 1.0 character data and attribute values (https://www.w3.org/TR/xml/#charsets): the five markup
/// characters become entities; characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) are
/// dropped, since even `&#1;` is not well-formed; DEL, C1 and bidi controls become character references. Tabs and
/// line breaks become references too: in attributes they survive attribute-value normalisation, in element
/// content (one line of it: the reporter writes its own line breaks) they cannot start a line of a CI log.
enum XMLText {
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t": output += "&#9;"
            case "\n": output += "&#10;"
            case "\r": output += "&#13;"
            case "\u{00}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            // DEL, C1 controls, U+2028/U+2029 and bidi controls are XML characters: as references they parse
            // back the same and stay inert when the report is shown in a terminal.
            case _ where TerminalText.isEscaped(scalar): output += "&#x" + String(scalar.value, radix: 16) + ";"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

/// GitHub-flavoured Markdown for text from the inputs: a Terraform address or tag must not open a table
/// cell, a link, an image, HTML or a code span (https://github.github.com/gfm/#backslash-escapes).
enum MarkdownText {
    /// Punctuation that could start Markdown syntax inside a table cell; escaped with a backslash.
    private static let escaped: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "|", "~", "!", "#", "$"]

    /// Plain text for one table cell or line: no line breaks, no raw HTML, no Markdown syntax.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in flattened(text).unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default:
                if escaped.contains(scalar) { output += "\\" }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `text` as a code span: HTML and mentions are inert inside one; only `|` needs its table escape
    /// (GFM "Tables": `\|` works inside code spans in a cell). Text holding a backtick is escaped instead.
    static func code(_ text: String) -> String {
        let flat = flattened(text)
        guard !flat.isEmpty, !flat.contains("`") else { return escape(flat) }
        var output = "`"
        for scalar in flat.unicodeScalars {
            if scalar == "|" { output += "\\" }
            output.unicodeScalars.append(scalar)
        }
        return output + "`"
    }

    /// A rule message (resources in backticks): paired backtick spans become code spans, the rest is escaped.
    /// A stray backtick (an odd count, e.g. from a hostile name) is escaped like any other text.
    static func message(_ text: String) -> String {
        let parts = flattened(text).split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        let paired = parts.count % 2 == 1
        var output = ""
        for (offset, part) in parts.enumerated() {
            if !paired, offset > 0 {
                output += "\\`" + escape(part)
            } else if offset % 2 == 1 {
                output += code(part)
            } else {
                output += escape(part)
            }
        }
        return output
    }

    /// One line: line breaks, tabs, other control characters and bidirectional overrides escaped visibly.
    private static func flattened(_ text: String) -> String {
        TerminalText.escape(text)
    }
}

/// GitHub Actions workflow commands (`::error file=F,title=T::MESSAGE`): the runner splits commands on line
/// breaks and properties on `,` and `:`, so these are percent-encoded the way @actions/core does
/// (`escapeData`, `escapeProperty` in actions/toolkit packages/core/src/command.ts). No input can then end
/// the command or start a second one. Other control characters are escaped visibly (``TerminalText``): the log
/// viewer renders ANSI.
enum WorkflowCommand {
    /// The message after `::`.
    static func escapeData(_ text: String) -> String {
        escape(text, property: false)
    }

    /// A property value (`file=`, `title=`).
    static func escapeProperty(_ text: String) -> String {
        escape(text, property: true)
    }

    private static func escape(_ text: String, property: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            case ":" where property: output += "%3A"
            case "," where property: output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return TerminalText.escape(output)
    }
}

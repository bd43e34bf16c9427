import LintCore
import Reporters

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one writer of standard output and standard error. Text from the inputs (a Terraform address, a Name tag,
/// a file name, a configuration key) can reach either stream, so every stderr line is escaped
/// (``TerminalText/escape(_:)``) and every human report that its reporter does not already escape is escaped
/// line by line. Every write is checked: a report that did not reach standard output is an error (exit 2),
/// never a silent success. SIGPIPE keeps its default action: a reader that goes away ends the process as it
/// ends `cat`.
enum StandardStreams {
    /// How a report on standard output is written.
    enum Report {
        /// Escaped by its own syntax or reporter (json, sarif, junit; check's text, markdown and github, whose
        /// reporters escape every input-derived value and add their own colour codes): written unchanged.
        case escaped
        /// A human report holding raw input text (trace and consolidate text, rules, explain): each line is
        /// escaped, the report's own line breaks are kept.
        case untrusted
    }

    /// Whether standard output was closed when vpcelint started (`>&-`).
    nonisolated(unsafe) private static var outputWasClosed = false

    /// Called first: a standard descriptor that is closed (`>&-`, `2>&-`, `<&-`) is held by `/dev/null` opened
    /// the wrong way round, so that no file vpcelint opens later (an input, an output's temporary file) takes
    /// its number and receives a report, and a write to it fails and is reported.
    static func holdClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            if descriptor == STDOUT_FILENO { outputWasClosed = true }
            let held = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if held >= 0, held != descriptor {
                dup2(held, descriptor)
                close(held)
            }
        }
    }

    /// Writes a report to standard output; throws ``CheckError`` (exit 2) when it cannot be written whole.
    static func write(_ text: String, as kind: Report) throws(CheckError) {
        let safe = kind == .escaped ? text : escapingLines(text)
        guard let failure = writeAll(safe, to: STDOUT_FILENO) else { return }
        let reason = outputWasClosed ? "it is closed" : String(cString: strerror(failure))
        throw CheckError("cannot write to standard output: \(reason)")
    }

    /// `vpcelint: error: LINE` on standard error, the line escaped whole: a line break inside it (from a value)
    /// is shown as `\n`, never starts a line of its own.
    static func error(_ line: String) {
        _ = writeAll("vpcelint: error: " + TerminalText.escape(line) + "\n", to: STDERR_FILENO)
    }

    /// `vpcelint: NOTICE` on standard error, escaped whole.
    static func notice(_ line: String) {
        _ = writeAll("vpcelint: " + TerminalText.escape(line) + "\n", to: STDERR_FILENO)
    }

    /// Each line of `text` escaped; the line breaks (U+000A, split by scalar: Swift reads "\r\n" as one
    /// Character) stay.
    static func escapingLines(_ text: String) -> String {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escape(String(String.UnicodeScalarView($0))) }
            .joined(separator: "\n")
    }

    /// Writes every byte of `text`, retrying short writes and EINTR; the errno of a failed write, else `nil`.
    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { systemWrite(descriptor, $0 + written, buffer.count - written) } ?? 0
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            written += count
        }
        return nil
    }
}

/// write(2), out of reach of ``StandardStreams/write(_:as:)``'s name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

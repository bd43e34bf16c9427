/// Why bytes could not be read or taken as text, and where (1-based line and byte column) when the bytes
/// themselves are at fault. The caller words the message for its users (``kind`` says what happened).
package struct InputError: Error, Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// `open(2)` failed; `reason` is `strerror`.
        case cannotOpen(reason: String)
        /// `fstat(2)` failed.
        case cannotStat(reason: String)
        case directory
        /// A FIFO, socket or device.
        case notRegularFile
        /// A sparse file: `size` bytes with a hole from byte `hole` (holes read as NUL bytes).
        case sparse(size: Int, hole: Int)
        /// `read(2)` failed after `after` bytes.
        case readFailed(after: Int, reason: String)
        /// A UTF-16 byte-order mark, then an odd byte count or an unpaired surrogate.
        case invalidUTF16
        /// A zip archive (`PK\3\4`).
        case zipArchive
        /// A NUL byte; `looksUTF16` when it is one of the first two bytes (UTF-16 without a byte-order mark).
        case nulByte(looksUTF16: Bool)
        /// Standard input whose first byte that is not whitespace is `byte`, not `{`; `ciWrapper` when the text
        /// is a CI wrapper's log (`[command]`, `::debug::`).
        case cannotStartDocument(byte: UInt8, ciWrapper: Bool)
        /// Standard input of more than `limit` bytes.
        case standardInputTooLarge(limit: Int)
    }

    package var kind: Kind
    package var line: Int?
    package var column: Int?

    package init(_ kind: Kind, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}

/// 1-based line and column (in bytes) of a byte offset.
func position(of offset: Int, in text: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
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

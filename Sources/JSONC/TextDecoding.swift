#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns raw input bytes into UTF-8 JSON text: strips a UTF-8 byte-order mark and transcodes UTF-16
/// with a byte-order mark (Windows PowerShell's `terraform show -json > plan.json` writes UTF-16LE).
enum TextDecoding {
    /// The encoding found at the start of the bytes.
    enum Encoding: Equatable {
        case utf8
        case utf8WithBOM
        case utf16LittleEndian
        case utf16BigEndian
    }

    static func detect(_ bytes: UnsafeRawBufferPointer) -> Encoding {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8WithBOM }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LittleEndian }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BigEndian }
        return .utf8
    }

    /// UTF-16 code units after the byte-order mark, transcoded to UTF-8; `nil` when the byte count is odd or
    /// a surrogate is unpaired.
    static func transcodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> [UInt8]? {
        let body = bytes.count - 2
        guard body % 2 == 0 else { return nil }
        var units = [UInt16]()
        units.reserveCapacity(body / 2)
        var offset = 2
        while offset < bytes.count {
            let first = UInt16(bytes[offset])
            let second = UInt16(bytes[offset + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            offset += 2
        }
        var output = [UInt8]()
        output.reserveCapacity(units.count)
        let failed = transcode(
            units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true,
            into: { output.append($0) })
        return failed ? nil : output
    }
}

/// The names of the encodings ``InputBytes/decoded()`` tells apart, as documents record them.
package enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8-bom"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
}

extension InputBytes {
    /// UTF-8 text: the bytes without a UTF-8 byte-order mark, or UTF-16 with a byte-order mark transcoded.
    package func decoded() throws(InputError) -> (text: InputBytes, encoding: TextEncoding) {
        let result: (text: [UInt8]?, encoding: TextEncoding) = withUnsafeBytes { buffer in
            switch TextDecoding.detect(buffer) {
            case .utf8: return (nil, .utf8)
            case .utf8WithBOM: return (nil, .utf8WithBOM)
            case .utf16LittleEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: false), .utf16LittleEndian)
            case .utf16BigEndian: return (TextDecoding.transcodeUTF16(buffer, bigEndian: true), .utf16BigEndian)
            }
        }
        if result.encoding == .utf8 { return (self, .utf8) }
        if result.encoding == .utf8WithBOM { return (dropFirst(3), .utf8WithBOM) }
        guard let text = result.text.map(InputBytes.init) else { throw InputError(.invalidUTF16, line: 1, column: 1) }
        return (text, result.encoding)
    }

    /// JSON text never holds a raw NUL byte (strings escape it as `\u0000`), and json-c would stop at one:
    /// refuses binary input up front, naming a zip archive (a binary Terraform plan) apart.
    package func refuseBinary() throws(InputError) {
        let refusal: InputError? = withUnsafeBytes { buffer in
            if buffer.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return InputError(.zipArchive, line: 1, column: 1) }
            // memchr: several GB/s, where a Swift loop over a large file costs a noticeable share of the load.
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            let (line, column) = JSONC.position(of: offset, in: buffer)
            let looksUTF16 = offset < 2 && buffer.count > 3 && (buffer[0] == 0 || buffer[1] == 0)
            return InputError(.nulByte(looksUTF16: looksUTF16), line: line, column: column)
        }
        if let refusal { throw refusal }
    }
}

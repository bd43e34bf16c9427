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

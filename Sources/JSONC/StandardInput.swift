#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input, read with a bound and judged while it arrives (issue 12: `yes | vpcelint check -` aborted
/// under a memory limit, `vpcelint check - < /dev/zero` read 24 GB of an input invalid at its first byte).
/// - A stream whose first byte that is not JSON whitespace cannot start a Terraform document (`{`, after a
///   UTF-8 or UTF-16 byte-order mark if there is one) is refused as soon as that byte arrives.
/// - UTF-8 text stops being read at its first NUL byte: JSON text never holds one, and the bytes up to it are
///   enough for the loader to refuse it at its place.
/// - More than `limit` bytes is refused, after reading `limit + 1`; the buffer never grows past the limit.
package enum StandardInput {
    /// 4 GiB: twice the largest state measured (2.19 GiB, README) and beyond json-c's Int32 lengths, so a real
    /// state passes while an endless stream stops before it takes the machine's memory.
    package static let defaultLimit = 4 << 30

    private enum Start: Equatable {
        case undecided
        case utf8
        case utf16
        /// The offset of the byte (of the code unit, in UTF-16) that cannot start a document, and its value (the
        /// unit's low byte).
        case refused(offset: Int, byte: UInt8)
    }

    static func read(_ descriptor: Int32, limit: Int) throws(InputError) -> [UInt8] {
        var bytes = [UInt8]()
        var start = Start.undecided
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try readSome(descriptor, into: &chunk, after: bytes.count)
            if count == 0 { return bytes }
            guard count <= limit - bytes.count else { throw InputError(.standardInputTooLarge(limit: limit)) }
            if bytes.count + count > bytes.capacity {
                bytes.reserveCapacity(min(max(bytes.capacity * 2, bytes.count + count), limit))
            }
            let offset = bytes.count
            bytes.append(contentsOf: chunk[..<count])
            if start == .undecided { start = judge(bytes) }
            if case .refused(let at, let byte) = start { throw refusal(bytes, at, byte) }
            if start == .utf8, let nul = chunk[..<count].firstIndex(of: 0) {
                bytes.removeSubrange((offset + nul + 1)...)
                return bytes
            }
        }
    }

    /// One read(2) of what is there (at most a chunk); 0 at end of input.
    private static func readSome(_ descriptor: Int32, into chunk: inout [UInt8], after: Int) throws(InputError)
        -> Int
    {
        var result: Result<Int, InputError> = .success(0)
        chunk.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            result = Result { () throws(InputError) in
                try InputFile.readOnce(descriptor, base, buffer.count, after: after)
            }
        }
        return try result.get()
    }

    /// Where the document's first significant byte says it can be one, cannot, or has not arrived yet.
    private static func judge(_ bytes: [UInt8]) -> Start {
        let utf8Mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if bytes.count < 3, utf8Mark.starts(with: bytes) || bytes == [0xFF] || bytes == [0xFE] { return .undecided }
        if bytes.starts(with: utf8Mark) { return firstByte(bytes, from: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return firstUnit(bytes, bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return firstUnit(bytes, bigEndian: true) }
        return firstByte(bytes, from: 0)
    }

    private static func isBlank(_ value: UInt16) -> Bool {
        value == 0x20 || value == 0x0A || value == 0x0D || value == 0x09
    }

    private static func firstByte(_ bytes: [UInt8], from start: Int) -> Start {
        guard let index = bytes[start...].firstIndex(where: { !isBlank(UInt16($0)) }) else { return .undecided }
        return bytes[index] == UInt8(ascii: "{") ? .utf8 : .refused(offset: index, byte: bytes[index])
    }

    private static func firstUnit(_ bytes: [UInt8], bigEndian: Bool) -> Start {
        var index = 2
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            let unit = UInt16(high) << 8 | UInt16(low)
            if !isBlank(unit) { return unit == 0x7B ? .utf16 : .refused(offset: index, byte: low) }
            index += 2
        }
        return .undecided
    }

    private static func refusal(_ bytes: [UInt8], _ offset: Int, _ byte: UInt8) -> InputError {
        let prefix = String(decoding: bytes.prefix(200), as: UTF8.self)
        let wrapper = prefix.hasPrefix("[command]") || prefix.contains("::debug::")
        let (line, column) = bytes.withUnsafeBytes { position(of: offset, in: $0) }
        return InputError(.cannotStartDocument(byte: byte, ciWrapper: wrapper), line: line, column: column)
    }
}

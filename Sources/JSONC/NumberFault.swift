#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numbers json-c accepts but cannot hold: integers outside the signed 64-bit range (json-c clamps them to
/// the bounds without an error, so `2^64` would read as 18446744073709551615 or 9223372036854775807), and
/// `NaN`, `Infinity`, `-Infinity` or a literal that overflows a double (`1e999`), which json-c takes even in
/// strict mode and which no JSON encoder writes (RFC 8259 section 6). Terraform writes neither: such a file
/// is refused with the place of the number rather than read as a different value.
///
/// Only run when a conversion saw a value at a bound or a non-finite double, so it costs nothing on
/// ordinary files; it reads the text itself, so an integer that is exactly a bound passes.
enum NumberFault {
    /// The first bad number in `text[start..<end]`: its offset and why it is refused.
    static func first(in text: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (offset: Int, reason: String)? {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = min(end, text.count)
        var index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index = StructureScanner.stringEnd(base, end, from: index + 1) + 1
                continue
            }
            guard isTokenStart(byte) else {
                index += 1
                continue
            }
            var close = index + 1
            while close < end, isTokenByte(base[close]) { close += 1 }
            let token = UnsafeBufferPointer(start: base + index, count: close - index)
            if let reason = judge(token) { return (index, reason) }
            index = close
        }
        return nil
    }

    private static func isTokenStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || isLetter(byte)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isTokenStart(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// Why a token outside strings is refused, or `nil` for a number or literal that reads exactly.
    private static func judge(_ token: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: token, as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
        if text == "true" || text == "false" || text == "null" { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if let first = digits.first, !first.isNumber {
            return "`\(shown)` is not a JSON number (NaN and Infinity are not JSON)"
        }
        if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return strtod(text, nil).isFinite ? nil : "the number \(shown) is too large for a 64-bit float"
        }
        guard Int64(text) == nil else { return nil }
        return "the integer \(shown) is outside the 64-bit range (json-c would clamp it silently)"
    }
}

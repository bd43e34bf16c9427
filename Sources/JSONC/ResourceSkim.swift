#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A copy of one resource item's text without the parts its pruning leaves out, made before json-c sees it:
/// of a type whose values are kept, the members of `values` that are not kept (ARNs, policies, timeouts:
/// most of a network resource's bytes); of any other type, the whole of `values` (an empty object in its
/// place, what the pruning's stand-in is). json-c then builds a tree of what is read, not of everything.
///
/// What is left out is still checked, by a validator that accepts a strict subset of what json-c accepts:
/// standard JSON with the four whitespace bytes, strings without raw control bytes or lone surrogate
/// escapes, numbers short enough that json-c cannot clamp them (fewer than 19 characters, no exponent),
/// nesting well inside json-c's depth. Anything else, a key written with escapes at the item's level, a
/// `type` after `values` or twice, makes no copy: the item is parsed whole as before, so every refusal and
/// every message stays json-c's, at the same place. The copy keeps every member it cannot judge (a key of
/// `values` with escapes or non-ASCII bytes, which ``KeptKeys`` compares as a Swift string).
///
/// `sensitive_values` is left out only where it marks nothing (no `true` in it): of a kept type its
/// members not kept are dropped (the pruning drops them too), of any other type it becomes an empty object.
struct ResourceSkim {
    /// What the pruning of the item's type leaves of `values`.
    enum Selection {
        /// Only these members (``KeptKeys`` that answers by bytes).
        case kept(KeptKeys)
        /// Nothing: the member is a stand-in.
        case stubbed
    }

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private let output: UnsafeMutablePointer<UInt8>
    private let stack: UnsafeMutablePointer<UInt8>
    private let depthLimit: Int
    private(set) var written = 0
    private var left = false

    /// `output` must hold `end - start` bytes (the copy is never longer than the item); `stack` holds
    /// `depthLimit` bytes.
    init(
        text base: UnsafePointer<UInt8>, end: Int, output: UnsafeMutablePointer<UInt8>,
        stack: UnsafeMutablePointer<UInt8>, depthLimit: Int
    ) {
        self.base = base
        self.end = end
        self.output = output
        self.stack = stack
        self.depthLimit = depthLimit
    }

    /// Copies the item that starts at `start` (an object ending at ``end``) into the output, without what
    /// `selection` (asked once, with the bytes of its `type`) leaves out. False when it made no copy or the
    /// copy would leave nothing out: parse the item whole.
    mutating func copy(from start: Int, selection: (UnsafeBufferPointer<UInt8>) -> Selection?) -> Bool {
        var index = start
        guard index < end, base[index] == Byte.openBrace else { return false }
        write(Byte.openBrace)
        index += 1
        index = skipSpace(index)
        guard index < end else { return false }
        if base[index] == Byte.closeBrace { return false }
        var chosen: Selection?
        var typeSeen = false
        var first = true
        while true {
            index = skipSpace(index)
            guard index < end, base[index] == Byte.quote, let keyEnd = plainStringEnd(index) else { return false }
            let key = UnsafeBufferPointer(start: base + index + 1, count: keyEnd - index - 1)
            let memberStart = index
            index = skipSpace(keyEnd + 1)
            guard index < end, base[index] == Byte.colon else { return false }
            index = skipSpace(index + 1)
            guard index < end else { return false }
            if !first { write(Byte.comma) }
            first = false
            switch Member(key) {
            case .type?:
                guard !typeSeen, base[index] == Byte.quote, let typeEnd = plainStringEnd(index) else { return false }
                typeSeen = true
                chosen = selection(UnsafeBufferPointer(start: base + index + 1, count: typeEnd - index - 1))
                guard chosen != nil else { return false }
                index = typeEnd + 1
                copyBytes(memberStart..<index)
            case let member? where base[index] == Byte.openBrace:
                guard let chosen else { return false }
                copyBytes(memberStart..<(keyEnd + 1))
                write(Byte.colon)
                guard let next = copyObject(at: index, sensitive: member == .sensitiveValues, chosen) else {
                    return false
                }
                index = next
            case .values?, .sensitiveValues?, nil:
                guard let valueEnd = skipValue(at: index, depth: 1).end else { return false }
                index = valueEnd
                copyBytes(memberStart..<index)
            }
            index = skipSpace(index)
            guard index < end else { return false }
            if base[index] == Byte.comma {
                index += 1
                continue
            }
            guard base[index] == Byte.closeBrace, index + 1 == end else { return false }
            write(Byte.closeBrace)
            return left
        }
    }

    /// The members of the item this copy acts on.
    private enum Member {
        case type, values, sensitiveValues

        init?(_ key: UnsafeBufferPointer<UInt8>) {
            if Self.equals(key, "type") {
                self = .type
            } else if Self.equals(key, "values") {
                self = .values
            } else if Self.equals(key, "sensitive_values") {
                self = .sensitiveValues
            } else {
                return nil
            }
        }

        private static func equals(_ key: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            key.count == word.utf8CodeUnitCount && memcmp(key.baseAddress!, word.utf8Start, key.count) == 0
        }
    }

    /// Copies the object `values` or `sensitive_values` at `start` as `selection` asks; the offset after it.
    private mutating func copyObject(at start: Int, sensitive: Bool, _ selection: Selection) -> Int? {
        let mark = written
        switch (sensitive, selection) {
        case (false, .stubbed):
            guard let end = skipValue(at: start, depth: 1).end else { return nil }
            write(Byte.openBrace)
            write(Byte.closeBrace)
            left = true
            return end
        case (true, .stubbed):
            let skipped = skipValue(at: start, depth: 1)
            guard let end = skipped.end else { return nil }
            if skipped.marks {
                copyBytes(start..<end)
            } else {
                write(Byte.openBrace)
                write(Byte.closeBrace)
                left = true
            }
            return end
        case (_, .kept(let kept)):
            guard let copied = copyMembers(at: start, keeping: kept) else { return nil }
            if sensitive, copied.marks {
                // A mark anywhere makes the item one read as a value: leave it as it is.
                written = mark
                copyBytes(start..<copied.end)
            }
            return copied.end
        }
    }

    /// Copies the object at `start` with only the members `kept` keeps (and those whose key it cannot
    /// judge by bytes); whether a dropped or kept member held `true`.
    private mutating func copyMembers(at start: Int, keeping kept: KeptKeys) -> (end: Int, marks: Bool)? {
        var index = start + 1
        var marks = false
        var first = true
        write(Byte.openBrace)
        index = skipSpace(index)
        guard index < end else { return nil }
        if base[index] == Byte.closeBrace {
            write(Byte.closeBrace)
            return (index + 1, false)
        }
        while true {
            index = skipSpace(index)
            guard index < end, base[index] == Byte.quote else { return nil }
            let memberStart = index
            guard let keyEnd = validStringEnd(index) else { return nil }
            let key = UnsafeBufferPointer(start: base + index + 1, count: keyEnd - index - 1)
            index = skipSpace(keyEnd + 1)
            guard index < end, base[index] == Byte.colon else { return nil }
            let skipped = skipValue(at: skipSpace(index + 1), depth: 2)
            guard let valueEnd = skipped.end else { return nil }
            marks = marks || skipped.marks
            if kept.keeps(bytes: key) ?? true {
                if !first { write(Byte.comma) }
                first = false
                copyBytes(memberStart..<valueEnd)
            } else {
                left = true
            }
            index = skipSpace(valueEnd)
            guard index < end else { return nil }
            if base[index] == Byte.comma {
                index += 1
                continue
            }
            guard base[index] == Byte.closeBrace else { return nil }
            write(Byte.closeBrace)
            return (index + 1, marks)
        }
    }

    // MARK: validation

    /// The offset after the value at `start` (nil when the validator doubts it), and whether it holds `true`.
    /// `depth` is how deep the value sits in the item.
    func skipValue(at start: Int, depth: Int) -> (end: Int?, marks: Bool) {
        var index = start
        var level = 0  // open containers of this value; `stack[level - 1]` is 1 for an object
        var marks = false
        let failed: (end: Int?, marks: Bool) = (nil, false)
        while true {
            // A value.
            index = skipSpace(index)
            guard index < end else { return failed }
            switch base[index] {
            case Byte.openBrace, Byte.openBracket:
                guard depth + level < depthLimit else { return failed }
                let isObject = base[index] == Byte.openBrace
                stack[level] = isObject ? 1 : 0
                level += 1
                index = skipSpace(index + 1)
                guard index < end else { return failed }
                if base[index] == (isObject ? Byte.closeBrace : Byte.closeBracket) {
                    level -= 1
                    index += 1
                } else {
                    if isObject {
                        guard let next = key(at: index) else { return failed }
                        index = next
                    }
                    continue
                }
            case Byte.quote:
                guard let close = validStringEnd(index) else { return failed }
                index = close + 1
            case Byte.minus, Byte.zero...Byte.nine:
                guard let next = numberEnd(index) else { return failed }
                index = next
            case Byte.t:
                guard matches(index, "true") else { return failed }
                marks = true
                index += 4
            case Byte.f:
                guard matches(index, "false") else { return failed }
                index += 5
            case Byte.n:
                guard matches(index, "null") else { return failed }
                index += 4
            default: return failed
            }
            // After a value: close containers, or a comma and the next value.
            while true {
                if level == 0 {
                    // The value must end where a delimiter follows (its container's, seen by the caller).
                    guard index >= end || Self.isDelimiter(base[index]) else { return failed }
                    return (index, marks)
                }
                index = skipSpace(index)
                guard index < end else { return failed }
                let isObject = stack[level - 1] == 1
                let byte = base[index]
                if byte == Byte.comma {
                    index += 1
                    if isObject {
                        guard let next = key(at: skipSpace(index)) else { return failed }
                        index = next
                    }
                    break
                }
                guard byte == (isObject ? Byte.closeBrace : Byte.closeBracket) else { return failed }
                level -= 1
                index += 1
            }
        }
    }

    /// After the key at `start` and its colon: the offset of the member's value.
    private func key(at start: Int) -> Int? {
        guard start < end, base[start] == Byte.quote, let close = validStringEnd(start) else { return nil }
        let colon = skipSpace(close + 1)
        guard colon < end, base[colon] == Byte.colon else { return nil }
        return colon + 1
    }

    /// The offset of the quote closing the string that opens at `start`, for a string without escapes, raw
    /// control bytes or non-ASCII bytes (a key or a type compared by its bytes).
    private func plainStringEnd(_ start: Int) -> Int? {
        var index = start + 1
        while index < end {
            let byte = base[index]
            if byte == Byte.quote { return index }
            guard byte >= 0x20, byte < 0x80, byte != Byte.backslash else { return nil }
            index += 1
        }
        return nil
    }

    /// The offset of the quote closing the string that opens at `start`: escapes as JSON has them (a `\u`
    /// escape of a surrogate is doubted: json-c's handling of pairs is its own), no raw control byte.
    func validStringEnd(_ start: Int) -> Int? {
        var index = start + 1
        while index < end {
            // Eight bytes at a time, straight to the first that needs a look (a quote, backslash or control byte).
            if index + 8 <= end {
                let special = Self.specialBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if special == 0 {
                    index += 8
                    continue
                }
                index += special.trailingZeroBitCount >> 3
            }
            let byte = base[index]
            if byte == Byte.quote { return index }
            if byte < 0x20 { return nil }
            if byte == Byte.backslash {
                guard index + 1 < end else { return nil }
                switch base[index + 1] {
                case Byte.quote, Byte.backslash, Byte.slash, Byte.b, Byte.f, Byte.n, Byte.r, Byte.t:
                    index += 2
                case Byte.u:
                    guard index + 5 < end else { return nil }
                    var scalar: UInt32 = 0
                    for offset in 2...5 {
                        guard let digit = Self.hexValue(base[index + offset]) else { return nil }
                        scalar = scalar << 4 | digit
                    }
                    guard !(0xD800...0xDFFF).contains(scalar) else { return nil }
                    index += 6
                default: return nil
                }
                continue
            }
            index += 1
        }
        return nil
    }

    /// The offset after a JSON number at `start` that json-c reads exactly: no exponent, under 19 characters
    /// (json-c clamps integers past 64 bits; the full parse finds and refuses those).
    private func numberEnd(_ start: Int) -> Int? {
        var index = start
        if base[index] == Byte.minus { index += 1 }
        guard index < end, Self.isDigit(base[index]) else { return nil }
        if base[index] == Byte.zero {
            index += 1
        } else {
            while index < end, Self.isDigit(base[index]) { index += 1 }
        }
        if index < end, base[index] == Byte.dot {
            index += 1
            guard index < end, Self.isDigit(base[index]) else { return nil }
            while index < end, Self.isDigit(base[index]) { index += 1 }
        }
        guard index - start < 19 else { return nil }
        if index < end, base[index] == Byte.e || base[index] == Byte.upperE { return nil }
        return index
    }

    private func matches(_ start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        return start + count <= end && memcmp(base + start, word.utf8Start, count) == 0
    }

    private func skipSpace(_ start: Int) -> Int {
        var index = start
        while index < end, Self.isSpace(base[index]) { index += 1 }
        return index
    }

    private mutating func write(_ byte: UInt8) {
        output[written] = byte
        written += 1
    }

    private mutating func copyBytes(_ range: Range<Int>) {
        (output + written).update(from: base + range.lowerBound, count: range.count)
        written += range.count
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The high bit of each of the eight bytes in `word` (read little-endian) that is a quote, a backslash or a
    /// control byte (below 0x20), by the usual word-at-a-time tests: a borrow can only mark a byte past one
    /// that truly matches, so zero says "none" and the lowest bit marks the first exactly.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(Byte.quote))
        let backslash = word ^ (ones &* UInt64(Byte.backslash))
        let zeroes = (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroes | control) & highs
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= Byte.zero && byte <= Byte.nine }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == Byte.comma || byte == Byte.closeBrace || byte == Byte.closeBracket
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case Byte.zero...Byte.nine: UInt32(byte - Byte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private enum Byte {
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let slash = UInt8(ascii: "/")
        static let colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ",")
        static let minus = UInt8(ascii: "-")
        static let dot = UInt8(ascii: ".")
        static let zero = UInt8(ascii: "0")
        static let nine = UInt8(ascii: "9")
        static let b = UInt8(ascii: "b")
        static let e = UInt8(ascii: "e")
        static let upperE = UInt8(ascii: "E")
        static let f = UInt8(ascii: "f")
        static let n = UInt8(ascii: "n")
        static let r = UInt8(ascii: "r")
        static let t = UInt8(ascii: "t")
        static let u = UInt8(ascii: "u")
    }
}

extension Pruning {
    /// What a resource item's skimmed copy keeps of `values` under this pruning (``ResourceSkim``), or nil
    /// when the pruning is not one of an item's (`values` and `sensitive_values` both stubbed, or both
    /// selected by kept keys): then the item is parsed whole.
    var skimSelection: ResourceSkim.Selection? {
        guard !everywhere, nested == nil, packed.map({ Self.same($0, "values") }) ?? true else { return nil }
        if selected.isEmpty, stubbed.count == 2, stubbed.contains(where: { Self.same($0, "values") }),
            stubbed.contains(where: { Self.same($0, "sensitive_values") })
        {
            return .stubbed
        }
        if stubbed.isEmpty, let kept, selected.count == 2, selected.contains(where: { Self.same($0, "values") }),
            selected.contains(where: { Self.same($0, "sensitive_values") })
        {
            return .kept(kept)
        }
        return nil
    }

    private static func same(_ name: StaticString, _ word: StaticString) -> Bool {
        name.utf8CodeUnitCount == word.utf8CodeUnitCount
            && memcmp(name.utf8Start, word.utf8Start, word.utf8CodeUnitCount) == 0
    }
}

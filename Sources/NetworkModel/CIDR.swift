/// An IPv4 or IPv6 network in CIDR notation, compared exactly (no floating point, no string matching).
public struct CIDR: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// IPv4 addresses sit in the low 32 bits of `low`; IPv6 uses both words.
    public let isIPv6: Bool
    public let high: UInt64
    public let low: UInt64
    public let prefixLength: Int

    /// Parses `10.2.0.0/16` or `2001:db8::/56`; host bits are cleared. `nil` for anything else.
    public init?(_ text: String) {
        if let (address, length) = Self.plainIPv4(text) {
            self.init(isIPv6: false, address: (0, UInt64(address)), prefixLength: length)
        } else {
            self.init(general: text)
        }
    }

    /// The parse ``init(_:)`` falls back to when its fast path for plain IPv4 does not answer.
    init?(general text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), !parts[1].hasPrefix("+") else { return nil }
        if parts[0].utf8.contains(UInt8(ascii: ":")) {
            guard (0...128).contains(length), let (high, low) = Self.parseIPv6(parts[0]) else { return nil }
            self.isIPv6 = true
            self.prefixLength = length
            let (maskHigh, maskLow) = Self.mask128(length)
            self.high = high & maskHigh
            self.low = low & maskLow
        } else {
            guard (0...32).contains(length), let address = Self.parseIPv4(parts[0]) else { return nil }
            self.isIPv6 = false
            self.prefixLength = length
            self.high = 0
            self.low = UInt64(address) & Self.mask32(length)
        }
    }

    /// The network of `address` with its host bits cleared.
    init(isIPv6: Bool, address: (high: UInt64, low: UInt64), prefixLength: Int) {
        self.isIPv6 = isIPv6
        self.prefixLength = prefixLength
        if isIPv6 {
            let (maskHigh, maskLow) = Self.mask128(prefixLength)
            high = address.high & maskHigh
            low = address.low & maskLow
        } else {
            high = 0
            low = address.low & Self.mask32(prefixLength)
        }
    }

    /// Why a text is not a network of the family an attribute expects.
    public struct Problem: Error, Sendable, Hashable {
        public var reason: String
    }

    /// `text` as a network of one family: an IPv4 attribute holding an IPv6 network (or the reverse), and an
    /// IPv4-mapped IPv6 form (`::ffff:10.3.0.0/112`, which AWS does not accept for a VPC), are problems, as is
    /// anything ``init(_:)`` does not parse (`"10.3.0.0/16 "`, `/33`). The reason quotes the text escaped.
    public static func read(_ text: String, ipv6: Bool) -> Result<CIDR, Problem> {
        let family = ipv6 ? "IPv6" : "IPv4"
        var quoted: String { "\"" + text.unicodeScalars.prefix(80).map { $0.escaped(asASCII: true) }.joined() + "\"" }
        guard let cidr = CIDR(text) else {
            return .failure(
                Problem(reason: "\(quoted) is not an \(family) CIDR block (ADDRESS/\(ipv6 ? "0-128" : "0-32"))"))
        }
        guard cidr.isIPv6 == ipv6 else {
            return .failure(
                Problem(reason: "\(quoted) is an \(cidr.isIPv6 ? "IPv6" : "IPv4") network, not an \(family) one"))
        }
        if cidr.isIPv6, cidr.high == 0, cidr.low >> 32 == 0xFFFF {
            return .failure(Problem(reason: "\(quoted) is an IPv4-mapped IPv6 form, not an IPv6 network AWS assigns"))
        }
        return .success(cidr)
    }

    /// True when every address of `other` is in this network (same family).
    public func contains(_ other: CIDR) -> Bool {
        guard isIPv6 == other.isIPv6, prefixLength <= other.prefixLength else { return false }
        if isIPv6 {
            let (maskHigh, maskLow) = Self.mask128(prefixLength)
            return other.high & maskHigh == high && other.low & maskLow == low
        }
        return other.low & Self.mask32(prefixLength) == low
    }

    /// True when the two networks share an address.
    public func overlaps(_ other: CIDR) -> Bool {
        contains(other) || other.contains(self)
    }

    public var description: String {
        if !isIPv6 {
            let value = UInt32(truncatingIfNeeded: low)
            let octets = [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }
            return octets.joined(separator: ".") + "/\(prefixLength)"
        }
        var groups = [UInt16]()
        for shift in stride(from: 48, through: 0, by: -16) {
            groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift)))
        }
        for shift in stride(from: 48, through: 0, by: -16) {
            groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift)))
        }
        return Self.formatIPv6(groups) + "/\(prefixLength)"
    }

    public static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        (lhs.isIPv6 ? 1 : 0, lhs.high, lhs.low, lhs.prefixLength) < (
            rhs.isIPv6 ? 1 : 0, rhs.high, rhs.low, rhs.prefixLength
        )
    }

    private static func mask32(_ length: Int) -> UInt64 {
        length == 0 ? 0 : (UInt64(0xFFFF_FFFF) << UInt64(32 - length)) & 0xFFFF_FFFF
    }

    private static func mask128(_ length: Int) -> (UInt64, UInt64) {
        if length == 0 { return (0, 0) }
        if length <= 64 { return (UInt64.max << UInt64(64 - length), 0) }
        if length == 128 { return (UInt64.max, UInt64.max) }
        return (UInt64.max, UInt64.max << UInt64(128 - length))
    }

    /// `A.B.C.D/N` in ASCII digits (1-3 per octet, each at most 255; N at most 32 in 1-2 digits), read from
    /// the bytes without splitting; nil for anything else, which the general parse then reads (or refuses).
    private static func plainIPv4(_ text: String) -> (address: UInt32, length: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (UInt32, Int)? in
            var address: UInt32 = 0
            var position = 0
            for octetIndex in 0..<4 {
                var value: UInt32 = 0
                var digits = 0
                while position < bytes.count, bytes[position] &- 0x30 < 10, digits < 3 {
                    value = value * 10 + UInt32(bytes[position] &- 0x30)
                    digits += 1
                    position += 1
                }
                guard digits > 0, value <= 255, position < bytes.count else { return nil }
                let separator = octetIndex == 3 ? UInt8(ascii: "/") : UInt8(ascii: ".")
                guard bytes[position] == separator else { return nil }
                position += 1
                address = address << 8 | value
            }
            var length = 0
            var digits = 0
            while position < bytes.count, bytes[position] &- 0x30 < 10, digits < 2 {
                length = length * 10 + Int(bytes[position] &- 0x30)
                digits += 1
                position += 1
            }
            guard digits > 0, position == bytes.count, length <= 32 else { return nil }
            return (address, length)
        }
    }

    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCIIDigit), let number = UInt32(octet),
                number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    private static func parseIPv6(_ text: Substring) -> (UInt64, UInt64)? {
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result = [UInt16]()
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.utf8.contains(UInt8(ascii: ".")) {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    private static func formatIPv6(_ groups: [UInt16]) -> String {
        // RFC 5952: compress the longest run (>= 2) of zero groups.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8, groups[end] == 0 { end += 1 }
                if end - index > bestLength, end - index >= 2 { (bestStart, bestLength) = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    /// Splits at the first `::` only; a second `::` yields three parts (invalid).
    fileprivate func components(separatedByDoubleColon _: Void) -> [Substring] {
        var parts = [Substring]()
        var rest = self[...]
        while let range = rest.firstRange(of: "::") {
            parts.append(rest[rest.startIndex..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}

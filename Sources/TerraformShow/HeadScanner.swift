/// Steps through the top-level object at the start of a document's head, keeping each member's key and a
/// summary of its value, without parsing: nested values are skipped by counting brackets outside strings.
/// Stops at the end of the object or of the bytes.
struct HeadScanner {
    /// What is kept of a member's value: short strings and numbers as they are, the text of a small object.
    enum Value: Equatable {
        case string(String)
        case number
        /// The object's text when it is at most ``smallObject`` bytes, else empty.
        case object(String)
        case other
    }

    static let smallObject = 512

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first byte that is not JSON whitespace, the position left on it.
    mutating func firstByte() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// The members of the object that opens at the current position, and whether it closed within the bytes.
    /// `settled` is asked at each key, before its value is stepped over: once it says the members so far
    /// decide, the scan stops there (a state's `values` is never walked once `format_version` came first).
    mutating func topLevelMembers(
        settled: ([String: Value], String) -> Bool = { _, _ in false }
    ) -> (members: [String: Value], complete: Bool) {
        var members = [String: Value]()
        position += 1
        while true {
            skipWhitespace()
            guard position < bytes.count else { return (members, false) }
            if bytes[position] == UInt8(ascii: "}") { return (members, true) }
            guard bytes[position] == UInt8(ascii: "\""), let key = string() else { return (members, false) }
            if settled(members, key) { return (members, false) }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return (members, false) }
            position += 1
            skipWhitespace()
            // A value cut off by the end of the head still shows its key (a large report's `runs`, `findings`).
            guard let value = value() else {
                members[key] = .other
                return (members, false)
            }
            members[key] = value
            skipWhitespace()
            guard position < bytes.count else { return (members, false) }
            if bytes[position] == UInt8(ascii: ",") { position += 1 }
        }
    }

    /// The value at the current position, or `nil` when the bytes end inside it (or it is malformed).
    private mutating func value() -> Value? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = position
            guard skipContainer() else { return nil }
            let isObject = bytes[start] == UInt8(ascii: "{")
            let small = position - start <= Self.smallObject
            return isObject ? .object(small ? String(decoding: bytes[start..<position], as: UTF8.self) : "") : .other
        default:
            let start = position
            while position < bytes.count, !",}] \t\r\n".utf8.contains(bytes[position]) { position += 1 }
            guard position < bytes.count else { return nil }
            let first = bytes[start]
            return first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
                ? .number : .other
        }
    }

    /// The string that opens at the current position, escapes left as written; `nil` when the bytes end first.
    private mutating func string() -> String? {
        let start = position + 1
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
            default: position += 1
            }
        }
        return nil
    }

    /// Steps over the object or array that opens at the current position; false when the bytes end first.
    private mutating func skipContainer() -> Bool {
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    position += 1
                    return true
                }
            case UInt8(ascii: "\""):
                guard string() != nil else { return false }
                continue
            default: break
            }
            position += 1
        }
        return false
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, " \t\r\n".utf8.contains(bytes[position]) { position += 1 }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The object keys a selection keeps (``Pruning``), looked up by a json-c key's bytes: choosing the ~5 kept
/// members of a resource's ~25 makes no Swift string and hashes nothing with SipHash. A key with a non-ASCII
/// byte is looked up as a Swift string, as before, so the answer is the set's own (`String` equality is
/// canonical: `"\u{212A}"` equals `"K"`).
package final class KeptKeys: Sendable {
    /// The kept keys.
    package let names: Set<String>
    /// Open addressing by FNV-1a of the key's bytes: an index into ``entries`` plus one, 0 for an empty slot.
    private let slots: [Int32]
    private let entries: [Entry]
    /// A name with a non-ASCII byte: every key is then looked up as a Swift string.
    private let slow: Bool

    private struct Entry: Sendable {
        var hash: UInt32
        var bytes: [UInt8]
        var name: String
    }

    package init(_ names: Set<String>) {
        self.names = names
        slow = names.contains { name in name.utf8.contains { $0 >= 0x80 || $0 == 0 } }
        var capacity = 8
        while capacity < names.count * 4 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var entries = [Entry]()
        for name in names.sorted() {
            let bytes = Array(name.utf8)
            let hash = bytes.withUnsafeBufferPointer { FNV1a.hash($0) }
            var slot = Int(hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            entries.append(Entry(hash: hash, bytes: bytes, name: name))
            slots[slot] = Int32(entries.count)
        }
        self.slots = slots
        self.entries = entries
    }

    /// The kept name equal to the key (a C string), or nil when it is not kept. `slowKey` makes the key's
    /// Swift string for the keys the byte table cannot answer.
    @inline(__always)
    func name(of key: UnsafePointer<CChar>, slowKey: (UnsafePointer<CChar>) -> String) -> String? {
        let bytes = UnsafeRawPointer(key).assumingMemoryBound(to: UInt8.self)
        var hash = FNV1a.basis
        var length = 0
        var ascii = true
        while bytes[length] != 0 {
            let byte = bytes[length]
            if byte >= 0x80 { ascii = false }
            hash = FNV1a.step(hash, byte)
            length += 1
        }
        guard ascii, !slow else {
            let name = slowKey(key)
            return names.contains(name) ? name : nil
        }
        return entry(hash: hash, bytes: bytes, count: length)
    }

    /// The kept name whose bytes are `bytes[0..<count]` (`hash` their FNV-1a hash), or nil.
    @inline(__always)
    private func entry(hash: UInt32, bytes: UnsafePointer<UInt8>?, count: Int) -> String? {
        var slot = Int(hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash, entry.bytes.count == count,
                count == 0 || entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes!, count) == 0 })
            {
                return entry.name
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }
}

extension KeptKeys {
    /// Whether the key whose bytes (as written in the text, between its quotes) are `key` is kept; nil when
    /// the bytes cannot tell: an escape or a non-ASCII byte in the key (json-c decodes the one, and the set
    /// compares the other as a Swift string), or a kept name with a non-ASCII byte.
    func keeps(bytes key: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !slow else { return nil }
        var hash = FNV1a.basis
        for byte in key {
            guard byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            hash = FNV1a.step(hash, byte)
        }
        return entry(hash: hash, bytes: key.baseAddress, count: key.count) != nil
    }
}

/// The 32-bit FNV-1a hash of a key's bytes: what ``KeyCache`` and ``KeptKeys`` find keys by.
enum FNV1a {
    static let basis: UInt32 = 2_166_136_261

    @inline(__always)
    static func step(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* 16_777_619 }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        bytes.reduce(basis, step)
    }
}

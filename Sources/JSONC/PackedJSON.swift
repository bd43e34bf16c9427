/// A JSON value packed into one byte buffer: what a resource's attribute values are kept as between the load
/// and the model. A ``JSONValue`` tree takes ~5x its JSON text (a dictionary per object, a box per value, a heap
/// string per ID); this takes about the text's size, in one allocation, and a lookup walks it without
/// building anything but the value it returns.
///
/// Layout (all integers little-endian): a tag byte, then
/// - `null`, `false`, `true`: nothing;
/// - an integer: zigzag-encoded as a LEB128 varint; a double: 8 bytes;
/// - a string: its UTF-8 length as a LEB128 varint, then the bytes;
/// - an array or an object: the length of the rest (UInt32), its element count (varint), then each element, or
///   each member's key (varint length and bytes) followed by its value. An array of at least
///   ``Reader/indexedCount`` elements has, before them, where each starts (UInt32 each, from the first), so
///   that reading element `i` does not walk the `i` before it (a zone associated with 2,000 VPCs is read
///   element by element). Members keep the order of
///   the dictionary they came from; keys are unique.
///
/// A value whose body would not fit in 32 bits (a single attribute of 4 GiB) stays a tree.
public struct PackedJSON: Sendable {
    private enum Storage: Sendable {
        /// The empty object.
        case empty
        /// Bytes in an arena (``PackedArena``) that other values share.
        case slice(PackedArena, start: UInt32, count: UInt32)
        case tree(JSONValue)
    }

    private var storage: Storage

    /// The empty object, in no allocation.
    public static let emptyObject = PackedJSON(storage: .empty)

    private init(storage: Storage) { self.storage = storage }

    /// A value kept as a tree (its body passed 32 bits).
    init(tree value: JSONValue) { self.init(storage: .tree(value)) }

    /// `value` packed into an arena of its own, of its size.
    public init(_ value: JSONValue) {
        var packer = Packer(firstArena: 0)
        self = packer.pack(value)
    }

    /// Calls `bytes` with the packed bytes (empty for the empty object), or `tree` with a value kept as a tree.
    private func withStorage<Result>(
        tree: (JSONValue) -> Result, bytes: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        switch storage {
        case .empty: return bytes(UnsafeBufferPointer(start: nil, count: 0))
        case .tree(let value): return tree(value)
        case .slice(let arena, let start, let count):
            return withExtendedLifetime(arena) {
                bytes(UnsafeBufferPointer(start: arena.base.advanced(by: Int(start)), count: Int(count)))
            }
        }
    }

    /// The whole value.
    public var value: JSONValue {
        withStorage(
            tree: { $0 },
            bytes: { buffer in
                guard !buffer.isEmpty else { return .object([:]) }
                var reader = Reader(buffer)
                return reader.decode(at: 0)
            })
    }

    /// True for the empty object.
    public var isEmptyObject: Bool {
        withStorage(
            tree: { $0.object?.isEmpty == true },
            bytes: { buffer in
                buffer.isEmpty || (buffer[0] == Tag.object && Reader(buffer).varint(at: Reader.lengthEnd).value == 0)
            })
    }

    /// Bytes held (for figures and tests).
    public var byteCount: Int {
        withStorage(tree: { _ in 0 }, bytes: { $0.count })
    }

    /// The value at a dotted path (`dns_entry.0.dns_name`), as ``JSONValue`` lookups find it: each non-empty
    /// `.`-separated segment names an object's member, or indexes an array when it is a decimal number; the
    /// empty path is the whole value.
    public func value(at path: String) -> JSONValue? {
        withStorage(
            tree: { Self.lookup($0, path) },
            bytes: { buffer in
                guard !buffer.isEmpty else {
                    return path.utf8.allSatisfy { $0 == UInt8(ascii: ".") } ? .object([:]) : nil
                }
                let reader = Reader(buffer)
                var position = 0
                var found = true
                var path = path
                path.withUTF8 { pathBytes in
                    var start = 0
                    while start < pathBytes.count, found {
                        var end = start
                        while end < pathBytes.count, pathBytes[end] != UInt8(ascii: ".") { end += 1 }
                        if end > start {
                            let segment = UnsafeBufferPointer(rebasing: pathBytes[start..<end])
                            if let next = reader.step(from: position, segment) {
                                position = next
                            } else {
                                found = false
                            }
                        }
                        start = end + 1
                    }
                }
                guard found else { return nil }
                var decoder = reader
                return decoder.decode(at: position)
            })
    }

    /// True unless the value at `path` is an object with a key `predicate` refuses. The empty path is the
    /// whole value.
    public func allKeys(at path: String, satisfy predicate: (String) -> Bool) -> Bool {
        withStorage(
            tree: { Self.lookup($0, path)?.object?.keys.allSatisfy(predicate) ?? true },
            bytes: { buffer in
                guard !buffer.isEmpty else { return true }
                let reader = Reader(buffer)
                var position = 0
                if !path.isEmpty {
                    var key = path
                    let found = key.withUTF8 { reader.step(from: 0, $0) }
                    guard let found else { return true }
                    position = found
                }
                guard buffer[position] == Tag.object else { return true }
                var (count, cursor) = reader.varint(at: position + Reader.lengthEnd)
                for _ in 0..<count {
                    let (keyLength, keyStart) = reader.varint(at: cursor)
                    if !predicate(reader.string(keyStart, keyLength)) { return false }
                    cursor = reader.skip(keyStart + keyLength)
                }
                return true
            })
    }

    /// Calls `body` with every string in the value (object keys aside), depth first.
    public func forEachString(_ body: (String) -> Void) {
        withStorage(
            tree: { Self.strings(in: $0, body) },
            bytes: { buffer in
                guard !buffer.isEmpty else { return }
                _ = Self.strings(Reader(buffer), at: 0, body)
            })
    }

    /// Packs values into shared arenas: one belongs to each task that reads resources (a chunk reader), so the
    /// values of a load sit in blocks of up to ``largestArena`` bytes, not an allocation each (a header and a
    /// rounding each, and pages shared with the strings that outlive them), and go back to the system whole
    /// when the values are let go.
    public struct Packer: Sendable {
        private var writer = Writer()
        private var arena: PackedArena?
        private var nextArena: Int

        /// The first arena holds `firstArena` bytes (at least what the first value needs); each next one twice
        /// the last, up to ``largestArena``.
        public init(firstArena: Int = 4 << 10) {
            nextArena = firstArena
        }

        /// The largest arena; a value of more than a quarter of it gets an arena of its own.
        public static let largestArena = 1 << 20

        public mutating func pack(_ value: JSONValue) -> PackedJSON {
            if case .object(let members) = value, members.isEmpty { return .emptyObject }
            writer.bytes.removeAll(keepingCapacity: true)
            writer.overflow = false
            writer.write(value)
            return placeWritten() ?? PackedJSON(storage: .tree(value))
        }

        /// Packs what `write` writes into ``writer`` (emptied first); nil when it passed 32 bits.
        mutating func pack(writing write: (inout Writer) -> Void) -> PackedJSON? {
            writer.bytes.removeAll(keepingCapacity: true)
            writer.overflow = false
            write(&writer)
            return placeWritten()
        }

        /// The bytes in ``writer`` moved into an arena; nil when they passed 32 bits.
        private mutating func placeWritten() -> PackedJSON? {
            let count = writer.bytes.count
            guard !writer.overflow, count <= Int(UInt32.max) else { return nil }
            let target: PackedArena
            if let arena, arena.capacity - arena.used >= count {
                target = arena
            } else if count > Self.largestArena / 4 {
                target = PackedArena(capacity: count)
            } else {
                target = PackedArena(capacity: max(count, nextArena))
                nextArena = min(nextArena * 2, Self.largestArena)
                arena = target
            }
            let start = target.append(writer.bytes)
            return PackedJSON(storage: .slice(target, start: UInt32(start), count: UInt32(count)))
        }
    }

    /// Gives `body` every string of the value at `position`; returns the position after the value. As deep as
    /// the value (at most ``JSONCParser/maximumDepth``).
    private static func strings(_ reader: Reader, at position: Int, _ body: (String) -> Void) -> Int {
        let tag = reader.buffer[position]
        switch tag {
        case Tag.string:
            let (length, start) = reader.varint(at: position + 1)
            body(reader.string(start, length))
            return start + length
        case Tag.array, Tag.object:
            var (count, cursor) = reader.varint(at: position + Reader.lengthEnd)
            if tag == Tag.array { cursor = reader.firstElement(count: count, after: cursor) }
            for _ in 0..<count {
                if tag == Tag.object {
                    let (keyLength, keyStart) = reader.varint(at: cursor)
                    cursor = keyStart + keyLength
                }
                cursor = strings(reader, at: cursor, body)
            }
            return cursor
        default:
            return reader.skip(position)
        }
    }

    private static func strings(in value: JSONValue, _ body: (String) -> Void) {
        switch value {
        case .string(let text): body(text)
        case .array(let items): for item in items { strings(in: item, body) }
        case .object(let members): for member in members.values { strings(in: member, body) }
        default: break
        }
    }

    private static func lookup(_ root: JSONValue, _ path: String) -> JSONValue? {
        var node: JSONValue? = root
        for segment in path.split(separator: ".") {
            switch node {
            case .object(let members)?: node = members[String(segment)]
            case .array(let items)?:
                guard let index = Int(segment), items.indices.contains(index) else { return nil }
                node = items[index]
            default: return nil
            }
        }
        return node
    }

    enum Tag {
        static let null: UInt8 = 0
        static let `false`: UInt8 = 1
        static let `true`: UInt8 = 2
        static let int: UInt8 = 3
        static let double: UInt8 = 4
        static let string: UInt8 = 5
        static let array: UInt8 = 6
        static let object: UInt8 = 7
    }

    /// Appends a value's packed form.
    struct Writer: Sendable {
        var bytes = [UInt8]()
        /// A container's body passed 32 bits: the caller keeps the tree.
        var overflow = false

        mutating func write(_ value: JSONValue) {
            switch value {
            case .null: bytes.append(Tag.null)
            case .bool(let flag): bytes.append(flag ? Tag.true : Tag.false)
            case .int(let number):
                bytes.append(Tag.int)
                appendVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
            case .double(let number):
                bytes.append(Tag.double)
                append64(number.bitPattern)
            case .string(var text):
                bytes.append(Tag.string)
                text.withUTF8 { appendString($0) }
            case .array(let items):
                writeArray(count: items.count) { writer, index in writer.write(items[index]) }
            case .object(let members):
                let header = openContainer(Tag.object, count: members.count)
                for (key, member) in members {
                    var key = key
                    key.withUTF8 { appendString($0) }
                    write(member)
                }
                closeContainer(header)
            }
        }

        /// Appends an array of `count` elements, each written by `element`; of ``Reader/indexedCount`` or more,
        /// preceded by where each starts.
        mutating func writeArray(count: Int, _ element: (inout Writer, Int) -> Void) {
            let header = openContainer(Tag.array, count: count)
            if count >= Reader.indexedCount {
                let table = bytes.count
                bytes.append(contentsOf: repeatElement(0, count: 4 * count))
                let first = bytes.count
                for index in 0..<count {
                    let offset = bytes.count - first
                    if offset > Int(UInt32.max) { overflow = true }
                    for byte in 0..<4 {
                        bytes[table + 4 * index + byte] = UInt8(truncatingIfNeeded: offset >> (8 * byte))
                    }
                    element(&self, index)
                }
            } else {
                for index in 0..<count { element(&self, index) }
            }
            closeContainer(header)
        }

        mutating func appendString(_ utf8: UnsafeBufferPointer<UInt8>) {
            appendVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }

        mutating func appendVarint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func append64(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }

        /// Writes the tag and a header whose body length ``closeContainer(_:)`` fills in; returns where it is.
        mutating func openContainer(_ tag: UInt8, count: Int) -> Int {
            let start = bytes.count
            bytes.append(contentsOf: [tag, 0, 0, 0, 0])
            appendVarint(UInt64(count))
            return start
        }

        mutating func closeContainer(_ start: Int) {
            let body = bytes.count - start - Reader.lengthEnd
            guard body <= Int(UInt32.max) else {
                overflow = true
                return
            }
            let length = UInt32(body)
            for offset in 0..<4 { bytes[start + 1 + offset] = UInt8(truncatingIfNeeded: length >> (8 * offset)) }
        }
    }

    /// Reads packed bytes. Every position it is given was written by ``Writer``.
    struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        /// Where a container's count starts, after its tag and length.
        static let lengthEnd = 5

        /// Arrays of this many elements or more carry where each element starts.
        static let indexedCount = 16

        /// Where the first element of an array of `count` elements is, its count ending at `position`.
        @inline(__always)
        func firstElement(count: Int, after position: Int) -> Int {
            count >= Self.indexedCount ? position + 4 * count : position
        }

        init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

        @inline(__always)
        func uint32(at position: Int) -> UInt32 {
            var word: UInt32 = 0
            for offset in 0..<4 { word |= UInt32(buffer[position + offset]) << (8 * offset) }
            return word
        }

        @inline(__always)
        func uint64(at position: Int) -> UInt64 {
            var word: UInt64 = 0
            for offset in 0..<8 { word |= UInt64(buffer[position + offset]) << (8 * offset) }
            return word
        }

        /// A varint's value (a length or a count) and the position after it.
        @inline(__always)
        func varint(at position: Int) -> (value: Int, next: Int) {
            let (value, next) = varint64(at: position)
            return (Int(truncatingIfNeeded: value), next)
        }

        @inline(__always)
        func varint64(at position: Int) -> (value: UInt64, next: Int) {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            var cursor = position
            while true {
                let byte = buffer[cursor]
                cursor += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return (value, cursor) }
                shift += 7
            }
        }

        func string(_ start: Int, _ length: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + length]), as: UTF8.self)
        }

        /// The position after the value at `position`.
        func skip(_ position: Int) -> Int {
            switch buffer[position] {
            case Tag.int: return varint64(at: position + 1).next
            case Tag.double: return position + 9
            case Tag.string:
                let (length, start) = varint(at: position + 1)
                return start + length
            case Tag.array, Tag.object: return position + Self.lengthEnd + Int(uint32(at: position + 1))
            default: return position + 1
            }
        }

        /// Where the member `segment` of the object at `position` starts, or its element when it is an array
        /// and `segment` a decimal index; nil otherwise.
        func step(from position: Int, _ segment: UnsafeBufferPointer<UInt8>) -> Int? {
            let tag = buffer[position]
            guard tag == Tag.object || tag == Tag.array else { return nil }
            var (count, cursor) = varint(at: position + Self.lengthEnd)
            if tag == Tag.object {
                for _ in 0..<count {
                    let (keyLength, keyStart) = varint(at: cursor)
                    let valueStart = keyStart + keyLength
                    if keyLength == segment.count,
                        memcmp(buffer.baseAddress! + keyStart, segment.baseAddress!, keyLength) == 0
                    {
                        return valueStart
                    }
                    cursor = skip(valueStart)
                }
                return nil
            }
            guard let index = Self.index(segment), index < count else { return nil }
            if count >= Self.indexedCount {
                return cursor + 4 * count + Int(uint32(at: cursor + 4 * index))
            }
            for _ in 0..<index { cursor = skip(cursor) }
            return cursor
        }

        /// A segment as an array index, as `Int(_:)` reads it (an optional sign, then digits).
        private static func index(_ segment: UnsafeBufferPointer<UInt8>) -> Int? {
            Int(String(decoding: segment, as: UTF8.self)).flatMap { $0 >= 0 ? $0 : nil }
        }

        /// The value at `position`, as a tree.
        mutating func decode(at position: Int) -> JSONValue {
            var cursor = position
            return decode(&cursor)
        }

        private func decode(_ cursor: inout Int) -> JSONValue {
            let tag = buffer[cursor]
            switch tag {
            case Tag.null:
                cursor += 1
                return .null
            case Tag.false, Tag.true:
                cursor += 1
                return .bool(tag == Tag.true)
            case Tag.int:
                let (zigzag, next) = varint64(at: cursor + 1)
                cursor = next
                return .int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
            case Tag.double:
                defer { cursor += 9 }
                return .double(Double(bitPattern: uint64(at: cursor + 1)))
            case Tag.string:
                let (length, start) = varint(at: cursor + 1)
                cursor = start + length
                return .string(string(start, length))
            case Tag.array:
                let count: Int
                (count, cursor) = varint(at: cursor + Self.lengthEnd)
                cursor = firstElement(count: count, after: cursor)
                var items = [JSONValue]()
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(decode(&cursor)) }
                return .array(items)
            default:
                let count: Int
                (count, cursor) = varint(at: cursor + Self.lengthEnd)
                var members = [String: JSONValue](minimumCapacity: count)
                for _ in 0..<count {
                    let (keyLength, keyStart) = varint(at: cursor)
                    cursor = keyStart + keyLength
                    members[string(keyStart, keyLength)] = decode(&cursor)
                }
                return .object(members)
            }
        }
    }
}

/// A block of packed values. Only its ``PackedJSON/Packer`` appends, each value once, into bytes no value
/// reads yet; a value's bytes never change after, so values read from any thread while their arena fills.
final class PackedArena: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
    }

    /// Copies `bytes` after the last value; returns where they start. The caller checked the room.
    func append(_ bytes: [UInt8]) -> Int {
        let start = used
        bytes.withUnsafeBufferPointer { source in
            (base + start).initialize(from: source.baseAddress!, count: source.count)
        }
        used += bytes.count
        return start
    }

    deinit { base.deallocate() }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

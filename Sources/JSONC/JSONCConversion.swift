import CJSONC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a copy of a parsed value leaves out: members replaced by a stand-in that keeps only their kind
/// (`{}` for an object, `[]` for an array, a scalar as is), so that what a reader never looks at is not built
/// in Swift. Readers check kinds (`values` must be an object), so messages stay the same as for the full
/// value, and numbers inside a stubbed member are still checked, so it is refused exactly when its full copy
/// would be.
package struct Pruning: Sendable {
    /// Members replaced by a stand-in.
    var stubbed: [StaticString]
    /// Whether ``stubbed`` applies at every depth (else only to the members of the value itself).
    var everywhere: Bool
    /// A member of the value itself whose own members named in ``nestedStubbed`` are replaced, and whose
    /// members named in ``nestedSelected`` keep only ``kept``.
    var nested: StaticString?
    var nestedStubbed: [StaticString]
    /// Members (where ``stubbed`` applies) that, when they are objects, keep only the members named in
    /// ``kept``; the others are dropped, their numbers still checked.
    var selected: [StaticString] = []
    var nestedSelected: [StaticString] = []
    var kept: KeptKeys? = nil
    /// Of a kept member named here that is an object, only the members whose keys start with the prefix given
    /// (`tags` -> `vpcelint:`).
    var prefixes: [String: String] = [:]
    /// A member of the value (or of ``nested``: ``nestedPacked``) that, when it is an object, is packed
    /// straight from json-c (``ConversionState/packed``) as ``selected`` and ``kept`` would copy it, its
    /// place in the copy left an empty object. Only when the state has a packer.
    var packed: StaticString? = nil
    var nestedPacked: StaticString? = nil

    /// The full value.
    package static let none = Pruning(stubbed: [], everywhere: false, nested: nil, nestedStubbed: [])

    /// The members of the value named in `stubbed`, and the members named in `nestedStubbed` of its member
    /// `nested`.
    package static func members(
        _ stubbed: [StaticString], nested: StaticString? = nil, nestedStubbing nestedStubbed: [StaticString] = []
    ) -> Pruning {
        Pruning(stubbed: stubbed, everywhere: false, nested: nested, nestedStubbed: nestedStubbed)
    }

    /// Every member named in `stubbed`, at any depth.
    package static func everywhere(_ stubbed: [StaticString]) -> Pruning {
        Pruning(stubbed: stubbed, everywhere: true, nested: nil, nestedStubbed: [])
    }

    /// The same, and of the members named in `selected` (of the value, of `nested`, or at any depth, as the
    /// pruning applies), only the members in `kept` when it is not nil.
    /// `prefixes` narrows kept members that are objects to the keys with a prefix (``prefixes``).
    package func selecting(
        _ selected: [StaticString], nested nestedSelected: [StaticString] = [], kept: KeptKeys?,
        prefixes: [String: String] = [:]
    ) -> Pruning {
        var pruning = self
        if let kept {
            pruning.selected = selected
            pruning.nestedSelected = nestedSelected
            pruning.kept = kept
            pruning.prefixes = prefixes
        }
        return pruning
    }

    /// The same, with `member` (and `nested` inside ``nested``) packed straight from json-c (``packed``).
    package func packing(_ member: StaticString?, nested: StaticString? = nil) -> Pruning {
        var pruning = self
        pruning.packed = member
        pruning.nestedPacked = nested
        return pruning
    }

    /// What applies inside ``nested``.
    var inNested: Pruning {
        var pruning = Pruning.members(nestedStubbed)
        if let kept, !nestedSelected.isEmpty {
            pruning = pruning.selecting(nestedSelected, kept: kept, prefixes: prefixes)
        }
        pruning.packed = nestedPacked
        return pruning
    }

    var isNone: Bool { stubbed.isEmpty && nested == nil && (kept == nil || selected.isEmpty) && packed == nil }
}

/// What one copy found besides the value: a suspect number, or too little memory for a large container.
struct ConversionState {
    /// A number may not be what the text says (see ``JSONCConversion``).
    var suspect = false
    /// The object keys made so far, shared by the chunks one parser reads (``KeyCache``).
    var keys: KeyCache?
    /// The element count of the first array or object that memory could not hold; the copy stopped there.
    var exhaustedAt: Int?
    /// Packs a member that ``Pruning/packed`` names; without it, that member is copied as any other.
    var packer: ValuePacker?
    /// The member ``Pruning/packed`` named, packed.
    var packed: PackedJSON?

    /// False (and ``exhaustedAt`` set) when `count` elements of `stride` bytes, with headroom, cannot be
    /// allocated now. Swift traps when an allocation fails, so a large container is tried with `malloc`
    /// first, where a failure is a null pointer: the run then ends with exit 2 and a message instead of
    /// a trap. Small containers are not tried (a failure there is the machine's, not the input's).
    mutating func reserve(_ count: Int, stride: Int) -> Bool {
        guard exhaustedAt == nil else { return false }
        guard count >= Self.triedCount else { return true }
        // The copy, once more for the growth that follows it (model, report), and 64 MiB for the rest.
        let (bytes, overflow) = count.multipliedReportingOverflow(by: stride * 2)
        if !overflow, bytes <= Int.max - Self.headroom, let block = malloc(bytes + Self.headroom) {
            free(block)
            return true
        }
        exhaustedAt = count
        return false
    }

    /// An object key as a Swift string: the one made before for the same bytes when the cache has it.
    mutating func key(_ text: UnsafePointer<CChar>) -> String {
        keys?.key(text) ?? String(cString: text)
    }

    static let triedCount = 1 << 16
    static let headroom = 64 << 20
}

/// Copies json-c values into ``JSONValue``. Recursion is bounded by ``JSONCParser/maximumDepth``. Each copy
/// sets `state.suspect` when a number may not be what the text says: json-c clamps integers beyond 64 bits to the
/// bounds without an error and accepts `NaN`, `Infinity` and `1e999` even in strict mode; ``NumberFault``
/// then reads the text.
enum JSONCConversion {
    /// Calls `body` with the key and value (nil for JSON null) of each member of an object, in table order.
    /// The one walk over json-c's hash table.
    @inline(__always)
    static func forEachMember(
        _ object: OpaquePointer, _ body: (UnsafePointer<CChar>, OpaquePointer?) -> Void
    ) {
        guard let table = json_object_get_object(object) else { return }
        var entry = lh_table_head(table)
        while let current = entry {
            entry = lh_entry_next(current)
            guard let key = lh_entry_k(current)?.assumingMemoryBound(to: CChar.self) else { continue }
            body(key, lh_entry_v(current).map { OpaquePointer($0) })
        }
    }

    /// How many members an object holds.
    static func memberCount(_ object: OpaquePointer) -> Int {
        json_object_get_object(object).map { Int($0.pointee.count) } ?? 0
    }

    /// A copy of `object` without what `pruning` leaves out.
    static func convert(_ object: OpaquePointer?, _ pruning: Pruning, state: inout ConversionState) -> JSONValue {
        guard let object, !pruning.isNone else { return convert(object, state: &state) }
        switch json_object_get_type(object) {
        case json_type_array where pruning.everywhere:
            let count = json_object_array_length(object)
            guard state.reserve(count, stride: MemoryLayout<JSONValue>.stride) else { return .array([]) }
            var items = [JSONValue]()
            items.reserveCapacity(count)
            for index in 0..<count {
                items.append(convert(json_object_array_get_idx(object, index), pruning, state: &state))
            }
            return .array(items)
        case json_type_object:
            let count = memberCount(object)
            guard state.reserve(count, stride: MemoryLayout<(String, JSONValue)>.stride * 2) else {
                return .object([:])
            }
            var members = [String: JSONValue](minimumCapacity: count)
            forEachMember(object) { key, value in
                let name = state.key(key)
                if let value, let packed = packed(key, value, pruning, state: &state) {
                    state.packed = packed
                    members[name] = .object([:])
                } else if pruning.stubbed.contains(where: { matches(key, $0) }) {
                    members[name] = stub(value, state: &state)
                } else if let kept = pruning.kept, pruning.selected.contains(where: { matches(key, $0) }) {
                    members[name] = select(value, kept, prefixes: pruning.prefixes, state: &state)
                } else if let nested = pruning.nested, matches(key, nested) {
                    members[name] = convert(value, pruning.inNested, state: &state)
                } else {
                    members[name] = convert(value, pruning.everywhere ? pruning : .none, state: &state)
                }
            }
            return .object(members)
        default:
            return convert(object, state: &state)
        }
    }

    /// The member `key` (with its `value`) packed straight from json-c, when `pruning` packs it
    /// (``Pruning/packed``: an object not stubbed, and a packer at hand); nil otherwise.
    static func packed(
        _ key: UnsafePointer<CChar>, _ value: OpaquePointer, _ pruning: Pruning, state: inout ConversionState
    ) -> PackedJSON? {
        guard let member = pruning.packed, matches(key, member), let packer = state.packer,
            json_object_get_type(value) == json_type_object, !pruning.stubbed.contains(where: { matches(key, $0) })
        else { return nil }
        let selected = pruning.selected.contains { matches(key, $0) }
        return packer.pack(jsonc: value, kept: selected ? pruning.kept : nil, prefixes: pruning.prefixes, state: &state)
    }

    /// A full copy.
    static func convert(_ object: OpaquePointer?, state: inout ConversionState) -> JSONValue {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_null: return .null
        case json_type_boolean: return .bool(json_object_get_boolean(object) != 0)
        case json_type_int:
            let value = json_object_get_int64(object)
            if value == .max || value == .min { state.suspect = true }
            return .int(value)
        case json_type_double:
            let value = json_object_get_double(object)
            if !value.isFinite { state.suspect = true }
            return .double(value)
        case json_type_string: return .string(string(object))
        case json_type_array:
            let count = json_object_array_length(object)
            guard state.reserve(count, stride: MemoryLayout<JSONValue>.stride) else { return .array([]) }
            var items = [JSONValue]()
            items.reserveCapacity(count)
            for index in 0..<count {
                items.append(convert(json_object_array_get_idx(object, index), state: &state))
            }
            return .array(items)
        case json_type_object:
            let count = memberCount(object)
            guard state.reserve(count, stride: MemoryLayout<(String, JSONValue)>.stride * 2) else {
                return .object([:])
            }
            var members = [String: JSONValue](minimumCapacity: count)
            forEachMember(object) { key, value in members[state.key(key)] = convert(value, state: &state) }
            return .object(members)
        default: return .null
        }
    }

    /// An object with only the members named in `kept`, copied whole (or, for those `prefixes` names, only
    /// their members whose keys start with the prefix); any other value copied whole. A dropped member's
    /// numbers are still checked, as a stub's are.
    static func select(
        _ object: OpaquePointer?, _ kept: KeptKeys, prefixes: [String: String] = [:], state: inout ConversionState
    ) -> JSONValue {
        guard let object, json_object_get_type(object) == json_type_object else {
            return convert(object, state: &state)
        }
        var members = [String: JSONValue](minimumCapacity: min(memberCount(object), kept.names.count))
        forEachMember(object) { key, value in
            if let name = kept.name(of: key, slowKey: { state.key($0) }) {
                if let prefix = prefixes[name], let value, json_object_get_type(value) == json_type_object {
                    members[name] = select(value, prefix: prefix, state: &state)
                } else {
                    members[name] = convert(value, state: &state)
                }
            } else if !state.suspect, let value, holdsSuspectNumber(value) {
                state.suspect = true
            }
        }
        return .object(members)
    }

    /// An object with only the members whose keys start with `prefix`, the others' numbers checked.
    private static func select(_ object: OpaquePointer, prefix: String, state: inout ConversionState) -> JSONValue {
        var members = [String: JSONValue]()
        forEachMember(object) { key, value in
            if strncmp(key, prefix, prefix.utf8.count) == 0 {
                members[state.key(key)] = convert(value, state: &state)
            } else if !state.suspect, let value, holdsSuspectNumber(value) {
                state.suspect = true
            }
        }
        return .object(members)
    }

    /// The stand-in of a stubbed member (see ``Pruning``).
    static func stub(_ object: OpaquePointer?, state: inout ConversionState) -> JSONValue {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_object:
            if !state.suspect, holdsSuspectNumber(object) { state.suspect = true }
            return .object([:])
        case json_type_array:
            if !state.suspect, holdsSuspectNumber(object) { state.suspect = true }
            return .array([])
        default: return convert(object, state: &state)
        }
    }

    /// True when the tree holds an integer at the 64-bit bounds or a non-finite double. Iterative: the
    /// tree is at most ``JSONCParser/maximumDepth`` deep, but the walk needs no stack either way.
    static func holdsSuspectNumber(_ root: OpaquePointer) -> Bool {
        switch json_object_get_type(root) {
        case json_type_int:
            let value = json_object_get_int64(root)
            return value == .max || value == .min
        case json_type_double: return !json_object_get_double(root).isFinite
        case json_type_array, json_type_object: break
        default: return false
        }
        var pending = [root]
        while let object = pending.popLast() {
            switch json_object_get_type(object) {
            case json_type_int:
                let value = json_object_get_int64(object)
                if value == .max || value == .min { return true }
            case json_type_double:
                if !json_object_get_double(object).isFinite { return true }
            case json_type_array:
                for index in 0..<json_object_array_length(object) {
                    if let item = json_object_array_get_idx(object, index) { pending.append(item) }
                }
            case json_type_object:
                forEachMember(object) { _, value in
                    if let value { pending.append(value) }
                }
            default: break
            }
        }
        return false
    }

    /// The string value of member `key` of a json-c object, if it is a string.
    static func string(member key: StaticString, of object: OpaquePointer) -> String? {
        var value: OpaquePointer?
        guard
            json_object_object_get_ex(
                object, UnsafeRawPointer(key.utf8Start).assumingMemoryBound(to: CChar.self), &value) != 0,
            let value, json_object_get_type(value) == json_type_string
        else { return nil }
        return string(value)
    }

    /// A json-c string's bytes as a Swift string; `\u0000` inside is kept (`String(cString:)` would cut there).
    static func string(_ object: OpaquePointer) -> String {
        let length = Int(json_object_get_string_len(object))
        guard let pointer = json_object_get_string(object) else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    static func matches(_ key: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
        strcmp(key, UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}

/// The keys of the objects one parser copies, by their bytes. A large state repeats a few hundred attribute
/// names over and over; a key of more than 15 bytes (`assign_generated_ipv6_cidr_block`) would otherwise be
/// a new heap string, validated as UTF-8, at each of its thousands of occurrences. Direct-mapped: a slot
/// holds the last key whose bytes hashed to it, and a hit is checked byte for byte. Belongs to one parser.
final class KeyCache {
    private var slots = [String?](repeating: nil, count: 1024)

    func key(_ text: UnsafePointer<CChar>) -> String {
        key(
            bytes: UnsafeBufferPointer(
                start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text)))
    }

    /// The same for a key's bytes (no NUL among them).
    func key(bytes buffer: UnsafeBufferPointer<UInt8>) -> String {
        let length = buffer.count
        guard length <= 64, let bytes = buffer.baseAddress else { return String(decoding: buffer, as: UTF8.self) }
        let hash = FNV1a.hash(UnsafeBufferPointer(start: bytes, count: length))
        let slot = Int(hash & UInt32(slots.count - 1))
        if var cached = slots[slot] {
            let same = cached.withUTF8 { utf8 in
                guard utf8.count == length, let base = utf8.baseAddress else { return utf8.count == length }
                return memcmp(base, bytes, length) == 0
            }
            if same { return cached }
        }
        let made = String(decoding: buffer, as: UTF8.self)
        slots[slot] = made
        return made
    }
}

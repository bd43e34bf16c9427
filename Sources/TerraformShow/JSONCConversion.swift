import CJSONC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Partial copies of json-c values: what a reader never looks at is not built in Swift.
extension JSONCParser {
    /// A stand-in that keeps only the kind of a value: `{}` for an object, `[]` for an array, a scalar as is.
    /// Readers check kinds (`values` must be an object), so messages stay the same as for the full value.
    /// Numbers inside are still checked (see ``convert(_:suspect:)``), so a stubbed value is refused exactly
    /// when its full copy would be.
    static func stub(_ object: OpaquePointer?, suspect: inout Bool) -> JSONValue {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_object:
            if !suspect, holdsSuspectNumber(object) { suspect = true }
            return .object([:])
        case json_type_array:
            if !suspect, holdsSuspectNumber(object) { suspect = true }
            return .array([])
        default: return convert(object, suspect: &suspect)
        }
    }

    /// True when the tree holds an integer at the 64-bit bounds or a non-finite double. Iterative: the
    /// tree is at most ``maximumDepth`` deep, but the walk needs no stack either way.
    static func holdsSuspectNumber(_ root: OpaquePointer) -> Bool {
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
                guard let table = json_object_get_object(object) else { continue }
                var entry = lh_table_head(table)
                while let current = entry {
                    if let value = lh_entry_v(current) { pending.append(OpaquePointer(value)) }
                    entry = lh_entry_next(current)
                }
            default: break
            }
        }
        return false
    }

    /// An object whose members named in `stubbed` are replaced by ``stub(_:)``, and whose member `nested`
    /// (if any) is converted the same way with `nestedStubbed`.
    static func convert(
        _ object: OpaquePointer, stubbing stubbed: [StaticString], nested: StaticString? = nil,
        nestedStubbing nestedStubbed: [StaticString] = [], suspect: inout Bool
    ) -> JSONValue {
        guard json_object_get_type(object) == json_type_object, let table = json_object_get_object(object) else {
            return convert(object, suspect: &suspect)
        }
        var members = [String: JSONValue]()
        members.reserveCapacity(Int(table.pointee.count))
        var entry = lh_table_head(table)
        while let current = entry {
            entry = lh_entry_next(current)
            guard let key = lh_entry_k(current)?.assumingMemoryBound(to: CChar.self) else { continue }
            let value = lh_entry_v(current).map { OpaquePointer($0) }
            let name = String(cString: key)
            if stubbed.contains(where: { matches(key, $0) }) {
                members[name] = stub(value, suspect: &suspect)
            } else if let nested, matches(key, nested), let value {
                members[name] = convert(value, stubbing: nestedStubbed, suspect: &suspect)
            } else {
                members[name] = convert(value, suspect: &suspect)
            }
        }
        return .object(members)
    }

    /// A full copy, except that every member named in `dropped`, at any depth, becomes ``stub(_:)``.
    static func convert(
        _ object: OpaquePointer?, stubbingEvery dropped: [StaticString], suspect: inout Bool
    ) -> JSONValue {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_array:
            let count = json_object_array_length(object)
            var items = [JSONValue]()
            items.reserveCapacity(count)
            for index in 0..<count {
                items.append(
                    convert(json_object_array_get_idx(object, index), stubbingEvery: dropped, suspect: &suspect))
            }
            return .array(items)
        case json_type_object:
            var members = [String: JSONValue]()
            guard let table = json_object_get_object(object) else { return .object(members) }
            members.reserveCapacity(Int(table.pointee.count))
            var entry = lh_table_head(table)
            while let current = entry {
                entry = lh_entry_next(current)
                guard let key = lh_entry_k(current)?.assumingMemoryBound(to: CChar.self) else { continue }
                let value = lh_entry_v(current).map { OpaquePointer($0) }
                members[String(cString: key)] =
                    dropped.contains { matches(key, $0) }
                    ? stub(value, suspect: &suspect) : convert(value, stubbingEvery: dropped, suspect: &suspect)
            }
            return .object(members)
        default:
            return convert(object, suspect: &suspect)
        }
    }

    /// The string value of member `key` of a json-c object, if it is a string.
    static func string(member key: StaticString, of object: OpaquePointer) -> String? {
        var value: OpaquePointer?
        guard
            json_object_object_get_ex(
                object, UnsafeRawPointer(key.utf8Start).assumingMemoryBound(to: CChar.self), &value) != 0,
            let value, json_object_get_type(value) == json_type_string
        else { return nil }
        let length = Int(json_object_get_string_len(value))
        guard let pointer = json_object_get_string(value) else { return nil }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private static func matches(_ key: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
        strcmp(key, UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}

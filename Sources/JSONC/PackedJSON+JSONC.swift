import CJSONC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Packs values into one task's arenas (``PackedJSON/Packer``): a reference that a document reader and the
/// parser of its chunks share, so that a chunk's values can be packed straight from json-c's objects.
/// Belongs to one task.
package final class ValuePacker {
    var packer = PackedJSON.Packer()

    package init() {}

    package func pack(_ value: JSONValue) -> PackedJSON { packer.pack(value) }

    /// The object `object` packed as ``JSONCConversion/select(_:_:prefixes:state:)`` (with `kept`) or
    /// ``JSONCConversion/convert(_:state:)`` (without) would copy it, then pack it: the same value, the same
    /// checks of numbers (`state.suspect`) and of large containers (`state.reserve`), without the tree between.
    func pack(
        jsonc object: OpaquePointer, kept: KeptKeys?, prefixes: [String: String], state: inout ConversionState
    ) -> PackedJSON {
        var members = [(key: UnsafePointer<CChar>, value: OpaquePointer?, prefix: String?)]()
        if let kept {
            members.reserveCapacity(min(JSONCConversion.memberCount(object), kept.names.count))
            JSONCConversion.forEachMember(object) { key, value in
                if let name = kept.name(of: key, slowKey: { state.key($0) }) {
                    let prefix =
                        prefixes.isEmpty
                        ? nil : value.flatMap { json_object_get_type($0) == json_type_object ? prefixes[name] : nil }
                    members.append((key, value, prefix))
                } else if !state.suspect, let value, JSONCConversion.holdsSuspectNumber(value) {
                    state.suspect = true
                }
            }
        } else {
            let count = JSONCConversion.memberCount(object)
            guard state.reserve(count, stride: MemoryLayout<(String, JSONValue)>.stride * 2) else {
                return .emptyObject
            }
            members.reserveCapacity(count)
            JSONCConversion.forEachMember(object) { key, value in members.append((key, value, nil)) }
        }
        guard !members.isEmpty else { return .emptyObject }
        let packed = packer.pack { writer in
            let header = writer.openContainer(PackedJSON.Tag.object, count: members.count)
            for member in members {
                writer.appendKey(member.key)
                if let prefix = member.prefix, let value = member.value {
                    writer.write(jsonc: value, prefix: prefix, state: &state)
                } else {
                    writer.write(jsonc: member.value, state: &state)
                }
            }
            writer.closeContainer(header)
        }
        if let packed { return packed }
        // Past 32 bits: the tree, as before packing.
        let tree =
            kept.map { JSONCConversion.select(object, $0, prefixes: prefixes, state: &state) }
            ?? JSONCConversion.convert(object, state: &state)
        return PackedJSON(tree: tree)
    }
}

extension PackedJSON.Writer {
    /// Appends a json-c value's packed form, as ``write(_:)`` appends its ``JSONCConversion`` copy's.
    mutating func write(jsonc object: OpaquePointer?, state: inout ConversionState) {
        guard let object else {
            bytes.append(PackedJSON.Tag.null)
            return
        }
        switch json_object_get_type(object) {
        case json_type_boolean:
            bytes.append(json_object_get_boolean(object) != 0 ? PackedJSON.Tag.true : PackedJSON.Tag.false)
        case json_type_int:
            let number = json_object_get_int64(object)
            if number == .max || number == .min { state.suspect = true }
            bytes.append(PackedJSON.Tag.int)
            appendVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
        case json_type_double:
            let number = json_object_get_double(object)
            if !number.isFinite { state.suspect = true }
            bytes.append(PackedJSON.Tag.double)
            append64(number.bitPattern)
        case json_type_string:
            bytes.append(PackedJSON.Tag.string)
            let length = Int(json_object_get_string_len(object))
            guard let text = json_object_get_string(object) else {
                appendVarint(0)
                return
            }
            appendText(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), length)
        case json_type_array:
            let count = json_object_array_length(object)
            guard state.reserve(count, stride: MemoryLayout<JSONValue>.stride) else {
                // The load fails with the state's out-of-memory mark; what is written is never read.
                bytes.append(PackedJSON.Tag.null)
                return
            }
            writeArray(count: count) { writer, index in
                writer.write(jsonc: json_object_array_get_idx(object, index), state: &state)
            }
        case json_type_object:
            let count = JSONCConversion.memberCount(object)
            guard state.reserve(count, stride: MemoryLayout<(String, JSONValue)>.stride * 2) else {
                bytes.append(PackedJSON.Tag.null)
                return
            }
            let header = openContainer(PackedJSON.Tag.object, count: count)
            JSONCConversion.forEachMember(object) { key, value in
                appendKey(key)
                write(jsonc: value, state: &state)
            }
            closeContainer(header)
        default:
            bytes.append(PackedJSON.Tag.null)
        }
    }

    /// Appends an object with only the members whose keys start with `prefix` (the others' numbers checked),
    /// as ``JSONCConversion`` selects a prefixed member.
    mutating func write(jsonc object: OpaquePointer, prefix: String, state: inout ConversionState) {
        let length = prefix.utf8.count
        var members = [(UnsafePointer<CChar>, OpaquePointer?)]()
        JSONCConversion.forEachMember(object) { key, value in
            if strncmp(key, prefix, length) == 0 {
                members.append((key, value))
            } else if !state.suspect, let value, JSONCConversion.holdsSuspectNumber(value) {
                state.suspect = true
            }
        }
        let header = openContainer(PackedJSON.Tag.object, count: members.count)
        for (key, value) in members {
            appendKey(key)
            write(jsonc: value, state: &state)
        }
        closeContainer(header)
    }

    /// Appends an object key as ``KeyCache`` makes it: up to its first NUL, invalid UTF-8 repaired.
    mutating func appendKey(_ key: UnsafePointer<CChar>) {
        appendText(UnsafeRawPointer(key).assumingMemoryBound(to: UInt8.self), strlen(key))
    }

    /// Appends text as a string's length and bytes, as `String(decoding:as: UTF8.self)` gives them: ASCII as it
    /// is, anything else through a Swift string, so that invalid UTF-8 is repaired as a tree's copy repairs it.
    private mutating func appendText(_ text: UnsafePointer<UInt8>, _ length: Int) {
        let buffer = UnsafeBufferPointer(start: text, count: length)
        if buffer.allSatisfy({ $0 < 0x80 }) {
            appendString(buffer)
        } else {
            var decoded = String(decoding: buffer, as: UTF8.self)
            decoded.withUTF8 { appendString($0) }
        }
    }
}

/// A JSON value copied out of json-c into plain Swift, so no json-c pointer outlives one parse.
///
/// Objects keep their keys in a dictionary: Terraform's JSON never depends on key order, and duplicate
/// keys resolve to the last one, as in Go's `encoding/json` that Terraform writes with.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; `nil` for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    /// The string, or `nil` for any other kind of value.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, or `nil` for any other kind of value.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An integer: JSON integers, integral doubles in range, and decimal strings (the provider writes
    /// some numbers as strings, e.g. `"443"`).
    public var int: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .double(let value): return value.isFinite && value.rounded() == value ? Int(exactly: value) : nil
        case .string(let value): return Int(value.trimmingSpaces)
        default: return nil
        }
    }

    /// The members of an object, or `nil`.
    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or `nil`.
    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The elements of an array of strings, skipping anything else; a lone string counts as one element.
    public var strings: [String] {
        switch self {
        case .array(let items): return items.compactMap(\.string)
        case .string(let value): return [value]
        default: return []
        }
    }

    /// A short name of the kind of value, for messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " { slice.removeFirst() }
        while let last = slice.last, last == " " { slice.removeLast() }
        return slice
    }
}

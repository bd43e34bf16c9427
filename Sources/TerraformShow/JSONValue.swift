import JSONC

/// A JSON value copied out of json-c into plain Swift (``JSONC/JSONValue``): documents hold their
/// attributes as these.
public typealias JSONValue = JSONC.JSONValue
public typealias PackedJSON = JSONC.PackedJSON

extension JSONValue {
    /// A tree of marks (`after_unknown`, `sensitive_values`, `after_sensitive`) when it marks anything (holds
    /// `true` somewhere), else nil. Most resources' trees mark nothing (`{"tags":{},"tags_all":{}}`), and a
    /// missing tree answers ``Resource/isUnknown(_:)`` and ``Resource/isSensitive(_:)`` as such a tree does,
    /// without a dictionary per resource held for the whole run.
    var marks: JSONValue? { marksAnything ? self : nil }

    private var marksAnything: Bool {
        switch self {
        case .bool(let marked): marked
        case .array(let items): items.contains { $0.marksAnything }
        case .object(let members): members.values.contains { $0.marksAnything }
        default: false
        }
    }
}

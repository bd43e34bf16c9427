import JSONC

/// A JSON value copied out of json-c into plain Swift (``JSONC/JSONValue``): documents hold their
/// attributes as these.
public typealias JSONValue = JSONC.JSONValue

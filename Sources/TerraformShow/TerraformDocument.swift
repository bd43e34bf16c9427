import JSONC

/// What kind of Terraform output a file holds, told apart by content.
public enum DocumentKind: String, Sendable, Codable {
    /// `terraform show -json` of a state: `values.root_module`.
    case state
    /// `terraform show -json PLANFILE`: `planned_values`, `resource_changes`, `prior_state`, `configuration`.
    case plan
    /// A raw state file as a backend stores it (`"version": 4`, `resources[].instances[]`).
    case rawState = "raw-state"
}

/// Managed resource or data source.
public enum ResourceMode: String, Sendable, Codable {
    case managed
    case data
}

/// The `count` or `for_each` key of one resource instance.
public enum InstanceKey: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    /// `[2]` or `["ecr.dkr"]`, as Terraform writes it in addresses.
    public var description: String {
        switch self {
        case .int(let value): return "[\(value)]"
        case .string(let value): return "[\(quoted(value))]"
        }
    }
}

/// One resource instance, with every module flattened into its full address.
public struct Resource: Sendable {
    /// Full address, e.g. `module.net.module.ep.aws_vpc_endpoint.this["ecr.dkr"]`.
    public var address: String
    public var mode: ResourceMode
    public var type: String
    public var name: String
    /// The module instance path, e.g. `module.hub` or `module.endpoints["ecr.dkr"]`; empty at the root.
    public var modulePath: String
    public var index: InstanceKey?
    /// The provider, e.g. `registry.terraform.io/hashicorp/aws` (0.12 files write just `aws`).
    public var providerName: String
    /// Attribute values (an object); unknown values of a plan are absent here and marked in ``unknown``.
    /// Kept packed (``packedValues``): reading this builds the whole tree, ``value(at:)`` only what it returns.
    public var values: JSONValue {
        get { packedValues.value }
        set { packedValues = PackedJSON(newValue) }
    }
    /// ``values`` as they are held: about the size of their JSON text.
    public var packedValues: PackedJSON
    /// Plans only: `after_unknown`, a tree shaped like ``values`` with `true` where a value is unknown.
    public var unknown: JSONValue?
    /// `sensitive_values` / `after_sensitive`: `true` where a value is sensitive.
    public var sensitive: JSONValue?
    /// Plans only: the actions planned for this instance (`create`, `update`, `delete`, `no-op`, ...).
    public var actions: [String]?
    /// Plans only: the `configuration` references per attribute path (`vpc_id`, `ingress.cidr_blocks`).
    public var references: [String: [String]]

    public init(
        address: String, mode: ResourceMode, type: String, name: String, modulePath: String,
        index: InstanceKey?, providerName: String, values: JSONValue, unknown: JSONValue? = nil,
        sensitive: JSONValue? = nil, actions: [String]? = nil, references: [String: [String]] = [:]
    ) {
        self.init(
            address: address, mode: mode, type: type, name: name, modulePath: modulePath, index: index,
            providerName: providerName, packedValues: PackedJSON(values), unknown: unknown, sensitive: sensitive,
            actions: actions, references: references)
    }

    /// The same, with the values already packed (the loader packs them into its arenas, ``PackedJSON/Packer``).
    public init(
        address: String, mode: ResourceMode, type: String, name: String, modulePath: String,
        index: InstanceKey?, providerName: String, packedValues: PackedJSON, unknown: JSONValue? = nil,
        sensitive: JSONValue? = nil, actions: [String]? = nil, references: [String: [String]] = [:]
    ) {
        self.address = address
        self.mode = mode
        self.type = type
        self.name = name
        self.modulePath = modulePath
        self.index = index
        self.providerName = providerName
        self.packedValues = packedValues
        self.unknown = unknown
        self.sensitive = sensitive
        self.actions = actions
        self.references = references
    }

    /// The address without instance keys, as `configuration` names it: `module.hub.aws_vpc.this`.
    public var configAddress: String {
        let prefix: String = Self.stripInstanceKeys(modulePath).map { $0 + "." } ?? ""
        let local: String = (mode == .data ? "data." : "") + type + "." + name
        return prefix + local
    }

    /// The module path without instance keys: `module.endpoints["x"].module.y` -> `module.endpoints.module.y`.
    public static func stripInstanceKeys(_ modulePath: String) -> String? {
        guard !modulePath.isEmpty else { return nil }
        var output = ""
        var depth = 0
        var inString = false
        var escaped = false
        for character in modulePath {
            if depth > 0 {
                if inString {
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "]" {
                    depth -= 1
                }
                continue
            }
            if character == "[" {
                depth += 1
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// The value at a dotted path (`dns_entry.0.dns_name`); numeric segments index arrays.
    // Inlinable, as `isUnknown`: a caller that reads a record in place (an array's element, a pointer's
    // pointee) then copies only the values for the call, not the whole record (every string it holds counted).
    @inlinable
    public func value(at path: String) -> JSONValue? {
        packedValues.value(at: path)
    }

    /// True when the plan marks the value at `path` (or the whole of an enclosing value) unknown.
    @inlinable
    public func isUnknown(_ path: String) -> Bool {
        guard let unknown else { return false }
        return Self.isMarked(unknown, path)
    }

    /// True when the value at `path` is marked sensitive.
    public func isSensitive(_ path: String) -> Bool {
        guard let sensitive else { return false }
        return Self.isMarked(sensitive, path)
    }

    /// True when `marks` (`after_unknown`, `sensitive_values`) holds `true` at `path` or at a value enclosing it.
    @usableFromInline
    static func isMarked(_ marks: JSONValue, _ path: String) -> Bool {
        var node = marks
        if node.bool == true { return true }
        var marked = false
        forEachSegment(of: path) { segment in
            guard let next = step(node, segment) else { return false }
            if next.bool == true {
                marked = true
                return false
            }
            node = next
            return true
        }
        return marked
    }

    /// Calls `body` with each non-empty `.`-separated segment of `path` until it returns false. The model
    /// reads every attribute through here: no array of segments is made per lookup. Paths are the readers'
    /// own names (`dns_entry.0.dns_name`), so the dot is found by its byte.
    private static func forEachSegment(of path: String, _ body: (Substring) -> Bool) {
        let utf8 = path.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: ".")) ?? utf8.endIndex
            if start < end, !body(path[start..<end]) { return }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
    }

    private static func step(_ node: JSONValue, _ segment: Substring) -> JSONValue? {
        switch node {
        case .object(let members): return members[String(segment)]
        case .array(let items):
            guard let index = Int(segment), items.indices.contains(index) else { return nil }
            return items[index]
        default: return nil
        }
    }
}

/// One input file read as Terraform output.
public struct TerraformDocument: Sendable {
    /// The path as the user named it (`-` for standard input).
    public var path: String
    public var kind: DocumentKind
    /// `format_version`, or for a raw state its `version` (e.g. `4`).
    public var formatVersion: String?
    public var terraformVersion: String?
    /// Every resource instance: the state's, or for a plan the planned state (plus data sources read
    /// into the prior state), all modules flattened.
    public var resources: [Resource]
    /// Plans only: the prior state's resources, so a plan can be compared with what exists.
    public var priorResources: [Resource]?
    /// Plans only: for each module call (`module.hub`, `module.hub.module.ep`, without instance keys) the
    /// references of each input expression (`vpc_id` -> [`aws_vpc.hub.id`, `aws_vpc.hub`]).
    public var moduleInputs: [String: [String: [String]]]
    /// Plans only: for each module call, the references of each output's value expression.
    public var moduleOutputs: [String: [String: [String]]]
    /// How the text was encoded before it was transcoded to UTF-8 (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`).
    public var encoding: String
    /// Set by a streaming load whose every resource was read from a chunk: their values are already what
    /// ``compact(keeping:attributes:prefixes:)`` would leave, so the loader does not check them again.
    var prunedWhileLoading = false
    /// ``resourceCount`` once ``takeResources()`` took them.
    private var takenResourceCount: Int?

    public init(
        path: String, kind: DocumentKind, formatVersion: String?, terraformVersion: String?,
        resources: [Resource], priorResources: [Resource]? = nil, moduleInputs: [String: [String: [String]]] = [:],
        moduleOutputs: [String: [String: [String]]] = [:], encoding: String = "utf-8"
    ) {
        self.path = path
        self.kind = kind
        self.formatVersion = formatVersion
        self.terraformVersion = terraformVersion
        self.resources = resources
        self.priorResources = priorResources
        self.moduleInputs = moduleInputs
        self.moduleOutputs = moduleOutputs
        self.encoding = encoding
    }
}

/// A Go-style quoted string, as Terraform writes string keys in addresses.
func quoted(_ value: String) -> String {
    // Most keys have nothing to escape: one concatenation instead of an append per scalar.
    let special: (UInt8) -> Bool = { $0 == 0x22 || $0 == 0x5C || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    if !value.utf8.contains(where: special) { return "\"" + value + "\"" }
    var text = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": text += "\\\""
        case "\\": text += "\\\\"
        case "\n": text += "\\n"
        case "\t": text += "\\t"
        case "\r": text += "\\r"
        default: text.unicodeScalars.append(scalar)
        }
    }
    return text + "\""
}

extension TerraformDocument {
    /// How many resources ``resources`` holds, or held before ``takeResources()``.
    public var resourceCount: Int { takenResourceCount ?? resources.count }

    /// Takes every resource (and the prior state's) and the module calls' references out of the document,
    /// keeping its path, kind, versions and ``resourceCount``: for a caller whose models are built, whose
    /// reports name the document by those only. Returns what it took, to be let go where the caller chooses
    /// (on a large network, most of the memory the run still holds).
    public mutating func takeResources() -> [[Resource]] {
        takenResourceCount = resourceCount
        var taken = [resources]
        resources = []
        if let prior = priorResources {
            taken.append(prior)
            priorResources = []
        }
        moduleInputs = [:]
        moduleOutputs = [:]
        return taken
    }
}

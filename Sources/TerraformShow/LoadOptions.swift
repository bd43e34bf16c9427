import JSONC

/// What a load keeps and how it reads.
public struct LoadOptions: Sendable {
    /// Whether to keep the attribute values of resources of a type (`aws_vpc`). Resources of other types
    /// keep a compact record: address, type, mode, name, module path, index, provider and plan actions,
    /// with empty `values` and no `unknown` / `sensitive` trees. Default: keep every type. The loader knows
    /// no provider: the network model gives the list it reads (`LoadOptions.awsNetwork`, in NetworkModel).
    public var keepValues: @Sendable (String) -> Bool

    /// Of a type whose values are kept, the top-level attributes kept (nil: all of them). The rest of `values`
    /// is dropped as it is copied, and so are the same members of a plan's `after_unknown` and of the
    /// sensitive-value trees, which stay shaped like `values`. A kept attribute is kept whole. Numbers in a
    /// dropped attribute are still checked: a file is refused exactly when its full copy would be.
    public var keptAttributes: @Sendable (String) -> Set<String>? = { _ in nil }

    /// Of a type whose attributes are chosen (``keptAttributes``), the kept attributes of which, when objects,
    /// only the members whose keys start with a prefix are kept: `["tags": "vpcelint:"]` keeps a subnet's
    /// suppression tags and drops its `Name`.
    public var keptPrefixes: @Sendable (String) -> [String: String] = { _ in [:] }

    /// How the bytes are parsed; every strategy gives the same documents and the same errors.
    package enum Strategy: Sendable {
        /// Streaming for inputs of at least ``streamingThreshold`` bytes, else the whole tree.
        case automatic
        /// One json-c tree for the whole document (memory ~12x the file).
        case wholeTree
        /// A scan for resource boundaries, then json-c per resource (memory ~1-2x the file).
        case streaming
    }

    package var strategy: Strategy = .automatic

    /// Whether a streaming load parses the chunks of one document on all cores (else on the calling thread).
    package var parallelChunks = true

    /// The most bytes standard input (`-`) may hold: 4 GiB unless the caller says otherwise (the command line
    /// takes `VPCELINT_MAX_STDIN_BYTES`). Files have no such limit: they are mapped, not copied.
    package var standardInputLimit = StandardInput.defaultLimit

    /// Inputs at least this large are read in chunks (see ``Strategy``).
    package static let streamingThreshold = 0

    public init(keepValues: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.keepValues = keepValues
    }
}

extension TerraformDocument {
    /// Drops the values of resources whose type `keep` refuses, leaving their compact record, and of the others
    /// the attributes `attributes` leaves out (``LoadOptions/keptAttributes``) and the members `prefixes` leaves
    /// out of them (``LoadOptions/keptPrefixes``).
    mutating func compact(
        keeping keep: (String) -> Bool, attributes: (String) -> Set<String>?,
        prefixes: (String) -> [String: String]
    ) {
        func strip(_ resources: inout [Resource]) {
            for offset in resources.indices {
                // Nothing left to drop: a streaming load has already left most records bare.
                if resources[offset].unknown == nil, resources[offset].sensitive == nil,
                    resources[offset].packedValues.isEmptyObject
                {
                    continue
                }
                guard !keep(resources[offset].type) else {
                    if let kept = attributes(resources[offset].type) {
                        let prefixes = prefixes(resources[offset].type)
                        // A streamed value is already pruned: checked where it is packed, without a copy.
                        if !resources[offset].packedValues.isKept(kept, prefixes: prefixes) {
                            resources[offset].values = resources[offset].values.keeping(kept, prefixes: prefixes)
                        }
                        // Nil when what is kept marks nothing, as a streaming load reads it.
                        resources[offset].unknown = resources[offset].unknown?.keeping(kept, prefixes: prefixes).marks
                        resources[offset].sensitive =
                            resources[offset].sensitive?.keeping(kept, prefixes: prefixes).marks
                    }
                    continue
                }
                resources[offset].packedValues = .emptyObject
                resources[offset].unknown = nil
                resources[offset].sensitive = nil
            }
        }
        strip(&resources)
        if var prior = priorResources {
            priorResources = nil
            strip(&prior)
            priorResources = prior
        }
    }
}

extension PackedJSON {
    /// True when ``JSONValue/keeping(_:prefixes:)`` would leave the value as it is.
    func isKept(_ kept: Set<String>, prefixes: [String: String]) -> Bool {
        allKeys(at: "", satisfy: kept.contains)
            && prefixes.allSatisfy { name, prefix in allKeys(at: name, satisfy: { $0.hasPrefix(prefix) }) }
    }
}

extension JSONValue {
    /// An object without the members `kept` lacks, and of those `prefixes` names that are objects, only the
    /// members whose keys start with the prefix; any other value as it is.
    func keeping(_ kept: Set<String>, prefixes: [String: String] = [:]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        // A streamed value is already pruned: checked without a copy.
        if !members.keys.allSatisfy(kept.contains) { members = members.filter { kept.contains($0.key) } }
        for (name, prefix) in prefixes {
            guard case .object(let inner)? = members[name], !inner.keys.allSatisfy({ $0.hasPrefix(prefix) }) else {
                continue
            }
            members[name] = .object(inner.filter { $0.key.hasPrefix(prefix) })
        }
        return .object(members)
    }
}

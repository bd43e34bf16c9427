import JSONC

/// What a load keeps and how it reads.
public struct LoadOptions: Sendable {
    /// Whether to keep the attribute values of resources of a type (`aws_vpc`). Resources of other types
    /// keep a compact record: address, type, mode, name, module path, index, provider and plan actions,
    /// with empty `values` and no `unknown` / `sensitive` trees. Default: keep every type. The loader knows
    /// no provider: the network model gives the list it reads (`LoadOptions.awsNetwork`, in NetworkModel).
    public var keepValues: @Sendable (String) -> Bool

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
    /// Drops the values of resources whose type `keep` refuses, leaving their compact record.
    mutating func compact(keeping keep: (String) -> Bool) {
        func strip(_ resources: inout [Resource]) {
            for offset in resources.indices {
                // Nothing left to drop: a streaming load has already left most records bare.
                if resources[offset].unknown == nil, resources[offset].sensitive == nil,
                    case .object(let values) = resources[offset].values, values.isEmpty
                {
                    continue
                }
                guard !keep(resources[offset].type) else { continue }
                resources[offset].values = .object([:])
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

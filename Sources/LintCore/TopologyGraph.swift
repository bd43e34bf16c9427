import NetworkModel

/// The picture `vpcelint graph` and the Markdown report draw: one node per VPC (hubs, spokes, VPCs in no hub),
/// one edge per kind of link between two of them, and the findings of the run marked on the edge or node they
/// break. Labels hold the inputs' text as it is; each renderer escapes it for its medium.
///
/// The size is bounded (``Limits``): beyond it, healthy spokes collapse into one summary node per hub and spokes
/// with findings are drawn up to the cap, the rest counted in a summary node that carries their rule ids. No
/// finding is dropped: one that names no drawn VPC is counted in ``unplaced``.
public struct TopologyGraph: Sendable, Hashable {
    public enum NodeKind: String, Sendable, Hashable {
        case hub
        /// A hub the inputs link VPCs to but do not hold (a transit gateway or zone known only by its ID).
        case hubOutsideInputs = "hub-outside-inputs"
        case spoke
        /// A VPC of the inputs in no hub.
        case vpc
        /// Several VPCs drawn as one (``Limits``).
        case summary
    }

    /// The rule ids of the findings on a node or edge: violations (broken) and unknowns (could not be decided).
    public struct Marks: Sendable, Hashable {
        /// Sorted, each once.
        public private(set) var violations: [String] = []
        /// Sorted, each once.
        public private(set) var unknowns: [String] = []

        public init() {}

        public var isEmpty: Bool { violations.isEmpty && unknowns.isEmpty }

        mutating func add(_ ruleID: String, unknown: Bool) {
            if unknown {
                unknowns = Array(Set(unknowns + [ruleID])).sorted()
            } else {
                violations = Array(Set(violations + [ruleID])).sorted()
            }
        }

        mutating func add(_ other: Marks) {
            for id in other.violations { add(id, unknown: false) }
            for id in other.unknowns { add(id, unknown: true) }
        }
    }

    public struct Node: Sendable, Hashable {
        /// Generated (`n1`, `n2`, ...): never text from an input.
        public var id: String
        public var kind: NodeKind
        /// The environment and `Name` tag (or the summary's sentence).
        public var title: String
        /// The VPC ID and its CIDRs, one line each; empty for a summary.
        public var details: [String]
        public var marks: Marks
    }

    public struct Edge: Sendable, Hashable {
        /// Node ids.
        public var from: String
        public var to: String
        /// `peering`, `transit-gateway`, `private-zone`, `resolver-rule`, `route53-profile`, or `spokes` to a
        /// summary node.
        public var kind: String
        /// What joins the two: `peering pcx-1`, `6 private zones`.
        public var label: String
        /// False for a link that carries no traffic (a pending peering).
        public var isPath: Bool
        public var marks: Marks
    }

    /// How much is drawn before it is summarised.
    public struct Limits: Sendable, Hashable {
        /// VPC nodes in all (hubs, spokes, VPCs in no hub). While every VPC fits, every VPC is drawn.
        public var vpcs: Int
        /// Hubs drawn; the rest are one summary node.
        public var hubs: Int

        public init(vpcs: Int = 40, hubs: Int = 10) {
            self.vpcs = max(1, vpcs)
            self.hubs = max(1, hubs)
        }
    }

    public var nodes: [Node] = []
    public var edges: [Edge] = []
    /// Findings that name no VPC of the picture (a rule about a resource outside every VPC), by rule id.
    public var unplaced = Marks()

    public init() {}

    /// Whether any node, edge or ``unplaced`` carries a finding.
    public var hasMarks: Bool {
        !unplaced.isEmpty || nodes.contains { !$0.marks.isEmpty } || edges.contains { !$0.marks.isEmpty }
    }
}

/// One service of an endpoint set.
public struct EndpointSetMember: Sendable, Hashable {
    /// Short service name, e.g. `ecr.dkr`.
    public var service: String
    /// `Interface` or `Gateway`.
    public var type: String
    /// The rule that reports this member when it is missing, instead of VPCE011 (e.g. `VPCE010`).
    public var reportedBy: String?

    public init(service: String, type: String, reportedBy: String? = nil) {
        self.service = service
        self.type = type
        self.reportedBy = reportedBy
    }
}

/// Endpoint services a workload needs together, e.g. Session Manager: `ssm`, `ssmmessages`, `ec2messages`.
public struct EndpointSet: Sendable, Hashable {
    /// Kebab-case id, e.g. `session-manager`.
    public var id: String
    public var name: String
    public var members: [EndpointSetMember]
    public var source: String
    public var retrieved: String

    public init(id: String, name: String, members: [EndpointSetMember], source: String, retrieved: String) {
        self.id = id
        self.name = name
        self.members = members
        self.source = source
        self.retrieved = retrieved
    }
}

/// The endpoint sets of `Rules/data/endpoint-sets.json`.
public struct EndpointSetTable: Sendable {
    public var updatedAt: String
    public var sets: [EndpointSet]

    public init(updatedAt: String, sets: [EndpointSet]) {
        self.updatedAt = updatedAt
        self.sets = sets
    }
}

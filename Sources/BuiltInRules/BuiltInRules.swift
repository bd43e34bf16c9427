import LintCore

/// Every rule vpcelint ships, in id order.
public let builtInRules: [any Rule.Type] = [
    DuplicateInterfaceEndpointRule.self,
    MissingReverseRouteRule.self,
    PrivateDNSMisconfiguredRule.self,
    MissingWildcardRecordRule.self,
    EndpointSGMissing443Rule.self,
]

import LintCore

/// Every rule vpcelint ships, in id order.
public let builtInRules: [any Rule.Type] = [
    DuplicateInterfaceEndpointRule.self,
    MissingReverseRouteRule.self,
    PrivateDNSMisconfiguredRule.self,
    MissingWildcardRecordRule.self,
    EndpointSGMissing443Rule.self,
    MissingForwardRouteRule.self,
    ZoneNotAssociatedRule.self,
    VPCDNSDisabledRule.self,
    OverlappingCIDRRule.self,
    MissingS3GatewayEndpointRule.self,
    IncompleteEndpointSetRule.self,
    PeeringNotActiveRule.self,
    ResolverRuleNotAssociatedRule.self,
    ResolverRuleWrongTargetRule.self,
    ResolverInboundSGMissing53Rule.self,
]

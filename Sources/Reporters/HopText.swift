import LintCore
import NetworkModel

/// The sentence a trace shows for a hop: one function from a ``HopReason`` to English.
public enum HopText {
    /// One sentence: what the hop found.
    public static func sentence(_ reason: HopReason) -> String {
        switch reason {
        case .vpcDNSOn: return "DNS support and DNS hostnames are on"
        case .vpcDNSOff(let support, let hostnames):
            let off = [support ? "enable_dns_support" : nil, hostnames ? "enable_dns_hostnames" : nil]
            return off.compactMap { $0 }.joined(separator: " and ") + " is false: private hosted zones do not resolve"
        case .vpcDNSUnknown: return "the VPC's DNS attributes are not in the input"
        case .ownEndpoint, .profileEndpoint, .record, .aliasNotInInputs, .aliasNotAnEndpoint, .privateZoneWithoutRecord,
            .recordUnknown,
            .conflictingDomain, .conflictUnknown, .zoneNotAssociated, .zoneAssociationUnknown, .endpointPrivateDNSOn,
            .endpointPrivateDNSUnknown, .profileAssociationUnknown, .noZoneForEndpoint, .publicName, .hubOutsideInputs,
            .forwarded,
            .forwardTargetsWrong,
            .forwardedOutsideInputs, .resolverDNSBlocked, .resolverRuleNotAssociated, .resolverAssociationUnknown,
            .resolverRuleOutsideInputs:
            return dnsSentence(reason)
        case .serves(let endpoint, let service, let subnets):
            return "endpoint \(code(endpoint)) (\(endpoint.environment)) serves `\(service)` in \(subnets) subnet(s)"
        case .wrongService(let endpoint, let serves, let expected):
            return "the answer is endpoint \(code(endpoint)) of `\(serves)`, not `\(expected)`"
        case .endpointVPCNotInInputs: return "the endpoint's VPC is not in the inputs"
        case .noConnection(let peer):
            return "no peering connection or transit gateway joins this VPC to \(peer.environment)"
        case .routes, .noRoute, .routeUnplaced, .routeTargetUnresolved, .routeThroughCoreNetwork, .routeToWrongTarget,
            .peeringNotActive,
            .transitGateway:
            return routeSentence(reason)
        case .securityGroupsNotInInputs, .sgMissingPort, .sgPortUnknown, .sgRuleUnreadable, .cidrUnreadable, .sgAllows,
            .gatewayEndpoint,
            .noGatewayEndpoint, .gatewayRoute:
            return securitySentence(reason)
        }
    }

    private static func dnsSentence(_ reason: HopReason) -> String {
        let publicEndpoint = "it resolves to the public endpoint (NAT or no route)"
        switch reason {
        case .ownEndpoint(let host): return "\(host) resolves through the VPC's own endpoint with private DNS"
        case .profileEndpoint(let host, let profile):
            return
                "\(host) resolves through an endpoint with private DNS that the VPC's Route 53 Profile carries (\(code(profile)))"
        case .record(let match):
            return
                "\(match.host) matches the \(kind(match)) record \(code(match.record)) of private hosted zone \(match.zoneName)"
        case .aliasNotInInputs(let match, let alias):
            return
                "\(match.host) matches the \(kind(match)) record \(code(match.record)) of \(match.zoneName), whose alias \(alias ?? "(none)") is no endpoint in the inputs"
        case .aliasNotAnEndpoint(let match, let alias):
            return
                "\(match.host) matches the \(kind(match)) record \(code(match.record)) of \(match.zoneName), whose alias \(alias) is not a VPC endpoint"
        case .privateZoneWithoutRecord(let host, let zone, let zoneName):
            return
                "private hosted zone \(code(zone)) (\(zoneName)) captures \(host) but has no record for it: NXDOMAIN (`no such host`)"
        case .recordUnknown(let host, let zone, let zoneName, let record, let problem):
            return
                "private hosted zone \(code(zone)) (\(zoneName)) captures \(host); record \(code(record)) may answer it, but its \(problem.attribute) is \(problem.reason)"
        case .conflictingDomain(let endpoint, let zone, let zoneName):
            return
                "both endpoint \(code(endpoint)) (private DNS) and private hosted zone \(code(zone)) claim \(zoneName): the association fails with ConflictingDomainExists"
        case .conflictUnknown(let endpoint, let zone, let zoneName, let association, let problem):
            return
                "endpoint \(code(endpoint)) answers with private DNS, unless \(code(association)) associates private hosted zone \(code(zone)) (\(zoneName)) with this VPC (ConflictingDomainExists): its \(problem.attribute) is \(problem.reason)"
        case .zoneNotAssociated(let host, let zone, let zoneName):
            return
                "private hosted zone \(code(zone)) (\(zoneName)) answers \(host) but is not associated with this VPC: \(publicEndpoint)"
        case .zoneAssociationUnknown(let host, let zone, let zoneName, let association, let problem):
            return
                "private hosted zone \(code(zone)) (\(zoneName)) answers \(host) if \(code(association)) associates it with this VPC, but its \(problem.attribute) is \(problem.reason)"
        case .endpointPrivateDNSOn(let host, let endpoint):
            return
                "no private hosted zone associated with this VPC answers \(host), and the private DNS of endpoint \(code(endpoint)) answers only inside its own VPC: \(publicEndpoint)"
        case .profileAssociationUnknown(let host, let endpoint, let resource):
            return
                "no private hosted zone associated with this VPC answers \(host); endpoint \(code(endpoint)) has private DNS on and a Route 53 Profile carries it (\(code(resource))), but whether this VPC, here only as a data source, is associated with the profile is not in the inputs"
        case .endpointPrivateDNSUnknown(let host, let endpoint):
            return
                "no private hosted zone associated with this VPC answers \(host); whether endpoint \(code(endpoint)) has private DNS on (which answers only inside its own VPC) is unknown until apply"
        case .noZoneForEndpoint(let host, let endpoint):
            return
                "no private hosted zone answers \(host) for endpoint \(code(endpoint)), which has private DNS off: \(publicEndpoint)"
        case .publicName(let host):
            return "no private hosted zone associated with this VPC answers \(host): \(publicEndpoint)"
        case .hubOutsideInputs(let host, let hub):
            return
                "nothing in the inputs answers \(host) in this VPC; it is a spoke of hub \(hub), which is outside the inputs: lint the hub's state with it"
        case .forwarded(let host, let rule, let inbound, let answer):
            return
                "Resolver rule \(code(rule)) forwards \(host) to inbound endpoint \(code(inbound)) (\(inbound.environment))\(answer.map { ", where \(code($0)) answers" } ?? "")"
        case .forwardTargetsWrong(let host, let rule, let wrong):
            return
                "Resolver rule \(code(rule)) forwards \(host) to \(wrong.joined(separator: ", ")), which is no inbound Resolver endpoint's IP: those queries time out"
        case .forwardedOutsideInputs(let host, let rule, let targets):
            return
                "Resolver rule \(code(rule)) forwards \(host) to \(targets.joined(separator: ", ")); no inbound endpoint in the inputs has these IPs"
        case .resolverDNSBlocked(let host, let inbound, let group, let protocols):
            return
                "queries for \(host) are forwarded to inbound endpoint \(code(inbound)), whose security group \(code(group)) does not allow \(protocols.joined(separator: " and ")) 53 from the outbound endpoint"
        case .resolverRuleNotAssociated(let host, let rule):
            return
                "Resolver rule \(code(rule)) forwards \(host) to the hub but is not associated with this VPC: \(publicEndpoint)"
        case .resolverAssociationUnknown(let host, let rule, let association, let problem):
            return
                "Resolver rule \(code(rule)) forwards \(host) to the hub if \(code(association)) associates it with this VPC, but its \(problem.attribute) is \(problem.reason)"
        case .resolverRuleOutsideInputs(let host, let rule, let association):
            return
                "\(code(association)) associates this VPC with Resolver rule \(ModelKey.shown(rule)), which no input holds: whether it forwards \(host), and where, is unknown"
        default: return ""
        }
    }

    private static func routeSentence(_ reason: HopReason) -> String {
        switch reason {
        case .routes(let leg):
            return "\(table(leg)) routes \(leg.destination) through \(connections(leg))"
        case .noRoute(let leg):
            return "\(table(leg)) has no route to \(leg.peer.environment) \(leg.destination)"
        case .routeUnplaced(let leg, let route, let problem):
            return
                "\(table(leg)) may route \(peer(leg)) through route \(code(route)), but that route's \(problem.attribute) is \(problem.reason)"
        case .routeTargetUnresolved(let leg, let reason):
            return "\(table(leg)) routes \(peer(leg)) through a target that cannot be checked: \(reason)"
        case .routeToWrongTarget(let leg, let target):
            return "\(table(leg)) sends \(peer(leg)) to \(target.phrase), not through \(connections(leg))"
        case .routeThroughCoreNetwork(let leg, let arn):
            return
                "\(table(leg)) routes \(peer(leg)) through AWS Cloud WAN core network \(ModelKey.shown(arn)); whether its segments deliver it is not read (check the core network's policy)"
        case .peeringNotActive(let leg, let peering, let state):
            return
                "\(table(leg)) routes \(peer(leg)) through \(connections(leg)), but peering connection \(peering.map(code) ?? "(not in the inputs)") \(peeringState(state))"
        case .transitGateway(let leg, let verdict):
            return transitGatewaySentence(leg, verdict)
        default: return ""
        }
    }

    private static func securitySentence(_ reason: HopReason) -> String {
        switch reason {
        case .securityGroupsNotInInputs: return "the endpoint's security groups are not all in the inputs"
        case .sgMissingPort(let port, let source):
            return "the endpoint's security groups do not allow TCP \(port) from \(source)"
        case .sgPortUnknown(let port, let source):
            return "whether TCP \(port) from \(source) is allowed is unknown until apply"
        case .sgRuleUnreadable(let port, let source, let rule, let problem):
            return
                "whether TCP \(port) from \(source) is allowed is unknown: rule \(code(rule)) cannot be read (\(problem))"
        case .cidrUnreadable(let problem):
            // A qualified attribute (`endpoint subnet `ADDRESS` cidr_block`) names its own resource.
            let whose = problem.attribute.contains("`") ? "" : "this VPC's "
            return
                "\(whose)\(problem.attribute) cannot be read (\(problem.reason)), so whether its traffic gets through is unknown"
        case .sgAllows(let port, let sources):
            return "TCP \(port) from \(sources.map(\.description).joined(separator: ", ")) is allowed"
        case .gatewayEndpoint(let endpoint): return "gateway endpoint \(code(endpoint)) in this VPC"
        case .noGatewayEndpoint(let service, let elsewhere):
            return "no `\(service)` gateway endpoint in this VPC"
                + (elsewhere.map {
                    "; the one in \($0.environment) (\(code($0))) cannot be used across peering or a transit gateway"
                } ?? "")
        case .gatewayRoute(let table, let endpoint, let associated):
            return associated
                ? "route table \(code(table)) has the endpoint's prefix-list route"
                : "route table \(code(table)) is not associated with gateway endpoint \(code(endpoint))"
        default: return ""
        }
    }

    private static func transitGatewaySentence(_ leg: RouteLeg, _ verdict: TransitGatewayVerdict) -> String {
        let lead = "\(table(leg)) routes \(peer(leg)) through \(connections(leg))"
        func attachment(_ origin: Origin) -> String { "\(origin.environment)'s attachment \(code(origin))" }
        func gatewayTable(_ table: Origin, _ source: Origin) -> String {
            "transit gateway route table \(code(table)) (of \(attachment(source)))"
        }
        switch verdict {
        case .delivered(let table, let source, let target):
            return
                "\(Self.table(leg)) routes \(leg.destination) through \(connections(leg)), and \(gatewayTable(table, source)) sends it to \(attachment(target))"
        case .noAttachment: return lead + ", but this VPC has no attachment to that transit gateway"
        case .attachmentSubnetsUnknown(let origin):
            return lead + ", and the subnets of \(attachment(origin)) are not all in the inputs, so its AZs are unknown"
        case .attachmentMissingAZ(let origin, let zone, let subnet):
            return lead
                + ", but \(attachment(origin)) has no subnet in \(zone), where subnet \(code(subnet)) is: it cannot reach the transit gateway"
        case .gatewayNotInInputs: return lead + ", and that transit gateway and its route tables are not in the inputs"
        case .unplacedItem(let item, let problem):
            return lead
                + ", and \(code(item)) may decide where the gateway sends it, but its \(problem.attribute) is \(problem.reason)"
        case .noAssociation(let source):
            return lead + ", but \(attachment(source)) is associated with no transit gateway route table"
        case .noRoute(let table, let source):
            return lead + ", but \(gatewayTable(table, source)) has no route or propagation for it"
        case .blackhole(let table, let source, let route):
            return lead + ", but \(gatewayTable(table, source)) drops it: blackhole route \(code(route))"
        case .attachmentNotInInputs(let table, let source):
            return lead + ", and \(gatewayTable(table, source)) sends it to an attachment that is not in the inputs"
        case .wrongAttachment(let table, let source, let target, let targetVPC):
            return lead + ", but \(gatewayTable(table, source)) sends it to \(attachment(target)) (\(targetVPC))"
        case .inspectionStops(let table, let source, let inspection, let inspectionVPC, let onward):
            return lead
                + ", and \(gatewayTable(table, source)) sends it to \(attachment(inspection)) of inspection VPC \(inspectionVPC), but \(onward.map { "that attachment's transit gateway route table \(code($0))" } ?? "no transit gateway route table is associated with that attachment, so it") does not send it on"
        case .throughInspection(let table, let source, let inspection, let inspectionVPC):
            return lead
                + ", and \(gatewayTable(table, source)) sends it to \(attachment(inspection)) of inspection VPC \(inspectionVPC) (appliance mode on); what its appliances forward is not read"
        }
    }

    private static func peeringState(_ state: PeeringState) -> String {
        switch state {
        case .active, .accepted: return "is active"
        case .notActive(let status): return "is \(status), not active: it drops the traffic"
        case .notAccepted(let autoAccept, let owner):
            return "is never accepted (auto_accept is \(autoAccept.map(String.init) ?? "unset")"
                + (owner.map { ", it crosses to account \($0)" } ?? "")
                + ", and no aws_vpc_peering_connection_accepter is in the inputs)"
        case .unknown: return "has a status that is not in the inputs"
        }
    }

    private static func kind(_ match: DNSMatch) -> String { match.wildcard ? "wildcard" : "apex" }
    private static func code(_ origin: Origin) -> String { "`\(origin.address)`" }
    private static func table(_ leg: RouteLeg) -> String { "route table \(code(leg.table))" }
    private static func peer(_ leg: RouteLeg) -> String { "\(leg.peer.environment) \(leg.destination)" }
    private static func connections(_ leg: RouteLeg) -> String {
        leg.connections.map { "`\($0)`" }.joined(separator: " or ")
    }
}

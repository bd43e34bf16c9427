import LintCore
import NetworkModel

/// VPCE010: a spoke that pulls from ECR without an S3 gateway endpoint of its own.
public struct MissingS3GatewayEndpointRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE010", name: "missing-s3-gateway-endpoint",
        summary: "A VPC pulls images from ECR but has no S3 gateway endpoint on its subnets' route tables",
        category: .routing, defaultSeverity: .error,
        whatItDoes: """
            For every VPC that reaches `ecr.dkr` (its own interface endpoint, or a hub's as a spoke; hubs that \
            only serve others are left out), \
            traces the `s3` gateway path with the same engine as `vpcelint trace`: the VPC's own S3 gateway \
            endpoint and its association with the route table of each subnet. A gateway endpoint in the hub \
            does not count.
            """,
        whyItMatters: """
            ECR serves image layers from S3 (`prod-REGION-starport-layer-bucket`). Gateway endpoints work only \
            through the route tables of their own VPC and are never reachable over peering or a transit gateway, \
            so a spoke without one pulls manifests through the hub and then fails or pays NAT processing for \
            every layer: `CannotPullContainerError ... dial tcp ...:443: i/o timeout`.
            """,
        howToFix: """
            Add `resource "aws_vpc_endpoint" "s3" { vpc_id = aws_vpc.this.id service_name = \
            "com.amazonaws.REGION.s3" vpc_endpoint_type = "Gateway" route_table_ids = [aws_route_table.private.id] }` \
            in each spoke. Gateway endpoints are free.
            """,
        references: [
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
        triggeringExamples: [
            // Spoke prd pulls from ECR through the hub and has no S3 gateway endpoint.
            .fixture("hub-spoke-more-broken", flags: [#"module.spoke.aws_vpc.this"#])
        ],
        nonTriggeringExamples: [
            // Every spoke has its own gateway endpoint on all its route tables; the tools VPC does not pull.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var pulling = [String: VPC]()
        for hub in model.hubs where model.hubEndpoints(hub).contains(where: { $0.service == "ecr.dkr" }) {
            for spoke in hub.spokes { pulling[spoke.vpc.key] = spoke.vpc }
        }
        // A VPC with its own ecr.dkr endpoint pulls too, unless it is a hub serving others.
        let hubKeys = Set(model.hubs.map(\.vpc.key))
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.service == "ecr.dkr" {
            if let vpc = model.vpc(endpoint.vpcKey), !hubKeys.contains(vpc.key) { pulling[vpc.key] = vpc }
        }
        let engine = PathEngine(model: model)
        var findings = [Finding]()
        for vpc in pulling.values.sorted(by: { $0.origin < $1.origin }) where vpc.isManaged {
            let trace = engine.traceGateway(from: vpc, service: "s3")
            for hop in trace.hops where hop.status == .fail {
                let origin = hop.origin ?? vpc.origin
                findings.append(
                    finding(
                        at: origin, message: "\(Describe.vpc(vpc)) pulls from ECR but " + Self.problem(hop.reason),
                        fix:
                            "add an S3 gateway endpoint to this VPC and associate it with the route tables of the workload subnets",
                        subject: "s3:" + origin.address, related: hop.related))
            }
        }
        return findings
    }

    /// What the gateway trace found missing.
    private static func problem(_ reason: HopReason) -> String {
        switch reason {
        case .noGatewayEndpoint(let service, let elsewhere):
            return "no `\(service)` gateway endpoint in this VPC"
                + (elsewhere.map {
                    "; the one in \($0.environment) (`\($0.address)`) cannot be used across peering or a transit gateway"
                } ?? "")
        case .gatewayRoute(let table, let endpoint, _):
            return "route table `\(table.address)` is not associated with gateway endpoint `\(endpoint.address)`"
        default: return "its gateway path fails"
        }
    }
}

import Consolidation
import Foundation
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

/// `vpcelint trace`: exit 0 when every hop passes, 1 when one fails, 2 on bad usage; JSON names the hop.
@Suite("vpcelint trace", .serialized)
struct TraceCommandTests {
    static let fixtures = Repository.path("fixtures")

    @Test func passingTraceExitsZero() throws {
        let run = try Binary.run(["trace", "--from", "dev", "--service", "logs", Self.fixtures + "/hub-spoke-ok"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("result: PASS"))
        #expect(run.stdout.contains("at dev: module.spoke.aws_vpc.this"))
    }

    @Test func failingTraceExitsOneAndNamesTheHop() throws {
        let run = try Binary.run([
            "trace", "--from", "prd", "--service", "com.amazonaws.ap-northeast-1.ecr.api", "--format", "json",
            Self.fixtures + "/hub-spoke-broken",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let traces = try #require(json["traces"] as? [[String: Any]])
        #expect(traces.count == 1)
        #expect(traces.first?["failed_hop"] as? String == "return-route")
        #expect(traces.first?["service"] as? String == "ecr.api")
    }

    @Test func wildcardServiceGetsAPlaceholderHost() throws {
        let run = try Binary.run(["trace", "--from", "dev", "--service", "ecr.dkr", Self.fixtures + "/hub-spoke-ok"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com"))
        #expect(run.stdout.contains("placeholder"))
    }

    @Test func gatewayServiceUsesTheSpokesOwnEndpoint() throws {
        let run = try Binary.run(["trace", "--from", "stg", "--service", "s3", Self.fixtures + "/hub-spoke-ok"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("gateway endpoint `module.spoke.aws_vpc_endpoint.s3`"))
    }

    @Test func unknownSourceIsAUsageError() throws {
        let run = try Binary.run(["trace", "--from", "nowhere", "--service", "logs", Self.fixtures + "/hub-spoke-ok"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--from nowhere"))
    }

    @Test func missingServiceIsAUsageError() throws {
        let run = try Binary.run(["trace", "--from", "dev", Self.fixtures + "/hub-spoke-ok"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
    }
}

extension TraceCommandTests {
    @Test func transitGatewayTraceNamesTheGatewayRouteTable() throws {
        let passing = try Binary.run([
            "trace", "--from", "dev", "--service", "logs", Self.fixtures + "/hub-spoke-tgw-broken",
        ])
        #expect(passing.status == 0, "\(passing.stderr)")
        let run = try Binary.run([
            "trace", "--from", "stg", "--service", "logs", "--format", "json", Self.fixtures + "/hub-spoke-tgw-broken",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let trace = try #require((json["traces"] as? [[String: Any]])?.first)
        #expect(trace["failed_hop"] as? String == "return-route")
        let hops = try #require(trace["hops"] as? [[String: Any]])
        let failed = try #require(hops.first { $0["status"] as? String == "fail" })
        #expect(
            (failed["location"] as? [String: Any])?["address"] as? String == "aws_ec2_transit_gateway_route_table.hub")
    }
}

import Consolidation
import Foundation
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

/// `vpcelint consolidate` on three-spokes: the plan's costs are the duplicate-interface-endpoint savings, and
/// the emitted hub HCL passes `terraform validate` with the local provider mirror.
@Suite("vpcelint consolidate", .serialized)
struct ConsolidateTests {
    static let threeSpokes = Repository.path("fixtures/three-spokes")
    static let profileEndpoints = Repository.path("fixtures/route53-profiles-endpoints")

    @Test func costsEqualTheDuplicateEndpointSavings() throws {
        let outcome = try ConsolidateCommand.run(ConsolidateOptions(paths: [Self.threeSpokes]))
        let check = try Pipeline().check(CheckOptions(paths: [Self.threeSpokes]))
        let vpce001 = check.result.findings.filter { $0.ruleID == "VPCE001" }.compactMap(\.savings?.usd).reduce(0, +)
        let before = check.result.endpointCostByEnvironment.values.reduce(0, +)
        let plan = outcome.plan
        #expect(abs(plan.endpointSavingsUSD - vpce001) < 0.005, "plan \(plan.endpointSavingsUSD), VPCE001 \(vpce001)")
        #expect(abs(plan.beforeUSD - before) < 0.005)
        #expect(abs(plan.afterUSD - (before - vpce001)) < 0.005)
        // 24 single-AZ endpoints at 0.014 USD/h x 730 h before, one set of 8 after.
        #expect(abs(plan.beforeUSD - 24 * 0.014 * 730) < 0.005)
        #expect(abs(plan.afterUSD - 8 * 0.014 * 730) < 0.005)
        #expect(plan.endpoints.count == 8 && plan.endpoints.allSatisfy { $0.azCount == 1 })
        #expect(plan.deletions.count == 16)
        #expect(plan.spokes.count == 2)
        #expect(plan.securityRules.count == 2 && plan.securityRules.allSatisfy { !$0.exists })
        let dkr = try #require(plan.zones.first { $0.service == "ecr.dkr" })
        #expect(dkr.records == ["*.dkr.ecr.ap-northeast-1.amazonaws.com"])
        #expect(plan.counterCostUSD == 0, "peering has no hourly charge")
        #expect(plan.counterCosts.contains { $0.perGBUSD == 0.01 }, "cross-AZ data per GB is noted")
    }

    /// 40 VPCs of one environment file (an account's state): the header and the zone line name the environment
    /// once with its count, and the savings still equal VPCE001's (one finding per service past 10 copies).
    @Test func manyVPCsOfOneEnvironmentAreNamedOnceWithACount() throws {
        try withTemporaryDirectory { directory in
            let input = directory + "/account.json"
            try ScaleInput.ownEndpoints(40).write(toFile: input, atomically: false, encoding: .utf8)
            let run = try Binary.run(["consolidate", input])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasSuffix("spokes: account (39 VPCs), via peering") == true, "\(lines.first ?? "")")
            #expect(lines.contains("private hosted zones (associate with account (40 VPCs)):"))
            let outcome = try ConsolidateCommand.run(ConsolidateOptions(paths: [input]))
            let check = try Pipeline().check(CheckOptions(paths: [input]))
            let vpce001 = check.result.findings.filter { $0.ruleID == "VPCE001" }
            #expect(vpce001.count == 8)
            let savings = vpce001.compactMap(\.savings?.usd).reduce(0, +)
            #expect(abs(outcome.plan.endpointSavingsUSD - savings) < 0.005)
        }
    }

    /// A hub whose endpoints a Route 53 Profile carries keeps that design: no private hosted zones, the profile
    /// must carry every service (kms is missing) and be associated with every spoke (prd is not).
    @Test func aHubWithAProfileKeepsIt() throws {
        let outcome = try ConsolidateCommand.run(ConsolidateOptions(paths: [Self.profileEndpoints]))
        let plan = outcome.plan
        #expect(plan.zones.isEmpty)
        let profile = try #require(plan.profile)
        #expect(profile.name == "`aws_route53profiles_profile.endpoints`")
        #expect(profile.services.filter { !$0.carried }.map(\.service) == ["kms"])
        #expect(profile.services.count == 4)
        #expect(profile.spokes.filter { !$0.associated }.map(\.environment) == ["prd"])
        let run = try Binary.run(["consolidate", Self.profileEndpoints])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "hub interface endpoints (private_dns_enabled = true, carried by Route 53 Profile `aws_route53profiles_profile.endpoints`):"
            ))
        #expect(lines.contains("  add associate with prd (`aws_route53profiles_association` per spoke VPC)"))
        #expect(lines.contains("  ok  associated with dev, stg"))
        #expect(!lines.contains { $0.hasPrefix("private hosted zones") })
        let json = try Binary.run(["consolidate", "--format", "json", Self.profileEndpoints])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let design = try #require(object["route53_profile"] as? [String: Any])
        #expect((design["spokes"] as? [[String: Any]])?.count == 3)
        #expect((object["zones"] as? [Any])?.isEmpty == true)
        // The zone design's plan says nothing of profiles.
        let zones = try Binary.run(["consolidate", "--format", "json", Self.threeSpokes])
        let zoneObject = try #require(
            try JSONSerialization.jsonObject(with: Data(zones.stdout.utf8)) as? [String: Any])
        #expect(zoneObject["route53_profile"] is NSNull)
    }

    @Test func transitGatewayAddsAttachmentHours() throws {
        let plan = try ConsolidateCommand.run(ConsolidateOptions(paths: [Self.threeSpokes], via: .tgw)).plan
        // hub + 2 spokes x 0.05 USD/h x 730 h.
        #expect(abs(plan.counterCostUSD - 3 * 0.05 * 730) < 0.005)
        #expect(abs(plan.netSavingsUSD - (plan.endpointSavingsUSD - 109.5)) < 0.005)
    }

    @Test func existingHubPlanKeepsItsEndpointsAndDeletesTheSpokeCopy() throws {
        let broken = Repository.path("fixtures/hub-spoke-broken")
        let plan = try ConsolidateCommand.run(ConsolidateOptions(paths: [broken])).plan
        #expect(plan.hub.origin.environment == "shared")
        #expect(plan.deletions.map(\.service) == ["logs"])
        #expect(plan.routes.contains { $0.direction == "hub->spoke" && $0.destination == "10.4.0.0/16" && !$0.exists })
        #expect(plan.securityRules.contains { $0.cidr == "10.2.0.0/16" && !$0.exists })
    }

    /// One VPC with its own endpoints and no other VPC: there is nothing to share, and the run says so (it
    /// printed a plan with `spokes: ,`).
    @Test func aLoneVPCIsNothingToConsolidate() throws {
        let run = try Binary.run(["consolidate", Self.threeSpokes + "/dev.show.json"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix(
                "vpcelint: error: only dev (`aws_vpc.main`) holds interface endpoints and no other VPC of the inputs "
                    + "reaches it: nothing to consolidate"), "\(run.stderr)")
    }

    @Test func jsonReportCarriesTheCosts() throws {
        let run = try Binary.run(["consolidate", "--format", "json", Self.threeSpokes])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cost = try #require(json["cost"] as? [String: Any])
        #expect(cost["savings_usd"] as? Double == 163.52)
    }

    static let mirror = ProcessInfo.processInfo.environment["TF_PLUGIN_MIRROR"] ?? "/opt/tf-plugins"
    static let terraform: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return paths.map { $0 + "/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
    static let canValidate =
        terraform != nil && FileManager.default.fileExists(atPath: mirror + "/registry.terraform.io/hashicorp/aws")

    /// Skipped, and reported as skipped with this reason, when Terraform or the provider mirror is missing.
    @Test(
        .enabled(
            if: canValidate,
            "SKIPPED: terraform on PATH and the hashicorp/aws provider in TF_PLUGIN_MIRROR (/opt/tf-plugins) are needed to validate the emitted HCL"
        ))
    func emittedHCLPassesTerraformValidate() throws {
        // The zone design, and the Route 53 Profile design a hub that has one keeps.
        for scenario in [Self.threeSpokes, Self.profileEndpoints] {
            try emittedHCLPassesTerraformValidate(scenario)
        }
    }

    private func emittedHCLPassesTerraformValidate(_ scenario: String) throws {
        try withTemporaryDirectory { directory in
            let outcome = try ConsolidateCommand.run(ConsolidateOptions(paths: [scenario], emitHCL: directory))
            #expect(outcome.writtenFiles.count == 2)
            let rc = directory + "/.terraformrc"
            try """
            provider_installation {
              filesystem_mirror {
                path    = "\(Self.mirror)"
                include = ["registry.terraform.io/hashicorp/aws"]
              }
              direct {
                exclude = ["registry.terraform.io/*/*"]
              }
            }
            """.write(toFile: rc, atomically: false, encoding: .utf8)
            let environment = [
                "TF_CLI_CONFIG_FILE": rc, "TF_DATA_DIR": directory + "/.tfdata", "TF_IN_AUTOMATION": "1",
                "CHECKPOINT_DISABLE": "1",
            ]
            for arguments in [
                ["init", "-backend=false", "-input=false", "-no-color"], ["validate", "-no-color"], ["fmt", "-check"],
            ] {
                let (status, output) = try Self.run(Self.terraform!, arguments, in: directory, environment: environment)
                #expect(status == 0, "terraform \(arguments.joined(separator: " ")): \(output)")
            }
        }
    }

    private static func run(
        _ executable: String, _ arguments: [String], in directory: String, environment: [String: String]
    )
        throws -> (Int32, String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = directory + "/terraform.log"
        try Data().write(to: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}

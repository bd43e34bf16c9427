import Foundation
import Testing
import LintCore
import NetworkModel

@Test func dumpScenarios() throws {
    guard ProcessInfo.processInfo.environment["VPCELINT_DUMP"] != nil else { return }
    for name in Scenario.names {
        let (findings, unknowns) = try Scenario.run(name)
        print("== \(name)")
        for f in findings + unknowns { print("  \(f.status) \(f.ruleID) \(f.location.environment) \(f.location.address) [\(f.subject)] \(f.message) \(f.savings.map { String($0.usd) } ?? "")") }
    }
}

@Test func dumpHubs() throws {
    guard ProcessInfo.processInfo.environment["VPCELINT_DUMP"] != nil else { return }
    for name in Scenario.names {
        let model = try Scenario.model(name)
        print("== \(name): vpcs \(model.vpcs.count) endpoints \(model.endpoints.count) zones \(model.zones.count) records \(model.records.count) peerings \(model.peerings.count) sgs \(model.securityGroups.count) tables \(model.routeTables.count)")
        for hub in model.hubs { print("  hub \(hub.vpc.origin.environment) \(hub.vpc.key) spokes: \(hub.spokes.map { "\($0.vpc.origin.environment) via \($0.connection.key)" })") }
        for r in model.records { print("   rec \(r.name) -> \(r.aliasEndpointKey ?? "nil")") }
    }
}

@Test func dumpTrace() throws {
    guard ProcessInfo.processInfo.environment["VPCELINT_DUMP"] != nil else { return }
    for name in Scenario.names {
        let model = try Scenario.model(name)
        let engine = PathEngine(model: model)
        for vpc in model.vpcs where vpc.isManaged {
            let t = engine.trace(from: vpc, service: "ecr.dkr", host: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com")
            print("== \(name) \(vpc.origin.environment): \(t.status)")
            for h in t.hops { print("   \(h.kind) \(h.status) \(h.detail)") }
        }
    }
}

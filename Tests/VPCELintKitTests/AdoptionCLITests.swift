import Foundation
import TestSupport
import Testing

/// The built binary with `.vpcelint.yml`, `--show-suppressed`, `--baseline`, `--write-baseline`, `--new-only`:
/// exit 0, 1 and 2 on real fixtures.
@Suite("vpcelint binary: configuration, suppressions, baselines", .serialized)
struct AdoptionCLITests {
    private let broken = AdoptionScenarioTests.broken

    @Test("exit 1 with findings; exit 0 once a baseline of them is given; the baseline file is written atomically")
    func baselineExitCodes() throws {
        try withTemporaryDirectory { directory in
            let first = try Binary.run(["check", "--write-baseline", directory + "/baseline.json", broken])
            #expect(first.status == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files == ["baseline.json"])  // no temporary file left behind
            let second = try Binary.run(["check", "--baseline", directory + "/baseline.json", broken])
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("Baseline: 6 known, 0 stale") || second.stdout.contains("known, 0 stale"))
        }
    }

    @Test(".vpcelint.yml in the current directory is read; an unknown key exits 2 naming key and line, no report")
    func configDiscovery() throws {
        try withTemporaryDirectory([
            ".vpcelint.yml": """
            rules:
              VPCE001: false
              VPCE002: false
              VPCE003: false
              VPCE005: false
            ignore:
              - rule: VPCE004
                address: "*"
                reason: accepted
            """
        ]) { good in
            let clean = try Binary.run(["check", "--show-suppressed", broken], in: good)
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
            #expect(clean.stdout.contains("Suppressed: 1"))
            try withTemporaryDirectory([".vpcelint.yml": "hubs: [shared]\nfail_on: warning\n"]) { bad in
                let failed = try Binary.run(["check", broken], in: bad)
                #expect(failed.status == 2)
                #expect(failed.stdout.isEmpty)
                #expect(failed.stderr.contains(".vpcelint.yml:2:1: fail_on: unknown key"))
                let explicit = try Binary.run(["check", "--config", bad + "/.vpcelint.yml", broken])
                #expect(explicit.status == 2 && explicit.stderr.contains("fail_on: unknown key"))
                let missing = try Binary.run(["check", "--config", bad + "/none.yml", broken])
                #expect(missing.status == 2 && missing.stderr.contains("none.yml: cannot read"))
            }
        }
    }

    @Test("--new-only on the plan-diff fixture exits 1 for the spoke it locks out; 2 without a plan")
    func newOnly() throws {
        let directory = AdoptionScenarioTests.fixture("plan-diff")
        let run = try Binary.run(["check", "--new-only", directory])
        #expect(run.status == 1)
        #expect(run.stdout.contains("10.3.0.0/16"))
        #expect(run.stdout.contains("Fixed by the plan: 1"))
        let noPlan = try Binary.run(["check", "--new-only", broken])
        #expect(noPlan.status == 2 && noPlan.stderr.contains("--new-only"))
    }
}

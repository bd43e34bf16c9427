import Foundation
import TestSupport
import Testing

/// The settings flags and the configuration file reach `check`, `trace` and `consolidate` alike, through the
/// real binary (issue 11): one settings step, flags beat the file, names that match nothing exit 2.
@Suite("Shared settings across commands", .serialized)
struct SharedSettingsCLITests {
    static let threeSpokes = Repository.path("fixtures/three-spokes")
    static let broken = Repository.path("fixtures/hub-spoke-broken")
    static let jpyConfig = "hours_per_month: 100\ncurrency: JPY\nexchange_rate: 150\n"

    /// A directory holding `.vpcelint.yml` with `config`, removed after `body`.
    static func withConfig<T>(_ config: String, _ body: (String) throws -> T) throws -> T {
        try withTemporaryDirectory([".vpcelint.yml": config], body)
    }

    static func json(_ run: Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("the file's hours and currency reach consolidate's cost, from the current directory and with --config")
    func consolidateReadsTheFile() throws {
        try Self.withConfig(Self.jpyConfig) { directory in
            let found = try Binary.run(["consolidate", "--format", "json", Self.threeSpokes], in: directory)
            let named = try Binary.run(
                ["consolidate", "--format", "json", "--config", directory + "/.vpcelint.yml", Self.threeSpokes])
            for run in [found, named] {
                #expect(run.status == 0, "\(run.stderr)")
                let cost = try #require(try Self.json(run)["cost"] as? [String: Any])
                #expect(cost["hours_per_month"] as? Double == 100)
                #expect(cost["currency"] as? String == "JPY")
                // 3 VPCs x 8 single-AZ endpoints x 0.014 USD/h x 100 h = 33.60 USD before, 11.20 after.
                #expect(cost["before_usd"] as? Double == 33.6)
                #expect(cost["savings"] as? Double == 3360)
            }
            let text = try Binary.run(["consolidate", Self.threeSpokes], in: directory)
            #expect(text.stdout.contains("monthly cost (interface endpoints, 100 h/month):"))
            #expect(text.stdout.contains("savings  3,360 JPY"))
        }
    }

    @Test("--currency USD --exchange-rate 1 beats the file's JPY in check and consolidate")
    func flagsEqualToTheDefaultBeatTheFile() throws {
        try Self.withConfig(Self.jpyConfig) { directory in
            let flags = ["--currency", "USD", "--exchange-rate", "1"]
            let check = try Binary.run(["check", "--format", "json"] + flags + [Self.threeSpokes], in: directory)
            let summary = try #require(try Self.json(check)["summary"] as? [String: Any])
            #expect(summary["currency"] as? String == "USD")
            #expect(summary["exchange_rate"] as? Double == 1)
            let consolidate = try Binary.run(
                ["consolidate", "--format", "json"] + flags + [Self.threeSpokes], in: directory)
            let cost = try #require(try Self.json(consolidate)["cost"] as? [String: Any])
            #expect(cost["currency"] as? String == "USD")
            #expect(cost["savings"] as? Double == cost["savings_usd"] as? Double)
            // The file's hours still apply: only the currency was given.
            #expect(cost["hours_per_month"] as? Double == 100)
        }
    }

    @Test("--config works on check, trace and consolidate; a broken file is exit 2 on each")
    func configOnEveryCommand() throws {
        let commands: [[String]] = [
            ["check"], ["trace", "--from", "dev", "--service", "ssm"], ["consolidate"],
        ]
        try Self.withConfig("hubs: [shared]\n") { directory in
            for command in commands {
                let run = try Binary.run(command + ["--config", directory + "/.vpcelint.yml", Self.broken])
                #expect(run.status != 2, "\(command): \(run.stderr)")
            }
        }
        try Self.withConfig("hubz: [shared]\n") { directory in
            for command in commands {
                let run = try Binary.run(command + ["--config", directory + "/.vpcelint.yml", Self.broken])
                #expect(run.status == 2, "\(command)")
                #expect(run.stderr.contains("hubz"), "\(command): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
        }
    }

    @Test("a hub selector that matches nothing is exit 2 naming it, on check, trace and consolidate")
    func unmatchedHubSelector() throws {
        let commands: [[String]] = [
            ["check"], ["trace", "--from", "dev", "--service", "ssm"], ["consolidate"],
        ]
        for command in commands {
            let run = try Binary.run(command + ["--hub", "sharde", Self.broken])
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("--hub sharde: matches no VPC"), "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(command)")
        }
        try Self.withConfig("hubs: [sharde]\n") { directory in
            for command in commands {
                let run = try Binary.run(command + [Self.broken], in: directory)
                #expect(run.status == 2, "\(command)")
                #expect(run.stderr.contains(".vpcelint.yml: hubs sharde: matches no VPC"), "\(command): \(run.stderr)")
            }
        }
    }

    @Test("a rule name or environment glob of the file that matches nothing is exit 2 on every command")
    func unmatchedRuleAndGlob() throws {
        let commands: [[String]] = [
            ["check"], ["trace", "--from", "dev", "--service", "ssm"], ["consolidate"],
        ]
        try Self.withConfig("rules:\n  no-such-rule: false\nenvironments:\n  files:\n    \"prod-*.json\": prd\n") {
            directory in
            for command in commands {
                let run = try Binary.run(command + [Self.broken], in: directory)
                #expect(run.status == 2, "\(command)")
                #expect(run.stderr.contains("rules.no-such-rule: no such rule"), "\(command): \(run.stderr)")
                #expect(run.stderr.contains("`prod-*.json` (prd) matches no input"), "\(command): \(run.stderr)")
            }
        }
    }

    @Test("trace and consolidate name inputs with the file's environments.files, as check does")
    func environmentGlobsOnTrace() throws {
        try Self.withConfig("environments:\n  files:\n    \"dev.*\": development\n") { directory in
            let trace = try Binary.run(
                ["trace", "--from", "development", "--service", "ssm", "--format", "json", Self.broken], in: directory)
            #expect(trace.status != 2, "\(trace.stderr)")
            #expect(trace.stdout.contains("\"development\""))
        }
    }
}

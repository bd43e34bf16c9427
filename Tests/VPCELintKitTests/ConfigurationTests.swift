import BuiltInRules
import Consolidation
import Foundation
import LintCore
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

@Suite("Configuration file")
struct ConfigurationTests {
    @Test("every key of the documented schema is read")
    func fullSchema() throws {
        let text = """
            hubs: [shared]
            region: ap-northeast-1
            currency: JPY
            exchange_rate: 150
            hours_per_month: 720
            rules:
              VPCE001: {severity: error}
              missing-wildcard-record: false
              VPCE005: note
              VPCE002: {enabled: true, severity: warning}
            environments:
              by_tag: Environment
              files:
                "prod-*.json": prd
                "states/dev/*": dev
            ignore:
              - rule: VPCE004
                environment: shared
                address: 'module.hub.aws_route53_zone.endpoint["ecr.dkr"]'
                reason: the wildcard comes with PR 42
                until: 2099-12-31
            source: [shared=infra/hub, infra]
            """
        let configuration = try Configuration.parse(text, path: "c.yml")
        #expect(configuration.hubs == ["shared"])
        #expect(configuration.region == "ap-northeast-1")
        #expect(configuration.currency == "JPY")
        #expect(configuration.exchangeRate == 150)
        #expect(configuration.hoursPerMonth == 720)
        #expect(configuration.rules.map(\.rule) == ["VPCE001", "missing-wildcard-record", "VPCE005", "VPCE002"])
        #expect(configuration.rules.map(\.enabled) == [nil, false, nil, true])
        #expect(configuration.rules.map(\.severity) == [.error, nil, .note, .warning])
        #expect(configuration.environmentTag == "Environment")
        #expect(configuration.environmentFiles.map(\.glob) == ["prod-*.json", "states/dev/*"])
        #expect(configuration.environmentFiles.map(\.name) == ["prd", "dev"])
        let ignore = try #require(configuration.ignores.first)
        #expect(ignore.rule == "VPCE004")
        #expect(ignore.environment == "shared")
        #expect(ignore.address == #"module.hub.aws_route53_zone.endpoint["ecr.dkr"]"#)
        #expect(ignore.until == "2099-12-31")
        #expect(ignore.place == "c.yml:17")
        #expect(configuration.sources == ["shared=infra/hub", "infra"])
        #expect(try Configuration.parse("source: infra\n", path: "c.yml").sources == ["infra"])
    }

    @Test("an empty file is the empty configuration")
    func empty() throws {
        #expect(try Configuration.parse("", path: "c.yml") == Configuration())
        #expect(try Configuration.parse("# nothing\n", path: "c.yml") == Configuration())
    }

    @Test(
        "unknown keys, wrong types and missing fields name the key and line",
        arguments: [
            ("hubs: [shared]\nhub_selectors: [x]\n", "c.yml:2:1: hub_selectors: unknown key"),
            ("exchange_rate: lots\n", "c.yml:1:16: exchange_rate: expected a number, got a string"),
            ("exchange_rate: \"150\"\n", "c.yml:1:16: exchange_rate: expected a number, got a string"),
            ("hours_per_month: [1]\n", "c.yml:1:18: hours_per_month: expected a number, got a list"),
            ("currency: 123\n", "c.yml:1:11: currency: expected a string, got a number"),
            ("rules:\n  VPCE001: {severity: fatal}\n", "c.yml:2:23: rules.VPCE001.severity: `fatal` is not a severity"),
            ("rules:\n  VPCE001: {enable: false}\n", "c.yml:2:13: rules.VPCE001.enable: unknown key"),
            ("environments: {by_tags: Environment}\n", "c.yml:1:16: environments.by_tags: unknown key"),
            ("source: {dev: infra}\n", "c.yml:1:9: source: expected"),
            ("ignore: {rule: VPCE001}\n", "c.yml:1:9: ignore: expected a list, got a mapping"),
            ("ignore:\n  - rule: VPCE001\n    address: x\n", "c.yml:2:5: ignore[0].reason: required"),
            (
                "ignore:\n  - rule: VPCE001\n    address: x\n    reason: y\n    expires: 2025-01-01\n",
                "c.yml:5:5: ignore[0].expires: unknown key"
            ),
            (
                "ignore:\n  - rule: VPCE001\n    address: x\n    reason: y\n    until: next week\n",
                "c.yml:5:12: ignore[0].until: `next week` is not a date YYYY-MM-DD"
            ),
            ("hubs: [shared\n", "c.yml:2:1: not valid YAML"),
            ("hubs: a\nhubs: b\n", "duplicate key `hubs`"),
        ])
    func errors(text: String, expected: String) {
        #expect {
            _ = try Configuration.parse(text, path: "c.yml")
        } throws: { error in
            (error as? CheckError)?.description.contains(expected) == true
        }
    }

    @Test("flags override the file, a flag equal to its default too; --disable adds to the rules it turns off")
    func flagsOverride() throws {
        try withTemporaryDirectory([
            "c.yml":
                "hubs: [shared]\ncurrency: JPY\nexchange_rate: 150\nhours_per_month: 720\nrules:\n  VPCE004: false\n",
            "dev.json": Support.validState,
        ]) { config in
            func settings(_ flags: SharedFlags, disabling: [String] = []) throws -> RunSettings {
                var flags = flags
                flags.configPath = config + "/c.yml"
                return try RunSettings(
                    paths: [config + "/dev.json"], flags: flags, registry: builtInRules, disabledRules: disabling)
            }
            let fromFile = try settings(SharedFlags())
            #expect(fromFile.hubSelectorValues == ["shared"])
            #expect(fromFile.hubSelectors.first?.source == config + "/c.yml: hubs")
            #expect(fromFile.pricing.currency == "JPY" && fromFile.pricing.exchangeRate == 150)
            #expect(fromFile.pricing.hoursPerMonth == 720)
            #expect(!fromFile.rules.contains { $0.description.id == "VPCE004" })
            let flags = try settings(
                SharedFlags(hubs: ["hub"], hoursPerMonth: 744, currency: "EUR", exchangeRate: 0.9),
                disabling: ["VPCE001"])
            #expect(flags.hubSelectorValues == ["hub"])
            #expect(
                flags.pricing.currency == "EUR" && flags.pricing.exchangeRate == 0.9
                    && flags.pricing.hoursPerMonth == 744)
            #expect(!flags.rules.contains { ["VPCE001", "VPCE004"].contains($0.description.id) })
            // The defaults, given as flags, still win: USD at 1, and the price table's 730 h.
            let usd = try settings(SharedFlags(hoursPerMonth: 730, currency: "USD", exchangeRate: 1))
            #expect(usd.pricing.currency == "USD" && usd.pricing.exchangeRate == 1 && usd.pricing.hoursPerMonth == 730)
            // A rate belongs to its currency: --currency USD alone does not take the file's JPY rate.
            let usdOnly = try settings(SharedFlags(currency: "USD"))
            #expect(usdOnly.pricing.currency == "USD" && usdOnly.pricing.exchangeRate == 1)
            // --exchange-rate alone applies to the file's currency.
            let rateOnly = try settings(SharedFlags(exchangeRate: 140))
            #expect(rateOnly.pricing.currency == "JPY" && rateOnly.pricing.exchangeRate == 140)
        }
    }
}

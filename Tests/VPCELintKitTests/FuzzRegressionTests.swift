import Foundation
import TestSupport
import Testing

@testable import VPCELintKit

/// Replays `Tests/FuzzRegressions/*` (inputs libFuzzer found, and hand-made hostile seeds) through the
/// pipeline the fuzzer runs: a trap in any of them kills the test process.
@Suite struct FuzzRegressionTests {
    static let folder = Repository.root.appendingPathComponent("Tests/FuzzRegressions")

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0 != "README.md" }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func theFolderHoldsTheSeeds() {
        #expect(Self.inputs.filter { $0.hasPrefix("seed-") }.count >= 10)
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let outcome = FuzzPipeline.run(try Self.bytes(name))
        if let error = outcome.error {
            #expect(error.description.hasPrefix("fuzz.json"), "\(error)")
            #expect(!error.description.contains("\n"), "\(error)")
        } else if outcome.settingsError == nil {
            let always =
                ["text", "json", "sarif", "junit", "markdown", "github", "text-colour", "baseline", "trace"]
                + ["consolidate-text"]
            #expect(Set(always).isSubset(of: outcome.reports.keys), "\(outcome.reports.keys.sorted())")
        }
    }

    /// What the hand-made seeds must give, not only "no trap".
    @Test(arguments: [
        ("seed-deep-100000.json", "deeper than"), ("seed-nan-in-resource.json", "NaN"),
        ("seed-int-overflow.json", "outside the 64-bit range"), ("seed-empty.json", "empty"),
        ("seed-wrong-resource-shape.json", "expected a string"),
    ])
    func refusedSeeds(_ name: String, _ words: String) throws {
        let error = FuzzPipeline.run(try Self.bytes(name)).error
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
        #expect(error?.line != nil || error?.jsonPath != nil, "no place: \(String(describing: error))")
    }

    @Test(arguments: [
        "seed-hostile-names.json", "seed-wrong-shapes.json", "seed-reference-cycle.plan.json",
        "seed-bom-crlf-dup-keys.json", "seed-invalid-utf8.json", "seed-nul-in-key.json",
    ])
    func loadedSeeds(_ name: String) throws {
        let outcome = FuzzPipeline.run(try Self.bytes(name))
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        // FuzzPipeline.check already trapped on a control character or a forged workflow command.
        #expect(outcome.reports["text"]?.contains("\u{1B}") == false)
    }

    /// A framed input drives the configuration file and the flags too; a plain JSON input stays JSON.
    @Test func framedInputsCarryAConfigurationAndFlags() throws {
        let framed = FuzzInput(try Self.bytes("seed-framed-config-flags.bin"))
        #expect(framed.configuration?.contains("hubs: [shared]") == true)
        #expect(framed.arguments.contains("--fail-on-unknown"))
        #expect(framed.json.first == UInt8(ascii: "{"))
        #expect(FuzzInput(framed.bytes).json == framed.json)
        let outcome = FuzzPipeline.run(framed.bytes)
        #expect(outcome.error == nil && outcome.settingsError == nil, "\(String(describing: outcome.settingsError))")
        #expect(outcome.reports["text"]?.contains("EUR") == true || outcome.reports["text"]?.contains("€") == true)
        #expect(FuzzInput(Array("{}".utf8)).configuration == nil)

        let refused = FuzzPipeline.run(
            FuzzInput(
                configuration: "rules: {NOPE: false}\n", arguments: ["--currency", "XYZ"], json: Array("{}".utf8)
            )
            .bytes)
        #expect(refused.settingsError?.lines.first?.contains("XYZ") == true, "\(String(describing: refused))")
        let badFlag = FuzzPipeline.run(FuzzInput(arguments: ["--bogus"], json: Array("{}".utf8)).bytes)
        #expect(badFlag.settingsError?.lines == ["--bogus: unknown option"])
    }

    /// The flags of a framed input also choose `--format`/`--output` destinations (parsed and rendered, never
    /// written), a trace request, `consolidate --via`, and read the configuration text as a baseline.
    @Test func framedInputsDriveOutputsTraceConsolidateAndBaseline() throws {
        let commands = FuzzPipeline.run(try Self.bytes("seed-framed-commands.bin"))
        #expect(commands.error == nil && commands.settingsError == nil, "\(String(describing: commands.settingsError))")
        #expect(commands.reports["output-0"]?.contains("\"$schema\"") == true, "r.txt takes --format sarif")
        #expect(commands.reports["output-1"]?.contains("\"tool\"") == true, "json=r.json renders JSON")
        #expect(commands.reports["trace-request-text"]?.contains("ecr.dkr") == true)
        #expect(commands.reports["trace-request-json"]?.hasPrefix("{") == true)
        #expect(commands.reports["consolidate-text"]?.hasPrefix("refused") == false)
        #expect(commands.reports["consolidate-hcl"]?.contains("transit") == true, "--via tgw")
        let baseline = FuzzPipeline.run(try Self.bytes("seed-framed-baseline.bin"))
        #expect(baseline.error == nil && baseline.settingsError == nil, "\(String(describing: baseline.settingsError))")
        #expect(baseline.reports["json"]?.contains("\"stale_baseline\"") == true)
        let badFormat = FuzzPipeline.run(FuzzInput(arguments: ["--format", "xml"], json: Array("{}".utf8)).bytes)
        #expect(badFormat.settingsError?.lines == ["--format xml: unknown format"])
        let badBaseline = FuzzPipeline.run(
            FuzzInput(configuration: "version: 9\n", arguments: ["--baseline"], json: Array("{}".utf8)).bytes)
        #expect(badBaseline.settingsError?.lines.first?.contains("unsupported baseline version") == true)
        let badVia = FuzzPipeline.run(FuzzInput(arguments: ["--via", "vpn"], json: Array("{}".utf8)).bytes)
        #expect(badVia.settingsError?.lines == ["--via vpn: expected peering or tgw"])
    }

    @Test func hostileNamesAreInertInEveryFormat() throws {
        let reports = FuzzPipeline.run(try Self.bytes("seed-hostile-names.json")).reports
        for format in ["text", "markdown", "github", "junit", "sarif", "json"] {
            let report = try #require(reports[format])
            #expect(!report.contains("\u{1B}"), "\(format)")
            #expect(!report.contains("\n::error file=a::"), "\(format)")
            // Markup matters where a reader renders it; the topology section quotes names in the other formats.
            guard ["markdown", "junit"].contains(format) else { continue }
            #expect(!report.contains("<img"), "\(format)")
            #expect(!report.contains("<script>"), "\(format)")
        }
        #expect(reports["junit"]?.contains("]]></failure><x>") == false)
    }
}

import ArgumentParser
import BuiltInRules
import Foundation
import VPCELintDevKit

/// Developer tasks: regenerating the data tables, rule documents and examples.
@main
struct VPCELintDev: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpcelint-dev",
        abstract: "vpcelint's developer tool.",
        subcommands: [Generate.self, Flags.self]
    )
}

extension VPCELintDev {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the data tables, Rules/<name>.md, Rules/README.md and the rules' examples.",
            discussion: "With --check, write nothing and exit 1 when a generated file is out of date."
        )

        @Flag(help: "Compare instead of writing; exit 1 naming the stale files.")
        var check = false

        @Option(help: ArgumentHelp("The repository root (default: the current directory).", valueName: "DIR"))
        var root: String = FileManager.default.currentDirectoryPath

        func run() throws {
            let generator = Generator(root: URL(fileURLWithPath: root))
            if check {
                let stale = try generator.staleFiles()
                guard stale.isEmpty else {
                    for path in stale { print("out of date: \(path)") }
                    print("run '\(Generator.command)'")
                    throw ExitCode.failure
                }
                print("generated files are up to date")
            } else {
                let written = try generator.write()
                for path in written { print("wrote \(path)") }
                if written.isEmpty { print("generated files are up to date") }
            }
        }
    }

    struct Flags: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what each rule flags in fixture scenarios, to write a rule's examples.",
            discussion: "Example: swift run vpcelint-dev flags hub-spoke-broken near-misses"
        )

        @Argument(help: "Scenario folders under fixtures/.")
        var scenarios: [String]

        @Option(help: ArgumentHelp("The repository root (default: the current directory).", valueName: "DIR"))
        var root: String = FileManager.default.currentDirectoryPath

        func run() throws {
            let fixtures = Fixtures(root: URL(fileURLWithPath: root))
            for scenario in scenarios {
                print(scenario)
                for rule in builtInRules {
                    let findings = try fixtures.run(rule, on: scenario)
                    let id = rule.description.id
                    for finding in findings {
                        let status = finding.status == .violation ? "" : " (\(finding.status.rawValue))"
                        print(
                            "  \(id) \(finding.location.environment) \(finding.location.address)\(status): \(finding.message)"
                        )
                    }
                }
            }
        }
    }
}

import Consolidation
import Foundation
import LintCore
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

@Suite("Inputs and environments")
struct InputExpansionTests {
    @Test(
        "environment is the file name up to its first dot",
        arguments: [
            ("dev.json", "dev"), ("shared.plan.json", "shared"), ("dev.show.json", "dev"),
            ("states/prod/prd.tfstate", "prd"), ("./a/b/stg.json", "stg"), ("-", "stdin"), ("noext", "noext"),
        ])
    func defaultEnvironment(path: String, expected: String) {
        #expect(InputExpansion.defaultEnvironment(for: path) == expected)
    }

    static let state = #"{"format_version":"1.0","values":{}}"#

    @Test("a directory gives its *.json and *.tfstate files at any depth, sorted by path, and nothing else")
    func directoryExpansion() throws {
        let state = Self.state
        try withTemporaryDirectory([
            "stg.show.json": state, "dev.show.json": state, "prd.tfstate": state, "notes.txt": "",
            "backup.tfstate.backup": "", ".hidden.json": state, "dev/main.tf": "", "nested.json/x.json": state,
            "a/b/c.json": state, ".terraform/terraform.tfstate": state,
        ]) { directory in
            let expanded = try InputExpansion.expand(paths: [directory], environments: [])
            let names = ["a/b/c.json", "dev.show.json", "nested.json/x.json", "prd.tfstate", "stg.show.json"]
            #expect(expanded.inputs.map(\.path) == names.map { directory + "/" + $0 })
            #expect(expanded.inputs.map(\.environment) == ["c", "dev", "x", "prd", "stg"])
            #expect(
                expanded.notices == [
                    "\(directory)/.terraform: a hidden folder, not read (name it as an input to read it)"
                ])
        }
    }

    @Test("a directory with no inputs is an error naming it")
    func emptyDirectory() throws {
        try withTemporaryDirectory(["README.md": "", "main.tf": ""]) { directory in
            #expect(throws: CheckError.self) { try InputExpansion.expand(paths: [directory], environments: []) }
            do {
                _ = try InputExpansion.expand(paths: [directory], environments: [])
            } catch let error as CheckError {
                #expect(error.description.hasPrefix(directory + ": no *.json or *.tfstate files"))
            }
        }
    }

    @Test("--env names a file, stdin, or every file of a directory; it wins over the file name")
    func environmentAssignments() throws {
        try withTemporaryDirectory(["a.json": Self.state, "b.json": Self.state, "prod/x.json": Self.state]) {
            directory in
            let inputs = try InputExpansion.expand(
                paths: [directory + "/a.json", directory + "/./b.json", directory + "/prod/", "-"],
                environments: [
                    EnvironmentAssignment(name: "shared", path: directory + "/b.json"),
                    EnvironmentAssignment(name: "production", path: directory + "/prod"),
                    EnvironmentAssignment(name: "piped", path: "-"),
                ]
            ).inputs
            #expect(inputs.map(\.environment) == ["a", "shared", "production", "piped"])
        }
    }

    @Test("without PATH arguments the --env paths are the inputs; duplicates are read once")
    func environmentPathsAsInputs() throws {
        let inputs = try InputExpansion.expand(
            paths: [], environments: [EnvironmentAssignment(name: "hub", path: "shared.plan.json")]
        ).inputs
        #expect(inputs == [LintInput(path: "shared.plan.json", environment: "hub")])
        let twice = try InputExpansion.expand(paths: ["dev.json", "./dev.json"], environments: []).inputs
        #expect(twice == [LintInput(path: "dev.json", environment: "dev", naming: .fileName)])
    }

    @Test("an --env that matches no input, and no input at all, are errors")
    func unusedAssignment() {
        #expect(throws: CheckError(lines: ["--env hub=other.json: other.json is not one of the inputs"])) {
            try InputExpansion.expand(
                paths: ["dev.json"], environments: [EnvironmentAssignment(name: "hub", path: "other.json")])
        }
        #expect(throws: CheckError.self) { try InputExpansion.expand(paths: [], environments: []) }
    }

    @Test("NAME=PATH splits at the first = and refuses empty sides")
    func assignmentParsing() {
        #expect(EnvironmentAssignment(argument: "dev=a=b.json") == EnvironmentAssignment(name: "dev", path: "a=b.json"))
        #expect(EnvironmentAssignment(argument: "dev=-") == EnvironmentAssignment(name: "dev", path: "-"))
        #expect(EnvironmentAssignment(argument: "dev") == nil)
        #expect(EnvironmentAssignment(argument: "=dev.json") == nil)
        #expect(EnvironmentAssignment(argument: "dev=") == nil)
    }
}

@Suite("Backend layout")
struct BackendLayoutTests {
    @Test(
        "terraform.tfstate is named by where the backend keeps it",
        arguments: [
            ("states/env:/prd/network/terraform.tfstate", "states", "prd"),
            ("states/env:/prd/terraform.tfstate", "states", "prd"),
            ("states/network/terraform.tfstate", "states/", "network"),
            ("./states/prd/network/default.tfstate", "./states", "prd/network"),
            ("states/network/terraform.tfstate", "states/network", "network"),
            ("a/env:/x/env:/stg/k/terraform.tfstate", "a", "stg"),
        ])
    func environment(path: String, root: String, expected: String) {
        #expect(BackendLayout().environment(of: path, under: root) == expected)
    }

    @Test("a named state file keeps its name; a lone terraform.tfstate takes its folder's; another prefix")
    func otherCases() {
        #expect(BackendLayout().environment(of: "states/prd.tfstate", under: "states") == nil)
        #expect(BackendLayout().environment(of: "states/network/terraform.tfstate", under: nil) == "network")
        #expect(BackendLayout().environment(of: "/terraform.tfstate", under: nil) == "default")
        let custom = BackendLayout(prefix: "team/workspaces")
        #expect(custom.environment(of: "s/team/workspaces/qa/k/terraform.tfstate", under: "s") == "qa")
        #expect(custom.environment(of: "s/env:/qa/k/terraform.tfstate", under: "s") == "env:/qa/k")
    }
}

import Foundation
import Settings
import TestSupport
import Testing

/// Without `--config`, `.vpcelint.yml` is found as `.swiftlint.yml` and `.tflint.hcl` are: the current
/// directory, then each parent up to the repository root (a `.git` entry), never above it; every report names
/// the file it read (issue 14).
@Suite("Configuration discovery through the binary", .serialized)
struct ConfigurationDiscoveryCLITests {
    static let threeSpokes = Repository.path("fixtures/three-spokes")
    static let config = "hours_per_month: 100\n"

    static func json(_ run: Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func hours(_ report: [String: Any]) -> Double? {
        (report["pricing"] as? [String: Any])?["hours_per_month"] as? Double
    }

    @Test("a .vpcelint.yml in a parent inside the repository is found and named in the JSON and text reports")
    func foundInAParent() throws {
        let files = [
            "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/.vpcelint.yml": Self.config, "repo/a/b/.keep": "",
        ]
        try withTemporaryDirectory(files) { directory in
            let inner = directory + "/repo/a/b"
            let run = try Binary.run(["check", "--format", "json", Self.threeSpokes], in: inner)
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(report["configuration"] as? String == "../../.vpcelint.yml")
            #expect(Self.hours(report) == 100)
            let text = try Binary.run(["check", Self.threeSpokes], in: inner)
            #expect(text.stdout.contains("\n  configuration: ../../.vpcelint.yml\n"))
        }
    }

    @Test("a .git file (a worktree or submodule) also marks the root")
    func gitFileMarksTheRoot() throws {
        let files = [".vpcelint.yml": Self.config, "repo/.git": "gitdir: /elsewhere\n", "repo/sub/.keep": ""]
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json", Self.threeSpokes], in: directory + "/repo/sub")
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(report["configuration"] is NSNull)
            #expect(Self.hours(report) == 730)
        }
    }

    @Test("a .vpcelint.yml above the repository root is not read; the reports say none")
    func notFoundAboveTheRoot() throws {
        let files = [".vpcelint.yml": Self.config, "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/sub/.keep": ""]
        try withTemporaryDirectory(files) { directory in
            let inner = directory + "/repo/sub"
            let run = try Binary.run(["check", "--format", "json", Self.threeSpokes], in: inner)
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(report["configuration"] is NSNull)
            #expect(Self.hours(report) == 730)
            let text = try Binary.run(["check", Self.threeSpokes], in: inner)
            #expect(text.stdout.contains("\n  configuration: none\n"))
        }
    }

    @Test("outside a repository only the current directory is searched")
    func outsideARepositoryOnlyTheCurrentDirectory() throws {
        try withTemporaryDirectory([".vpcelint.yml": Self.config, "sub/.keep": ""]) { directory in
            // Only meaningful when no directory above the temporary folder is a repository.
            let searched = Configuration.searchedDirectories(from: directory + "/sub")
            try #require(searched.count == 1, "the temporary folder is inside a repository")
            let run = try Binary.run(["check", "--format", "json", Self.threeSpokes], in: directory + "/sub")
            #expect(try Self.json(run)["configuration"] is NSNull)
            let here = try Binary.run(["check", "--format", "json", Self.threeSpokes], in: directory)
            #expect(try Self.json(here)["configuration"] as? String == ".vpcelint.yml")
        }
    }

    @Test("--config still wins over a .vpcelint.yml found in the current directory")
    func explicitConfigWins() throws {
        let files = [
            "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/.vpcelint.yml": Self.config,
            "other.yml": "hours_per_month: 200\n",
        ]
        try withTemporaryDirectory(files) { directory in
            let other = directory + "/other.yml"
            let run = try Binary.run(
                ["check", "--format", "json", "--config", other, Self.threeSpokes], in: directory + "/repo")
            #expect(run.status != 2, "\(run.stderr)")
            let report = try Self.json(run)
            #expect(report["configuration"] as? String == other)
            #expect(Self.hours(report) == 200)
        }
    }
}

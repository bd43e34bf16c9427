import Foundation
import TestSupport
import Testing

/// Issue 12, class 5: a report that does not reach standard output is an error (exit 2, a line on stderr),
/// through the real binary with stdout on /dev/full or closed.
@Suite("Failed writes to standard output", .serialized)
struct FailedWriteTests {
    /// Runs vpcelint through sh with standard output redirected by `redirection` (`>/dev/full`, `>&-`).
    static func run(_ arguments: [String], stdout redirection: String, in directory: String) throws -> Run {
        let binary = try #require(Binary.url)
        return try Run.launch(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \"$0\" \"$@\" \(redirection)", binary.path] + arguments,
            in: directory, environment: ["NO_COLOR": "1"])
    }

    static let commands: [[String]] = [
        ["check", "dev.json"], ["check", "--format", "json", "dev.json"], ["check", "--format", "sarif", "dev.json"],
        ["rules"], ["rules", "--format", "json"], ["explain", "VPCE001"], ["--version"], ["--help"],
        ["consolidate", Repository.path("fixtures/three-spokes")],
        ["trace", "--from", "vpc-1", "--service", "s3", "dev.json"],
    ]

    /// Standard output on a full device, then closed, and the reason each gives.
    static let failures = [
        (redirection: ">/dev/full", reason: "No space left on device"), (redirection: ">&-", reason: "it is closed"),
    ]

    @Test("stdout on /dev/full or closed: exit 2 and the reason on stderr", arguments: failures, commands)
    func failedWrite(_ failure: (redirection: String, reason: String), _ arguments: [String]) throws {
        try withTemporaryDirectory(["dev.json": Support.validState]) { directory in
            let run = try Self.run(arguments, stdout: failure.redirection, in: directory)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr == "vpcelint: error: cannot write to standard output: \(failure.reason)\n",
                "\(arguments) \(failure.redirection): \(run.stderr)")
        }
    }

    @Test("stdout closed with every report sent to a file: nothing to write there, exit 0, the file written")
    func closedButUnused() throws {
        try withTemporaryDirectory(["dev.json": Support.validState]) { directory in
            let run = try Self.run(
                ["check", "--output", "r.json", "--format", "json", "dev.json"], stdout: ">&-", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: directory + "/r.json"))
        }
    }
}

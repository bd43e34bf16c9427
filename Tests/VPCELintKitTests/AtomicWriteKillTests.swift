import Foundation
import TestSupport
import Testing

/// Nothing lost: a report (`--output`) or baseline (`--write-baseline`) being written when the process is
/// killed leaves the old file as it was. The binary pauses halfway through its temporary file when
/// `VPCELINT_TEST_PAUSE_WRITE` names a marker file (AtomicFile's test hook); the test waits for the marker,
/// sends SIGKILL, and compares.
@Suite("atomic writes under SIGKILL", .serialized)
struct AtomicWriteKillTests {
    static let fixtures = Repository.path("fixtures/hub-spoke-broken")

    func killMidWrite(_ arguments: (_ target: String) -> [String]) throws {
        let binary = try #require(Binary.url, "vpcelint is not built beside the tests; run `swift build` first")
        try withTemporaryDirectory { directory in
            let target = directory + "/report.out"
            let old = "the previous report, which must survive\n"
            try old.write(toFile: target, atomically: false, encoding: .utf8)
            let marker = directory + "/writing"
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments(target)
            var environment = ProcessInfo.processInfo.environment
            environment["VPCELINT_TEST_PAUSE_WRITE"] = marker
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(120)
            while !FileManager.default.fileExists(atPath: marker), process.isRunning, Date() < deadline {
                usleep(20_000)
            }
            let temporary = try String(contentsOfFile: marker, encoding: .utf8)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == old)
            // The kill really came mid-write: half a report sits in the temporary file beside the target.
            let partial = try Data(contentsOf: URL(fileURLWithPath: temporary))
            #expect(partial.count > 1000)
            #expect(temporary.hasPrefix(directory + "/.report.out."))
        }
    }

    @Test func outputReport() throws {
        try killMidWrite { target in
            ["check", "--fail-on", "never", "--output", "json=\(target)", Self.fixtures]
        }
    }

    @Test func baseline() throws {
        try killMidWrite { target in ["check", "--fail-on", "never", "--write-baseline", target, Self.fixtures] }
    }

    /// Exit code 2 on an input error, and nothing on stdout (no half report) nor in --output.
    @Test func inputErrorWritesNothing() throws {
        try withTemporaryDirectory(["bad.json": "{\"format_version\":\"1.0\",\"x\":NaN}"]) { directory in
            let target = directory + "/report.out"
            let run = try Binary.run(
                ["check", "--output", "json=\(target)", Self.fixtures + "/dev.show.json", directory + "/bad.json"])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("bad.json:1:"))
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }
}

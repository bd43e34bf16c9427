import Foundation
import TestSupport
import Testing

/// Nothing lost: a report (`--output`) or baseline (`--write-baseline`) being written when the process is
/// killed leaves the old file as it was. The binary pauses halfway through its temporary file when
/// `VPCELINT_TEST_PAUSE_WRITE` names a marker file (OutputTransaction's test hook); the test waits for the
/// marker, sends the signal, and compares. SIGKILL leaves the temporary file (nothing can catch it); SIGTERM,
/// SIGINT and SIGHUP, what CI runners and terminals send, leave none (issue 12, class 8).
@Suite("atomic writes under SIGKILL and SIGTERM", .serialized)
struct AtomicWriteKillTests {
    static let fixtures = Repository.path("fixtures/hub-spoke-broken")

    func killMidWrite(signal: Int32 = SIGKILL, _ arguments: (_ target: String) -> [String]) throws {
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
            try Self.runWithSignalsUnblocked(process)
            let deadline = Date().addingTimeInterval(120)
            // The hook creates the marker, then writes the temporary's path into it: wait for the path (on a
            // loaded machine the test can read the marker between the two).
            func written() -> Bool { (try? String(contentsOfFile: marker, encoding: .utf8))?.isEmpty == false }
            while !written(), process.isRunning, Date() < deadline {
                usleep(20_000)
            }
            let temporary = try String(contentsOfFile: marker, encoding: .utf8)
            #expect(temporary.hasPrefix(directory + "/.report.out."))
            // The kill really comes mid-write: half a report sits in the temporary file beside the target.
            let partial = try Data(contentsOf: URL(fileURLWithPath: temporary))
            #expect(partial.count > 1000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == signal, "the process ends by the signal it was sent")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == old)
            let left = FileManager.default.fileExists(atPath: temporary)
            #expect(left == (signal == SIGKILL), "only SIGKILL, which cannot be caught, leaves the temporary file")
        }
    }

    /// Starts `process` from this thread with no signal blocked. A child inherits the signal mask of the thread
    /// that spawns it, and the test runner's worker threads (libdispatch's) block almost every signal: a
    /// `vpcelint` started from one would hold SIGTERM pending instead of receiving it.
    static func runWithSignalsUnblocked(_ process: Process) throws {
        var none = sigset_t()
        var saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func signalLeavesNoTemporaryFile(_ signal: Int32) throws {
        try killMidWrite(signal: signal) { target in
            ["check", "--fail-on", "never", "--output", "json=\(target)", Self.fixtures]
        }
    }

    @Test func sigtermDuringABaselineWrite() throws {
        try killMidWrite(signal: SIGTERM) { target in
            ["check", "--fail-on", "never", "--write-baseline", target, Self.fixtures]
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

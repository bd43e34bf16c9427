import Foundation
import LintCore
import TestSupport
import Testing

@testable import Output

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, class 2: a run that fails changes nothing. Every output of a run is one transaction
/// (`OutputTransaction`): destinations checked first, everything rendered, written to temporary files, then
/// renamed; the real binary shows it.
@Suite("a failed run changes no file", .serialized)
struct FailedRunChangesNothingTests {
    static let broken = Repository.path("fixtures/hub-spoke-broken")
    static let threeSpokes = Repository.path("fixtures/three-spokes")
    static let old = "the previous contents\n"

    @Test func reportIsNotReplacedWhenAnotherOutputCannotBeWritten() throws {
        try withTemporaryDirectory(["a": Self.old]) { directory in
            let run = try Binary.run(
                ["check", "--output", "json=a", "--output", "sarif=missing-dir/b", Self.broken], in: directory)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("--output sarif=missing-dir/b: cannot write: the directory missing-dir"))
            #expect(try String(contentsOfFile: directory + "/a", encoding: .utf8) == Self.old)
            #expect(try Self.names(directory) == ["a"])
        }
    }

    @Test func baselineIsNotReplacedWhenAReportFails() throws {
        try withTemporaryDirectory(["base.json": Self.old]) { directory in
            let checked = try Binary.run(
                ["check", "--write-baseline", "base.json", "--output", "sarif=missing/r.sarif", Self.broken],
                in: directory)
            #expect(checked.status == 2)
            #expect(try String(contentsOfFile: directory + "/base.json", encoding: .utf8) == Self.old)
            // A failure at write time, after the baseline's temporary file is written: a FIFO nobody reads.
            #expect(mkfifo(directory + "/fifo", 0o600) == 0)
            let written = try Binary.run(
                ["check", "--write-baseline", "base.json", "--output", "sarif=fifo", Self.broken], in: directory)
            #expect(written.status == 2)
            #expect(written.stderr.contains("--output sarif=fifo: no process opened this FIFO for reading"))
            #expect(written.stderr.contains("no file was changed"))
            #expect(try String(contentsOfFile: directory + "/base.json", encoding: .utf8) == Self.old)
            #expect(try Self.names(directory) == ["base.json", "fifo"], "no temporary file left")
        }
    }

    @Test func emitHCLWritesNoFileWhenOneCannotBeWritten() throws {
        try withTemporaryDirectory(["hub/main.tf": Self.old, "bad.json": "{\"format_version\":"]) { directory in
            try FileManager.default.createDirectory(
                atPath: directory + "/hub/variables.tf", withIntermediateDirectories: false)
            let run = try Binary.run(["consolidate", "--emit-hcl", "hub", Self.threeSpokes], in: directory)
            #expect(run.status == 2)
            #expect(run.stderr.contains("variables.tf: is a directory"))
            #expect(try String(contentsOfFile: directory + "/hub/main.tf", encoding: .utf8) == Self.old)
            // A directory to create is created only when the files are written: not for a run that fails.
            let failed = try Binary.run(["consolidate", "--emit-hcl", "new/hub", "bad.json"], in: directory)
            #expect(failed.status == 2)
            #expect(!FileManager.default.fileExists(atPath: directory + "/new"))
            let created = try Binary.run(["consolidate", "--emit-hcl", "new/hub", Self.threeSpokes], in: directory)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(try Self.names(directory + "/new/hub") == ["main.tf", "variables.tf"])
        }
    }

    @Test func twoOutputsNamingOneFileAreAUsageError() throws {
        try withTemporaryDirectory(["r.json": Self.old]) { directory in
            #expect(symlink("r.json", directory + "/link") == 0)
            let cases: [([String], String)] = [
                (
                    ["--output", "r.txt", "--output", "json=./r.txt"],
                    "--output json=./r.txt: names the same file as --output r.txt"
                ),
                (
                    ["--write-baseline", "x", "--output", "sarif=x"],
                    "--write-baseline x: names the same file as --output sarif=x"
                ),
                (["--output", "json=r.json", "--output", "sarif=link"], "--output sarif=link: names the same file"),
                (["--output", "json=r.json", "--output", "sarif=\(directory)/r.json"], "names the same file"),
            ]
            for (arguments, message) in cases {
                let run = try Binary.run(["check"] + arguments + [Self.broken], in: directory)
                #expect(run.status == 2, "\(arguments)")
                #expect(run.stderr.contains(message), "\(run.stderr)")
            }
            #expect(try Self.names(directory) == ["link", "r.json"])
            #expect(try String(contentsOfFile: directory + "/r.json", encoding: .utf8) == Self.old)
        }
    }

    @Test func anExistingOutputKeepsItsMode() throws {
        try withTemporaryDirectory(["r.json": Self.old]) { directory in
            #expect(chmod(directory + "/r.json", 0o600) == 0)
            let run = try Binary.run(["check", "--format", "json", "--output", "r.json", Self.broken], in: directory)
            #expect(run.status == 1)
            #expect(try String(contentsOfFile: directory + "/r.json", encoding: .utf8).hasPrefix("{"))
            var status = stat()
            #expect(stat(directory + "/r.json", &status) == 0)
            #expect(status.st_mode & 0o7777 == 0o600)
        }
    }

    @Test func writeBaselineMayStillUpdateTheBaselineItReads() throws {
        try withTemporaryDirectory { directory in
            let first = try Binary.run(["check", "--write-baseline", "b.json", Self.broken], in: directory)
            #expect(first.status == 1)
            let again = try Binary.run(
                ["check", "--baseline", "b.json", "--write-baseline", "b.json", Self.broken], in: directory)
            #expect(again.status == 0, "\(again.stderr)")
        }
    }

    /// The names in `directory`, sorted, hidden ones (temporary files) included.
    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }
}

/// Issue 12, class 3: an output path that is not a regular file is never replaced. The real `/dev/stdout` is
/// never named: links and FIFOs in a temporary directory stand for it, and `/dev/null`.
@Suite("outputs that are not regular files", .serialized)
struct SpecialOutputPathTests {
    static let broken = FailedRunChangesNothingTests.broken

    @Test func aLinkToARegularFileIsWrittenThroughToItsTarget() throws {
        try withTemporaryDirectory(["reports/r.json": "old\n"]) { directory in
            try FileManager.default.createDirectory(atPath: directory + "/links", withIntermediateDirectories: false)
            #expect(symlink("../reports/r.json", directory + "/links/r.json") == 0)
            let run = try Binary.run(["check", "--output", "json=links/r.json", Self.broken], in: directory)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(try Self.isLink(directory + "/links/r.json"))
            #expect(try String(contentsOfFile: directory + "/reports/r.json", encoding: .utf8).hasPrefix("{"))
            #expect(try FailedRunChangesNothingTests.names(directory + "/links") == ["r.json"])
            #expect(try FailedRunChangesNothingTests.names(directory + "/reports") == ["r.json"])
        }
    }

    @Test func aLinkToADeviceStaysALinkAndTheDeviceADevice() throws {
        try withTemporaryDirectory { directory in
            #expect(symlink("/dev/null", directory + "/null") == 0)
            let run = try Binary.run(["check", "--output", "sarif=null", Self.broken], in: directory)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(try Self.isLink(directory + "/null"))
            var status = stat()
            #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
            let direct = try Binary.run(["check", "--output", "sarif=/dev/null", Self.broken], in: directory)
            #expect(direct.status == 1)
            #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        }
    }

    /// What `--output /dev/stdout` does (`/dev/stdout` -> `/proc/self/fd/1`), shown with a link of the test's
    /// own to `/proc/self/fd/1`: the report goes through the process's standard output, which stays the file
    /// the caller gave; nothing is renamed over it.
    @Test func aLinkToTheProcessStandardOutputIsWrittenThroughIt() throws {
        try withTemporaryDirectory { directory in
            #expect(symlink("/proc/self/fd/1", directory + "/stdout") == 0)
            let run = try Binary.run(["check", "--format", "json", "--output", "stdout", Self.broken], in: directory)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("{"))
            #expect(try Self.isLink(directory + "/stdout"))
            // A second report on standard output beside the --format report would be one unreadable stream.
            let both = try Binary.run(["check", "--output", "json=stdout", Self.broken], in: directory)
            #expect(both.status == 2)
            #expect(both.stderr.contains("a report names standard output"))
            #expect(both.stdout.isEmpty)
        }
    }

    @Test func aFIFOIsWrittenInPlaceAndOneNobodyReadsFailsInBoundedTime() throws {
        try withTemporaryDirectory { directory in
            let fifo = directory + "/fifo"
            #expect(mkfifo(fifo, 0o600) == 0)
            let received = try readingFIFO(fifo) {
                let run = try Binary.run(["check", "--output", "json=fifo", Self.broken], in: directory)
                #expect(run.status == 1, "\(run.stderr)")
            }
            #expect(received.hasPrefix("{"))
            var status = stat()
            #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
            let unread = try Binary.run(["check", "--output", "json=fifo", Self.broken], in: directory)
            #expect(unread.status == 2)
            #expect(unread.stderr.contains("no process opened this FIFO for reading within 5 seconds"))
        }
    }

    @Test func aDirectoryIsRefused() throws {
        try withTemporaryDirectory(["out/keep": "x"]) { directory in
            for argument in ["out", "json=out", "out/"] {
                let run = try Binary.run(["check", "--output", argument, Self.broken], in: directory)
                #expect(run.status == 2)
                #expect(run.stderr.contains("--output \(argument): "), "\(run.stderr)")
            }
            #expect(try FailedRunChangesNothingTests.names(directory + "/out") == ["keep"])
        }
    }

    @Test func aFileNameOfNameMaxBytesIsWritten() throws {
        try withTemporaryDirectory { directory in
            let name = String(repeating: "r", count: 250) + ".json"
            let run = try Binary.run(["check", "--output", "json=\(name)", Self.broken], in: directory)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(try FailedRunChangesNothingTests.names(directory) == [name])
            let again = try Binary.run(["check", "--output", "json=\(name)", Self.broken], in: directory)
            #expect(again.status == 1, "\(again.stderr)")
            let tooLong = try Binary.run(["check", "--output", "json=x\(name)", Self.broken], in: directory)
            #expect(tooLong.status == 2)
            #expect(tooLong.stderr.contains("File name too long"))
        }
    }

    @Test func anOutputOverAnInputIsAUsageError() throws {
        try withTemporaryDirectory(["dev.json": Support.validState, ".vpcelint.yml": "hubs: []\n"]) { directory in
            let input = try Binary.run(["check", "--output", "json=dev.json", "dev.json"], in: directory)
            #expect(input.status == 2)
            #expect(input.stderr.contains("--output json=dev.json: is the input dev.json of this run"))
            #expect(try String(contentsOfFile: directory + "/dev.json", encoding: .utf8) == Support.validState)
            let config = try Binary.run(["check", "--output", "./.vpcelint.yml", "dev.json"], in: directory)
            #expect(config.status == 2)
            #expect(config.stderr.contains("is the configuration file"), "\(config.stderr)")
        }
    }

    static func isLink(_ path: String) throws -> Bool {
        try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType == .typeSymbolicLink
    }
}

/// What a reader of `fifo` on its own thread receives while `body` runs. A thread, not a task: the FIFO must
/// be opened for reading within `OutputTransaction.fifoReaderWait`, even while other tests fill the task pool.
func readingFIFO(_ fifo: String, while body: () throws -> Void) throws -> String {
    let received = Received()
    let reader = Thread {
        let data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
        received.set(String(decoding: data, as: UTF8.self))
    }
    reader.start()
    try body()
    while !reader.isFinished { usleep(10_000) }
    return received.get()
}

private final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func set(_ value: String) { lock.withLock { text = value } }
    func get() -> String { lock.withLock { text } }
}

/// Issue 12, class 2: a rename failing midway (a temporary removed under the run) puts back every file the
/// transaction had already replaced and removes the ones it had created, leaving nothing behind.
@Suite("a rename failing midway is rolled back")
struct RenameRollbackTests {
    @Test func replacedFilesArePutBackAndNewFilesRemoved() throws {
        try withTemporaryDirectory(["a": "old a\n", "c": "old c\n"]) { directory in
            let transaction = try OutputTransaction(
                ["a", "new", "c"].map { OutputRequest(label: "--output \($0)", path: directory + "/" + $0) })
            var staged = [OutputTransaction.Staged]()
            for target in transaction.targets {
                guard case .file(let place, let name, let existing) = target.kind else {
                    Issue.record("\(target.request.label) is not a regular file")
                    return
                }
                staged.append(
                    try OutputTransaction.stage(
                        "new \(name)\n", directory: place, name: name, existing: existing, target))
            }
            // The last rename fails: its temporary is gone.
            #expect(unlink(staged[2].temporary) == 0)
            do throws(CheckError) {
                try transaction.replaceAll(staged)
                Issue.record("the transaction did not fail")
            } catch {
                #expect(error.lines.first?.hasPrefix("--output c: cannot replace the file: ") == true)
                #expect(error.lines.first?.hasSuffix("; no file was changed") == true, "\(error.lines)")
            }
            #expect(try String(contentsOfFile: directory + "/a", encoding: .utf8) == "old a\n")
            #expect(try String(contentsOfFile: directory + "/c", encoding: .utf8) == "old c\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["a", "c"])
        }
    }

    @Test func everyRenameSucceedingLeavesNoKeptCopy() throws {
        try withTemporaryDirectory(["a": "old a\n"]) { directory in
            let transaction = try OutputTransaction([OutputRequest(label: "a", path: directory + "/a")])
            try transaction.commit(["new a\n"])
            #expect(try String(contentsOfFile: directory + "/a", encoding: .utf8) == "new a\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a"])
        }
    }
}

import Foundation
import TestSupport
import Testing

/// Large inputs are mapped, not read (`InputFile`). If another process truncates the file while vpcelint
/// reads it, the lost pages raise SIGBUS; the run must still end as an input error does: exit code 2, a
/// message naming the file, and nothing on stdout. `VPCELINT_TEST_PAUSE_MAPPED` makes the binary wait after
/// mapping until the test has truncated the file.
@Suite("input truncated under its mapping", .serialized)
struct TruncatedInputTests {
    /// A valid state of about 2 MB, above the 1 MiB mapping threshold.
    static func largeState() -> String {
        let resource =
            #"{"address":"aws_s3_bucket.b%d","mode":"managed","type":"aws_s3_bucket","name":"b%d","provider_name":"registry.terraform.io/hashicorp/aws","values":{"bucket":"bucket-%d","tags":{"team":"platform"}}}"#
        let resources = (0..<12_000).map { String(format: resource, $0, $0, $0) }
        return #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}"
    }

    @Test func truncationEndsWithExitTwoNamingTheFile() throws {
        let binary = try #require(Binary.url, "vpcelint is not built beside the tests; run `swift build` first")
        try withTemporaryDirectory(["big.json": Self.largeState()]) { directory in
            let input = directory + "/big.json"
            #expect(try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int ?? 0 > 1 << 20)
            let marker = directory + "/mapped"
            let process = Process()
            process.executableURL = binary
            process.arguments = ["check", "--format", "json", input]
            var environment = ProcessInfo.processInfo.environment
            environment["VPCELINT_TEST_PAUSE_MAPPED"] = marker
            process.environment = environment
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: marker), process.isRunning, Date() < deadline {
                usleep(10_000)
            }
            #expect(FileManager.default.fileExists(atPath: marker), "the binary never mapped the input")
            #expect(truncate(input, 0) == 0)
            try FileManager.default.removeItem(atPath: marker)
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 2)
            #expect(output.isEmpty)
            #expect(errors.contains("vpcelint: \(input): the file shrank while it was being read"), "\(errors)")
        }
    }

    /// Without truncation the same large input loads through the mapping and is linted as usual.
    @Test func mappedInputLoads() throws {
        try withTemporaryDirectory(["big.json": Self.largeState()]) { directory in
            let run = try Binary.run(["check", "--format", "json", directory + "/big.json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(#""resources": 12000"#), "\(run.stdout.prefix(600))")
        }
    }
}

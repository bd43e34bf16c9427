import Consolidation
import Foundation
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

#if canImport(Glibc)
    import Glibc
#endif

/// `--output /dev/null` (or a FIFO) is written in place; a rename would turn the device into a regular file.
@Suite struct AtomicFileDeviceTests {
    @Test func devNullStaysACharacterDevice() throws {
        try AtomicFile.write("report\n", to: "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func fifoReceivesTheReportInPlace() throws {
        try withTemporaryDirectory { directory in
            let fifo = directory + "/out"
            #expect(mkfifo(fifo, 0o600) == 0)
            // A reader on another thread drains the FIFO while the report is written into it.
            let received = try readingFIFO(fifo) { try AtomicFile.write("through the fifo\n", to: fifo) }
            #expect(received == "through the fifo\n")
            var status = stat()
            #expect(stat(fifo, &status) == 0)
            #expect(status.st_mode & S_IFMT == S_IFIFO)
        }
    }
}

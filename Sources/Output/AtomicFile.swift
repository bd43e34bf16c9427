import LintCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a report so a reader never sees half of it: a temporary file in the same directory (so the rename
/// stays on one file system and is atomic, POSIX rename(2)), flushed, then renamed over the target.
public enum AtomicFile {
    /// Writes `text` to `path`; an error names `option` (`--output`, `--write-baseline`, `--emit-hcl`), the
    /// path and the reason.
    public static func write(_ text: String, to path: String, option: String = "--output") throws(CheckError) {
        // A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe) is written in place: renaming a
        // temporary file over it would replace the device node with a regular file.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
            return try writeInPlace(text, to: path, option: option)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw CheckError("\(option) \(path): names a directory, not a file") }
        let temporary = directory + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, option) }
        let bytes = Array(text.utf8)
        var start = 0
        if let marker = killTestMarker {
            start = bytes.count / 2
            guard writeAll(descriptor, bytes[..<start]) else { return try abandon(descriptor, temporary, path, option) }
            pauseForKillTest(marker, temporary)
        }
        guard writeAll(descriptor, bytes[start...]) else {
            return try abandon(descriptor, temporary, path, option)
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { return try abandon(-1, temporary, path, option) }
        guard rename(temporary, path) == 0 else { return try abandon(-1, temporary, path, option) }
    }

    private static func writeInPlace(_ text: String, to path: String, option: String) throws(CheckError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, option) }
        guard writeAll(descriptor, Array(text.utf8)[...]) else {
            let error = failure(path, option)
            close(descriptor)
            throw error
        }
        close(descriptor)
    }

    /// Test hook: with `VPCELINT_TEST_PAUSE_WRITE=FILE`, the write stops halfway through the temporary file,
    /// creates FILE (its content: the temporary's path) and sleeps, so that
    /// `Tests/VPCELintKitTests/AtomicWriteKillTests.swift` can SIGKILL the process mid-write. Read once per process;
    /// unset (always, outside that test), a report is written in one go and nothing else happens.
    ///
    /// Why an environment variable and not a seam the test sets in code: the test kills the shipped `vpcelint`,
    /// a real process, while it writes `--output` and `--write-baseline`, and only the environment reaches that
    /// process. A write-hook parameter or a static hook would run the write in the test's own process (which
    /// cannot be killed) or in a helper built for the test, and would no longer show that the binary's own writers
    /// leave the old file whole.
    private static let killTestMarker: String? = {
        guard let value = getenv("VPCELINT_TEST_PAUSE_WRITE").map({ String(cString: $0) }), !value.isEmpty else {
            return nil
        }
        return value
    }()

    /// Creates `marker` holding `temporary` and sleeps: the test kills the process meanwhile.
    private static func pauseForKillTest(_ marker: String, _ temporary: String) {
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            _ = writeAll(descriptor, Array(temporary.utf8)[...])
            close(descriptor)
        }
        sleep(30)
    }

    private static func abandon(_ descriptor: Int32, _ temporary: String, _ path: String, _ option: String)
        throws(CheckError)
    {
        let error = failure(path, option)
        if descriptor >= 0 { close(descriptor) }
        unlink(temporary)
        throw error
    }

    private static func failure(_ path: String, _ option: String) -> CheckError {
        CheckError("\(option) \(path): cannot write: \(String(cString: strerror(errno)))")
    }
}

/// write(2) of all of `bytes`, again after EINTR or a short write; `false` with `errno` set on failure. Outside
/// ``AtomicFile`` so its `write` does not shadow the system call.
private func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            guard let base = buffer.baseAddress else { return false }
            let count = write(descriptor, base + offset, buffer.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}

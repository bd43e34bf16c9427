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
        var written = 0
        var paused = false
        while written < bytes.count {
            if !paused, written >= bytes.count / 2 {
                paused = true
                pauseForKillTest(temporary)
            }
            let count = writeSome(descriptor, bytes, from: written, limit: bytes.count / 2 + 1)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return try abandon(descriptor, temporary, path, option) }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { return try abandon(-1, temporary, path, option) }
        guard rename(temporary, path) == 0 else { return try abandon(-1, temporary, path, option) }
    }

    private static func writeInPlace(_ text: String, to path: String, option: String) throws(CheckError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, option) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = writeSome(descriptor, bytes, from: written, limit: Int.max)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(path, option)
                close(descriptor)
                throw error
            }
            written += count
        }
        close(descriptor)
    }

    /// Test hook: with `VPCELINT_TEST_PAUSE_WRITE=FILE`, halfway through the temporary file, create FILE (its
    /// content: the temporary's path) and sleep, so a test can SIGKILL the process mid-write
    /// (`Tests/VPCELintKitTests/AtomicWriteKillTests.swift`). Unset, it does nothing.
    private static func pauseForKillTest(_ temporary: String) {
        guard let marker = getenv("VPCELINT_TEST_PAUSE_WRITE").map({ String(cString: $0) }), !marker.isEmpty else {
            return
        }
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            _ = writeSome(descriptor, Array(temporary.utf8), from: 0, limit: Int.max)
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

/// write(2) of `bytes[offset...]`; outside ``AtomicFile`` so its `write` does not shadow the system call.
private func writeSome(_ descriptor: Int32, _ bytes: [UInt8], from offset: Int, limit: Int) -> Int {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        return write(descriptor, base + offset, min(buffer.count - offset, limit))
    }
}

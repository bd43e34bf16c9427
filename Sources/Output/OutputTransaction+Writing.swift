import LintCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputTransaction {
    typealias Staged = (slot: Int, temporary: String, target: String)

    /// Writes `text` to a new temporary file beside `directory/name`, flushed to disk, with the existing file's
    /// mode and owner; registered with ``TemporaryFiles`` from before it exists until it is renamed or removed.
    static func stage(
        _ text: String, directory: String, name: String, existing: (mode: mode_t, owner: uid_t, group: gid_t)?,
        _ target: OutputTarget
    ) throws(CheckError) -> Staged {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let temporary = prefix + temporaryName(for: name)
        guard let slot = TemporaryFiles.register(temporary) else {
            throw OutputTarget.refusal(target.request, "cannot write: too many files written at once")
        }
        // A file that exists keeps its mode: the temporary starts private and takes the mode before the
        // rename, so a 0600 report is never readable by others, not even while it is written.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing == nil ? 0o644 : 0o600)
        guard descriptor >= 0 else {
            let error = failure(target)
            TemporaryFiles.release(slot)
            throw error
        }
        var written = writeWithKillTestPause(descriptor, Array(text.utf8), temporary)
        if written, let existing {
            written = fchmod(descriptor, existing.mode) == 0
            // Only root can give a file away; anyone else keeps their own ownership (as rename would).
            if written, geteuid() == 0 { _ = fchown(descriptor, existing.owner, existing.group) }
        }
        written = written && fsync(descriptor) == 0
        var error = written ? nil : failure(target)
        if close(descriptor) != 0, error == nil { error = failure(target) }
        if let error {
            unlink(temporary)
            TemporaryFiles.release(slot)
            throw error
        }
        return (slot, temporary, prefix + name)
    }

    /// `.NAME.PID.RANDOM.tmp`, with NAME shortened (at a character boundary) so the whole stays within
    /// NAME_MAX: a target named with 255 bytes still gets a temporary beside it.
    static func temporaryName(for name: String) -> String {
        let suffix = ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let budget = OutputTarget.nameLimit - 1 - suffix.utf8.count
        var kept = String.UnicodeScalarView()
        var length = 0
        for scalar in name.unicodeScalars {
            length += UTF8.width(scalar)
            guard length <= budget else { break }
            kept.append(scalar)
        }
        return "." + String(kept) + suffix
    }

    /// Standard output or error of this process, written through the descriptor.
    static func writeInPlace(_ text: String, descriptor: Int32, _ target: OutputTarget) throws(CheckError) {
        guard writeAll(descriptor, Array(text.utf8)[...]) else { throw failure(target) }
    }

    /// A character device or FIFO, opened and written in place. A FIFO is opened without blocking until a
    /// reader has it open (ENXIO until then), for at most ``fifoReaderWait`` seconds.
    static func writeInPlace(_ text: String, path: String, fifo: Bool, _ target: OutputTarget) throws(CheckError) {
        var descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if fifo {
            var waited = 0.0
            while descriptor < 0, errno == ENXIO || errno == EINTR, waited < fifoReaderWait {
                usleep(20_000)
                waited += 0.02
                descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            }
            if descriptor < 0, errno == ENXIO {
                throw OutputTarget.refusal(
                    target.request,
                    "no process opened this FIFO for reading within \(Int(fifoReaderWait)) seconds; start the "
                        + "reader first")
            }
        }
        guard descriptor >= 0 else { throw failure(target) }
        defer { close(descriptor) }
        // Blocking from here on, as a pipe to a reader is.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        guard writeAll(descriptor, Array(text.utf8)[...]) else { throw failure(target) }
    }

    static func failure(_ target: OutputTarget) -> CheckError {
        OutputTarget.refusal(target.request, "cannot write: \(OutputTarget.reason())")
    }

    /// Test hook: with `VPCELINT_TEST_PAUSE_WRITE=FILE`, the write stops halfway through the temporary file,
    /// creates FILE (its content: the temporary's path) and sleeps, so that
    /// `Tests/VPCELintKitTests/AtomicWriteKillTests.swift` can signal the process mid-write. Read once per
    /// process; unset (always, outside that test), a file is written in one go and nothing else happens.
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

    private static func writeWithKillTestPause(_ descriptor: Int32, _ bytes: [UInt8], _ temporary: String) -> Bool {
        guard let marker = killTestMarker else { return writeAll(descriptor, bytes[...]) }
        let half = bytes.count / 2
        guard writeAll(descriptor, bytes[..<half]) else { return false }
        let note = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if note >= 0 {
            _ = writeAll(note, Array(temporary.utf8)[...])
            close(note)
        }
        sleep(30)
        return writeAll(descriptor, bytes[half...])
    }
}

/// write(2) of all of `bytes`, again after EINTR or a short write; `false` with `errno` set on failure. Outside
/// the types so their `write` methods do not shadow the system call.
func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
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

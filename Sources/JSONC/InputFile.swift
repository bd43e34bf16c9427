#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files into memory, refusing what is not a regular file. Regular files of at least
/// ``mappingThreshold`` bytes are mapped, not copied: the text is then the page cache itself, which saves
/// the copy and, on a VM, the far larger cost of touching fresh memory (0.27 s -> 0.06 s for 455 MB here).
package enum InputFile {
    static let mappingThreshold = 1 << 20

    /// The bytes of the file at `path`; `-` reads standard input, at most `standardInputLimit` bytes
    /// (``StandardInput``).
    package static func read(
        _ path: String, standardInputLimit: Int = StandardInput.defaultLimit
    ) throws(InputError) -> InputBytes {
        if path == "-" { return InputBytes(try StandardInput.read(0, limit: standardInputLimit)) }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever, before the
        // type check below could refuse it. Regular files ignore the flag.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(.cannotOpen(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputError(.cannotStat(reason: String(cString: strerror(errno))))
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw InputError(.directory) }
        guard type == S_IFREG else { throw InputError(.notRegularFile) }
        let size = Int(exactly: status.st_size) ?? 0
        try refuseHole(descriptor, size: size)
        if size >= mappingThreshold, let mapping = Mapping(descriptor: descriptor, length: size, path: path) {
            pauseForTruncationTest()
            return InputBytes(mapping)
        }
        return InputBytes(try readAll(descriptor: descriptor, sizeHint: max(size, 0) + 1))
    }

    /// A hole in a sparse file reads as NUL bytes, which JSON text never holds: refuse it where it starts
    /// without reading (a 2 GiB sparse file is refused in microseconds). File systems without holes report
    /// none (SEEK_HOLE gives the size), and such a file's NUL bytes are found after reading.
    static func refuseHole(_ descriptor: Int32, size: Int) throws(InputError) {
        #if os(Linux)
            // SEEK_HOLE (4 on Linux, <linux/fs.h>) needs _GNU_SOURCE, which Glibc does not import.
            let seekHole: Int32 = 4
            let hole = Int(lseek(descriptor, 0, seekHole))
            _ = lseek(descriptor, 0, SEEK_SET)
            guard hole >= 0, hole < size else { return }
            // The place: the first NUL byte before the hole (a block's tail after the text), else the hole.
            var prefix = [UInt8](repeating: 0, count: min(hole, 1 << 20))
            let count = prefix.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0, buffer.count, 0) } ?? 0
            }
            _ = lseek(descriptor, 0, SEEK_SET)
            prefix.removeSubrange(max(0, count)...)
            let offset = prefix.firstIndex(of: 0) ?? hole
            let place: (line: Int?, column: Int?) =
                offset <= prefix.count ? prefix.withUnsafeBytes { position(of: offset, in: $0) } : (nil, nil)
            throw InputError(.sparse(size: size, hole: hole), line: place.line, column: place.column)
        #endif
    }

    /// Reads until end of file; a failing `read` is an error, not an early end.
    static func readAll(descriptor: Int32, sizeHint: Int = 1 << 16) throws(InputError) -> [UInt8] {
        var bytes = [UInt8]()
        var capacity = max(sizeHint, 1 << 12)
        while true {
            // Read straight into uninitialized capacity: no zeroing of memory the file overwrites.
            var failure: InputError?
            var ended = false
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
                guard let base = buffer.baseAddress else { return }
                if !bytes.isEmpty {
                    bytes.withUnsafeBufferPointer { old in base.update(from: old.baseAddress!, count: old.count) }
                }
                filled = bytes.count
                Self.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                do throws(InputError) {
                    ended = try readInto(descriptor, base, from: &filled, to: capacity)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            bytes = grown
            if ended { return bytes }
            capacity *= 2
        }
    }

    /// Fills `base[filled..<capacity]` from the descriptor; true at end of file, false when the buffer is full.
    private static func readInto(
        _ descriptor: Int32, _ base: UnsafeMutablePointer<UInt8>, from filled: inout Int, to capacity: Int
    ) throws(InputError) -> Bool {
        while filled < capacity {
            let count = try readOnce(descriptor, base + filled, capacity - filled, after: filled)
            if count == 0 { return true }
            filled += count
        }
        return false
    }

    /// One read(2) of up to `count` bytes, again after EINTR, waiting for data on a non-blocking descriptor;
    /// 0 at end of file. `after` (the bytes read so far) goes into the error.
    static func readOnce(
        _ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, after: Int
    ) throws(InputError) -> Int {
        while true {
            let read = systemRead(descriptor, buffer, count)
            if read >= 0 { return read }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // Standard input opened non-blocking by the caller: wait until data arrives.
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&poller, 1, -1)
                continue
            }
            throw InputError(.readFailed(after: after, reason: String(cString: strerror(code))))
        }
    }

    /// Asks Linux to back a large buffer with 2 MiB pages (transparent huge pages in `madvise` mode): a
    /// 500 MB read then takes 250 page faults instead of 125,000. A hint only; failure changes nothing.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            let huge = 2 << 20
            guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, end - start, 14)  // MADV_HUGEPAGE
        #endif
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.read(descriptor, buffer, count)
        #else
            return Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// Test hook: with `VPCELINT_TEST_PAUSE_MAPPED=FILE`, once a file is mapped, create FILE and wait (up to
    /// a minute) until the test removes it, so the test can truncate the input under the mapping
    /// (`Tests/VPCELintKitTests/TruncatedInputTests.swift`). Unset, it does nothing.
    private static func pauseForTruncationTest() {
        guard let marker = getenv("VPCELINT_TEST_PAUSE_MAPPED").map({ String(cString: $0) }), !marker.isEmpty else {
            return
        }
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        close(descriptor)
        for _ in 0..<6000 where access(marker, F_OK) == 0 { usleep(10_000) }
    }
}

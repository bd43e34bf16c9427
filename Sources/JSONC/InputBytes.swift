import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of one input, read-only: a file mapped into memory (``Mapping``), or an array (standard input,
/// transcoded UTF-16, bytes a caller passed in). Cheap to copy; a mapping lives as long as any copy.
/// Callers outside this module never see an address: they parse, scan and describe the bytes through
/// this module's functions.
package struct InputBytes: Sendable {
    private enum Storage: Sendable {
        case array([UInt8])
        case mapped(Mapping)
    }

    private let storage: Storage
    private let start: Int
    package let count: Int

    package init(_ array: [UInt8]) {
        storage = .array(array)
        start = 0
        count = array.count
    }

    init(_ mapping: Mapping) {
        storage = .mapped(mapping)
        start = 0
        count = mapping.length
    }

    private init(storage: Storage, start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    /// The bytes after the first `length` (a byte-order mark), sharing the storage.
    package func dropFirst(_ length: Int) -> InputBytes {
        let dropped = min(max(0, length), count)
        return InputBytes(storage: storage, start: start + dropped, count: count - dropped)
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch storage {
        case .array(let array):
            return array.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + count)])) }
        case .mapped(let mapping):
            return withExtendedLifetime(mapping) {
                body(UnsafeRawBufferPointer(start: mapping.base + start, count: count))
            }
        }
    }
}

/// What callers outside this module may learn of the bytes, without an address.
extension InputBytes {
    /// 1-based line and column (in bytes) of a byte offset.
    package func position(of offset: Int) -> (line: Int, column: Int) {
        withUnsafeBytes { JSONC.position(of: offset, in: $0) }
    }

    /// The byte at `offset`, or `nil` past the end.
    package func byte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return withUnsafeBytes { $0[offset] }
    }

    /// The first `length` bytes (fewer when the text is shorter).
    package func prefix(_ length: Int) -> [UInt8] {
        withUnsafeBytes { Array($0.prefix(length)) }
    }

    /// Gives the pages of a mapped file that lie wholly inside `range` back to the page cache: a parsed part
    /// of a large input then stops counting in the process's memory. Reading those bytes again (an error's
    /// line and column, the skeleton around the chunks) faults them back in from the file, unchanged, since
    /// the mapping is read-only. Bytes held in an array are left as they are.
    package func release(_ range: Range<Int>) {
        #if os(Linux)
            guard case .mapped(let mapping) = storage else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            guard page > 0 else { return }
            let lower = start + max(0, range.lowerBound)
            let upper = start + min(count, range.upperBound)
            let base = Int(bitPattern: mapping.base)
            // Whole pages only: the first boundary at or after `lower`, the last at or before `upper`.
            let first = (base + lower + page - 1) / page * page
            let last = (base + upper) / page * page
            guard last > first else { return }
            withExtendedLifetime(mapping) {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
            }
        #endif
    }

    /// True when the text is empty or JSON whitespace only.
    package var isBlank: Bool {
        withUnsafeBytes { $0.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }
    }
}

/// A regular file mapped read-only and populated up front (`MAP_POPULATE`). Registered with
/// ``MappingGuard`` while it lives: if the file shrinks under the mapping (another process truncates it),
/// touching the lost pages raises SIGBUS, and the guard turns that into exit code 2 and an error naming the
/// file, as a read error would be, instead of a crash.
/// `@unchecked`: the mapped bytes are read-only and never change while the mapping lives.
final class Mapping: @unchecked Sendable {
    let base: UnsafeRawPointer
    let length: Int
    private let slot: Int

    /// Nil when the file cannot be mapped (or the guard's table is full): the caller reads it instead.
    init?(descriptor: Int32, length: Int, path: String) {
        guard length > 0 else { return nil }
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        let address = mmap(nil, length, PROT_READ, flags, descriptor, 0)
        guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        guard let slot = MappingGuard.register(start: address, length: length, path: path) else {
            munmap(address, length)
            return nil
        }
        base = UnsafeRawPointer(address)
        self.length = length
        self.slot = slot
    }

    deinit {
        MappingGuard.release(slot)
        munmap(UnsafeMutableRawPointer(mutating: base), length)
    }
}

/// The SIGBUS handler for mapped inputs and the table of mappings it consults. The table is a fixed block
/// of slots written under a lock and read without one from the handler, which only compares addresses,
/// writes a prepared message with `write(2)` and calls `_exit(2)` (both async-signal-safe).
enum MappingGuard {
    private struct Slot {
        var start: UInt = 0
        var end: UInt = 0
        /// The message to print, or nil while the slot is free: the handler's sign, set last.
        var message: UnsafeMutablePointer<UInt8>? = nil
        var messageLength = 0
    }

    static let capacity = 256
    /// Statically nil until the first registration allocates it; never freed.
    nonisolated(unsafe) private static var table: UnsafeMutablePointer<Slot>? = nil
    private static let lock = Mutex(false)

    /// Records a live mapping of `path` (installing the handler on first use); nil when all slots are taken.
    static func register(start: UnsafeMutableRawPointer, length: Int, path: String) -> Int? {
        let text = Array(
            ("vpcelint: \(path): the file shrank while it was being read (truncated or rewritten by another "
                + "process); nothing was reported. Run vpcelint again once the file is complete.\n").utf8)
        return lock.withLock { installed -> Int? in
            if table == nil {
                let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
                slots.initialize(repeating: Slot(), count: capacity)
                table = slots
            }
            guard let table, let free = (0..<capacity).first(where: { table[$0].message == nil }) else { return nil }
            if !installed {
                installHandler()
                installed = true
            }
            let message = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count)
            message.initialize(from: text, count: text.count)
            table[free].start = UInt(bitPattern: start)
            table[free].end = UInt(bitPattern: start) + UInt(length)
            table[free].messageLength = text.count
            table[free].message = message
            return free
        }
    }

    static func release(_ slot: Int) {
        lock.withLock { _ in
            guard let table, let message = table[slot].message else { return }
            table[slot].message = nil
            message.deallocate()
            table[slot] = Slot()
        }
    }

    /// Whether `address` falls in a live mapping (what the handler checks; for tests).
    static func covers(_ address: UnsafeRawPointer) -> Bool {
        lock.withLock { _ in slotIndex(UInt(bitPattern: address)) != nil }
    }

    fileprivate static func slotIndex(_ address: UInt) -> Int? {
        guard let table else { return nil }
        for index in 0..<capacity where table[index].message != nil {
            if address >= table[index].start, address < table[index].end { return index }
        }
        return nil
    }

    fileprivate static func message(_ index: Int) -> (UnsafeMutablePointer<UInt8>?, Int) {
        guard let table else { return (nil, 0) }
        return (table[index].message, table[index].messageLength)
    }

    private static func installHandler() {
        #if os(Linux)
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = onBusError
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            sigaction(SIGBUS, &action, nil)
        #endif
    }
}

#if os(Linux)
    /// SIGBUS: a fault in a mapped input ends the run with exit code 2 and its message; any other SIGBUS
    /// gets the default action (the handler steps aside and the faulting access runs again).
    private func onBusError(
        _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
    ) {
        let address = UInt(bitPattern: info?.pointee._sifields._sigfault.si_addr)
        if let index = MappingGuard.slotIndex(address) {
            let (message, length) = MappingGuard.message(index)
            if let message { _ = write(2, message, length) }
            _exit(2)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, nil)
    }
#endif

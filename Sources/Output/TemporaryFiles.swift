import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files an output transaction has on disk, removed if the process is told to stop while they
/// exist (SIGTERM from a CI runner cancelling a job, SIGINT from Ctrl-C, SIGHUP from a closed terminal, SIGPIPE
/// from a FIFO reader that went away). The handlers are installed while at least one temporary is registered
/// and only for signals that are not ignored (`nohup` keeps SIGHUP ignored). A handler unlinks every
/// registered path with `unlink(2)`, puts back the action that was there before and raises the signal again
/// (all async-signal-safe), so the process ends as it would have, minus the litter. SIGKILL cannot be caught:
/// a temporary file then stays (the target is never half-written either way).
///
/// The table is a fixed block of C strings written under a lock and read without one from the handler, like
/// the input module's SIGBUS guard; a slot's pointer is set only once its string is complete.
enum TemporaryFiles {
    static let capacity = 256
    static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGPIPE]

    nonisolated(unsafe) fileprivate static var table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
    /// The actions in place before ours, by signal number (only those we replaced are used).
    nonisolated(unsafe) fileprivate static var previous: UnsafeMutablePointer<sigaction>? = nil
    nonisolated(unsafe) fileprivate static var installed: UnsafeMutablePointer<Bool>? = nil
    private static let lock = Mutex(0)

    /// Records `path` before the file is created; `nil` when every slot is taken.
    static func register(_ path: String) -> Int? {
        lock.withLock { count -> Int? in
            if table == nil {
                let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
                slots.initialize(repeating: nil, count: capacity)
                previous = .allocate(capacity: 65)
                previous?.initialize(repeating: sigaction(), count: 65)
                installed = .allocate(capacity: 65)
                installed?.initialize(repeating: false, count: 65)
                table = slots
            }
            guard let table, let free = (0..<capacity).first(where: { table[$0] == nil }) else { return nil }
            table[free] = strdup(path)
            if count == 0 { install() }
            count += 1
            return free
        }
    }

    /// Forgets a slot once its file is renamed or removed; the last one out puts the old actions back.
    static func release(_ slot: Int) {
        lock.withLock { count in
            guard let table, let path = table[slot] else { return }
            table[slot] = nil
            free(path)
            count -= 1
            if count == 0 { uninstall() }
        }
    }

    private static func install() {
        guard let previous, let installed else { return }
        for signal in signals {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0, !isIgnored(current) else { continue }
            var action = sigaction()
            #if os(Linux)
                action.__sigaction_handler.sa_handler = onTerminatingSignal
            #else
                action.__sigaction_u.__sa_handler = onTerminatingSignal
            #endif
            sigemptyset(&action.sa_mask)
            previous[Int(signal)] = current
            installed[Int(signal)] = true
            sigaction(signal, &action, nil)
        }
    }

    private static func uninstall() {
        guard let previous, let installed else { return }
        for signal in signals where installed[Int(signal)] {
            installed[Int(signal)] = false
            sigaction(signal, &previous[Int(signal)], nil)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if os(Linux)
            let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        #else
            let handler = unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
        #endif
        return handler == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

/// Unlinks every registered temporary, restores the previous action and raises the signal again: it is
/// delivered when this handler returns (the signal is blocked while its handler runs).
private func onTerminatingSignal(_ signal: Int32) {
    if let table = TemporaryFiles.table {
        for slot in 0..<TemporaryFiles.capacity {
            if let path = table[slot] { unlink(path) }
        }
    }
    if let previous = TemporaryFiles.previous, signal >= 0, signal < 65 {
        sigaction(signal, previous + Int(signal), nil)
    }
    raise(signal)
}

import LintCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file one run writes, all or nothing. Built before any input is read: each destination is resolved
/// and checked (its directory exists and is writable, it is not a directory, a block device or a socket, no
/// two destinations are the same file, none is one of the run's own inputs). ``commit(_:)`` then writes every
/// regular file to a temporary file beside it, then the FIFOs and devices, then renames the temporary files
/// over their targets. Any failure before the renames removes the temporary files: the run exits 2 with
/// every existing file as it was; so does a rename failing midway (``replaceAll(_:)`` puts back what it had
/// replaced).
public struct OutputTransaction: Sendable {
    var targets: [OutputTarget]

    /// How long a FIFO waits for a reader before the run gives up: enough for a reader started beside
    /// vpcelint (`cat fifo & vpcelint ... --output fifo`), short enough that a forgotten FIFO fails a CI job
    /// quickly. Once a reader has it open, writing blocks as writing to a pipe does.
    public static let fifoReaderWait: Double = 5

    /// Resolves and checks every request; `inputs` are paths the run reads (with a label naming how), which no
    /// request may overwrite. Every problem is one line of the error.
    public init(_ requests: [OutputRequest], inputs: [(label: String, path: String)] = []) throws(CheckError) {
        var targets = [OutputTarget]()
        var errors = [String]()
        var seen = [String: OutputRequest]()
        let protected = Self.identities(of: inputs)
        for request in requests {
            do throws(CheckError) {
                let target = try OutputTarget.resolve(request)
                if let identity = target.identity {
                    if let first = seen[identity] {
                        errors.append("\(request.label): names the same file as \(first.label)")
                        continue
                    }
                    seen[identity] = request
                    let allowed = Self.identities(of: [("", request.mayReplace ?? "-")])
                    if let input = protected[identity], allowed[identity] == nil {
                        errors.append("\(request.label): is \(input) of this run; refusing to overwrite it")
                        continue
                    }
                }
                targets.append(target)
            } catch {
                errors += error.lines
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        self.targets = targets
    }

    /// Whether a request resolved to this process's standard output.
    public var writesStandardOutput: Bool {
        targets.contains { if case .descriptor(1) = $0.kind { true } else { false } }
    }

    /// Writes `contents[i]` to the `i`-th request, all or nothing (see the type's description).
    public func commit(_ contents: [String]) throws(CheckError) {
        precondition(contents.count == targets.count, "one text per output")
        var created = [String]()
        var staged = [Staged]()
        func discard() {
            for file in staged { Self.drop(file.temporary, file.slot) }
            for directory in created.reversed() { rmdir(directory) }
        }
        do throws(CheckError) {
            for (target, text) in zip(targets, contents) {
                guard case .file(let directory, let name, let existing) = target.kind else { continue }
                try Self.createDirectories(target, &created)
                staged.append(try Self.stage(text, directory: directory, name: name, existing: existing, target))
            }
            for (target, text) in zip(targets, contents) {
                switch target.kind {
                case .file: continue
                case .descriptor(let descriptor): try Self.writeInPlace(text, descriptor: descriptor, target)
                case .device(let path): try Self.writeInPlace(text, path: path, fifo: false, target)
                case .fifo(let path): try Self.writeInPlace(text, path: path, fifo: true, target)
                }
            }
        } catch {
            discard()
            throw CheckError(lines: error.lines.map { $0 + "; no file was changed" })
        }
        do throws(CheckError) {
            try replaceAll(staged)
        } catch {
            // Put back: the directories this run created are empty again.
            for directory in created.reversed() { rmdir(directory) }
            throw error
        }
    }

    /// Renames every staged file over its target. The file each rename replaces is kept under a second name
    /// (a hard link beside it: no copy) until every rename has succeeded; a rename failing midway (the
    /// directory removed under the run) puts every file already replaced back as it was, removes those that
    /// did not exist, and says so, naming any it could not restore.
    func replaceAll(_ staged: [Staged]) throws(CheckError) {
        let labels = targets.filter { if case .file = $0.kind { true } else { false } }.map(\.request.label)
        var replaced = [(offset: Int, kept: Kept)]()
        for (offset, file) in staged.enumerated() {
            let kept = Self.keep(file.target)
            guard rename(file.temporary, file.target) == 0 else {
                let failure = OutputTarget.reason()
                if case .linked(let backup, let slot) = kept { Self.drop(backup, slot) }
                for rest in staged[offset...] { Self.drop(rest.temporary, rest.slot) }
                var lines = ["\(labels[offset]): cannot replace the file: \(failure)"]
                let lost = replaced.reversed().filter { !Self.restore(staged[$0.offset].target, $0.kept) }
                if lost.isEmpty {
                    lines[0] += "; no file was changed"
                } else {
                    let names = lost.map { labels[$0.offset] }.sorted()
                    lines.append("could not put back (they hold this run's output): " + names.joined(separator: ", "))
                }
                throw CheckError(lines: lines)
            }
            TemporaryFiles.release(file.slot)
            replaced.append((offset, kept))
        }
        for entry in replaced {
            if case .linked(let backup, let slot) = entry.kept { Self.drop(backup, slot) }
        }
    }

    /// What a rename is about to replace.
    enum Kept {
        /// The target did not exist: putting it back means removing it.
        case absent
        /// The target is also at `backup` (registered with ``TemporaryFiles`` in `slot`).
        case linked(backup: String, slot: Int)
        /// The target exists but could not be kept (a file system without hard links).
        case lost
    }

    /// Keeps `target` under a second name in its directory, if it exists.
    static func keep(_ target: String) -> Kept {
        var status = stat()
        guard lstat(target, &status) == 0 else { return .absent }
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let backup = directory + temporaryName(for: name)
        guard let slot = TemporaryFiles.register(backup) else { return .lost }
        guard link(target, backup) == 0 else {
            TemporaryFiles.release(slot)
            return .lost
        }
        return .linked(backup: backup, slot: slot)
    }

    /// Puts `target` back as `kept` says it was; false when that was not possible.
    static func restore(_ target: String, _ kept: Kept) -> Bool {
        switch kept {
        case .absent: return unlink(target) == 0
        case .lost: return false
        case .linked(let backup, let slot):
            guard rename(backup, target) == 0 else {
                drop(backup, slot)
                return false
            }
            TemporaryFiles.release(slot)
            return true
        }
    }

    static func drop(_ path: String, _ slot: Int) {
        unlink(path)
        TemporaryFiles.release(slot)
    }

    private static func createDirectories(_ target: OutputTarget, _ created: inout [String]) throws(CheckError) {
        for directory in target.missingDirectories where !created.contains(directory) {
            if mkdir(directory, 0o777) == 0 {
                created.append(directory)
            } else if errno != EEXIST {
                throw OutputTarget.refusal(
                    target.request, "cannot create the directory \(directory): \(OutputTarget.reason())")
            }
        }
    }

    /// Device and inode of each input that exists, with its label.
    private static func identities(of inputs: [(label: String, path: String)]) -> [String: String] {
        var identities = [String: String]()
        for input in inputs where input.path != "-" {
            var status = stat()
            guard stat(input.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            identities["\(status.st_dev):\(status.st_ino)"] = input.label
        }
        return identities
    }
}

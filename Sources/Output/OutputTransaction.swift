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
/// every existing file as it was. A rename failing midway (the directory removed under the run) says which
/// files were replaced and which were left as they were.
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
        var staged = [(slot: Int, temporary: String, target: String)]()
        func discard() {
            for file in staged {
                unlink(file.temporary)
                TemporaryFiles.release(file.slot)
            }
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
        try replaceAll(staged)
    }

    /// Renames every staged file; a failure stops there and names what was and was not replaced.
    private func replaceAll(_ staged: [(slot: Int, temporary: String, target: String)]) throws(CheckError) {
        let labels = targets.filter { if case .file = $0.kind { true } else { false } }.map(\.request.label)
        for (offset, file) in staged.enumerated() {
            guard rename(file.temporary, file.target) == 0 else {
                let failure = OutputTarget.reason()
                for rest in staged[offset...] {
                    unlink(rest.temporary)
                    TemporaryFiles.release(rest.slot)
                }
                var lines = ["\(labels[offset]): cannot replace the file: \(failure)"]
                if offset > 0 { lines.append("already replaced: " + labels[..<offset].joined(separator: ", ")) }
                lines.append("left as they were: " + labels[offset...].joined(separator: ", "))
                throw CheckError(lines: lines)
            }
            TemporaryFiles.release(file.slot)
        }
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

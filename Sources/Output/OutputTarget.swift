import LintCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file a command is asked to write (`--output`, `--write-baseline`, a file of `--emit-hcl`), as typed.
public struct OutputRequest: Sendable, Hashable {
    /// How the user named it, for messages: `--output sarif=r.sarif`, `--write-baseline base.json`.
    public var label: String
    public var path: String
    /// The directory holding the file may be missing and is then created at commit (`--emit-hcl DIR`).
    public var createsDirectory: Bool
    /// An input this request may overwrite: `--write-baseline` over `--baseline` updates the baseline.
    public var mayReplace: String?

    public init(label: String, path: String, createsDirectory: Bool = false, mayReplace: String? = nil) {
        self.label = label
        self.path = path
        self.createsDirectory = createsDirectory
        self.mayReplace = mayReplace
    }
}

/// A request resolved before anything is rendered: what the path is and how it will be written.
struct OutputTarget: Sendable {
    enum Kind: Sendable {
        /// A regular file (existing or new) written to a temporary file in `directory` and renamed to
        /// `directory/name`; an existing file's mode and owner are carried over.
        case file(directory: String, name: String, existing: (mode: mode_t, owner: uid_t, group: gid_t)?)
        /// This process's own standard output or error (`/dev/stdout`, or a link to the file it writes).
        case descriptor(Int32)
        /// A character device (`/dev/null`, a terminal): written in place.
        case device(String)
        /// A FIFO: written in place once a reader opens it, within ``OutputTransaction/fifoReaderWait``.
        case fifo(String)
    }

    var request: OutputRequest
    var kind: Kind
    /// Equal for two requests that name the same file: device and inode when it exists, else the resolved
    /// directory and the name. `nil` for character devices, which many reports may share.
    var identity: String?
    /// Directories to create at commit, outermost first.
    var missingDirectories: [String] = []

    /// The longest file name most file systems take (NAME_MAX).
    static let nameLimit = 255

    /// Resolves `request`; a usage error (one line, the request's label first) when it cannot be written.
    static func resolve(_ request: OutputRequest) throws(CheckError) -> OutputTarget {
        let path = request.path
        guard !path.isEmpty, !path.hasSuffix("/") else { throw refusal(request, "names a directory, not a file") }
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else { throw refusal(request, "cannot write: \(reason())") }
            return try newFile(request)
        }
        var resolved = path
        if status.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &status) == 0 else {
                let why = errno == ENOENT ? "a symbolic link to a file that does not exist" : reason()
                throw refusal(request, "cannot write: \(why)")
            }
            guard let real = realPath(path) else { throw refusal(request, "cannot write: \(reason())") }
            resolved = real
        }
        let identity = "\(status.st_dev):\(status.st_ino)"
        // A character device (`/dev/null`, a terminal) is written in place by name whoever else writes to it.
        if status.st_mode & S_IFMT != S_IFCHR, let descriptor = standardDescriptor(matching: status) {
            return OutputTarget(request: request, kind: .descriptor(descriptor), identity: identity)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let (directory, name) = split(resolved)
            try checkWritable(directory, request)
            let existing = (mode: status.st_mode & 0o7777, owner: status.st_uid, group: status.st_gid)
            return OutputTarget(
                request: request, kind: .file(directory: directory, name: name, existing: existing),
                identity: identity)
        case S_IFDIR: throw refusal(request, "is a directory; name a file in it")
        case S_IFCHR: return OutputTarget(request: request, kind: .device(resolved), identity: nil)
        case S_IFIFO: return OutputTarget(request: request, kind: .fifo(resolved), identity: identity)
        case S_IFBLK:
            throw refusal(request, "is a block device; reports go to regular files, FIFOs or character devices")
        default: throw refusal(request, "is a socket; reports go to regular files, FIFOs or character devices")
        }
    }

    /// A file that does not exist yet: its directory must exist and be writable (or, for `--emit-hcl`, be
    /// creatable under the nearest existing ancestor), and its name must fit NAME_MAX.
    private static func newFile(_ request: OutputRequest) throws(CheckError) -> OutputTarget {
        let (directory, name) = split(request.path)
        guard name.utf8.count <= nameLimit else {
            throw refusal(request, "the file name is longer than \(nameLimit) bytes")
        }
        var missing = [String]()
        var existing = directory
        var status = stat()
        while stat(existing, &status) != 0 {
            guard errno == ENOENT, request.createsDirectory, existing != "/", existing != "." else {
                let why = errno == ENOENT ? "the directory \(directory) does not exist" : reason()
                throw refusal(request, "cannot write: \(why)")
            }
            missing.insert(existing, at: 0)
            existing = split(existing).directory
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw refusal(request, "cannot write: \(existing) is not a directory")
        }
        try checkWritable(existing, request)
        let real = realPath(existing) ?? existing
        let identity = ([real] + missing.map { split($0).name } + [name]).joined(separator: "/")
        return OutputTarget(
            request: request, kind: .file(directory: directory, name: name, existing: nil), identity: identity,
            missingDirectories: missing)
    }

    static func refusal(_ request: OutputRequest, _ reason: String) -> CheckError {
        CheckError("\(request.label): \(reason)")
    }

    static func reason() -> String { String(cString: strerror(errno)) }

    /// `dir/name` split at the last slash; `.` for a bare name, `/` for a file in the root.
    static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let directory = trimmed[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// Writing means creating a temporary file and renaming it: both need write and search permission on the
    /// directory, and a file system mounted read-write (access(2) reports EROFS).
    private static func checkWritable(_ directory: String, _ request: OutputRequest) throws(CheckError) {
        guard access(directory, W_OK | X_OK) == 0 else {
            throw refusal(request, "cannot write in the directory \(directory): \(reason())")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// 1 or 2 when `status` is the file this process's standard output or error writes to: `/dev/stdout`
    /// (a link through `/proc/self/fd/1`) or a link to the file the shell redirected output to. Written
    /// through the descriptor: renaming a file over it would cut off the rest of the output, and as root
    /// replacing `/dev/stdout` itself was possible.
    private static func standardDescriptor(matching status: stat) -> Int32? {
        for descriptor: Int32 in [1, 2] {
            var own = stat()
            if fstat(descriptor, &own) == 0, own.st_dev == status.st_dev, own.st_ino == status.st_ino {
                return descriptor
            }
        }
        return nil
    }
}

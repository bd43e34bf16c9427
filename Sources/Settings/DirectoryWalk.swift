import Foundation
import LintCore
import TerraformShow

/// `--exclude GLOB` or an `exclude:` entry: paths left out of the inputs. The glob (``Glob``: `*` any run of
/// characters, `/` included) is matched against the whole path, made absolute from `base`: the current
/// directory for the flag, the configuration file's directory for the file's entries.
public struct ExcludePattern: Sendable, Hashable {
    /// As written.
    public var glob: String
    /// Where it was written, for messages: `--exclude`, or `FILE:LINE:COLUMN: exclude`.
    public var source: String
    /// `base/glob`, lexically standardised (`./`, `..` resolved).
    var absolute: Glob

    public init(glob: String, source: String, base: String) {
        self.glob = glob
        self.source = source
        let joined = glob.hasPrefix("/") ? glob : base + "/" + glob
        absolute = Glob(pattern: URL(fileURLWithPath: joined).standardizedFileURL.path)
    }

    func matches(_ path: String) -> Bool {
        absolute.matches(URL(fileURLWithPath: path).standardizedFileURL.path)
    }
}

/// The files of directory inputs: `*.json` and `*.tfstate` files at any depth, in byte order of their
/// paths. Hidden entries (`.terraform/`, `.git/`, `.x.json`) are not read, a hidden folder with a notice;
/// symbolic links to files are read, links to folders are not followed (with a notice), so a link loop
/// cannot hang the walk. A file whose head shows it is not Terraform output (``DocumentSniffer``) is
/// skipped with its reason.
struct DirectoryWalk {
    var excludes: [ExcludePattern]
    private(set) var skipped: [SkippedInput] = []
    private(set) var notices: [String] = []
    /// The indexes of the excludes that left something out.
    private var usedExcludes = Set<Int>()

    init(excludes: [ExcludePattern]) {
        self.excludes = excludes
    }

    /// The first exclude that matches `path`, marked as used.
    mutating func exclusion(of path: String) -> ExcludePattern? {
        guard let index = excludes.indices.first(where: { excludes[$0].matches(path) }) else { return nil }
        usedExcludes.insert(index)
        return excludes[index]
    }

    /// The inputs found in `directory`; an error when it holds no candidate file, or when every candidate was
    /// excluded or skipped (a directory that yields nothing must not pass as "no findings").
    mutating func files(in directory: String) throws(CheckError) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var candidates = [String]()
        var excluded = 0
        try collect(prefix, into: &candidates, excluded: &excluded)
        candidates.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !candidates.isEmpty || excluded > 0 else {
            throw CheckError(
                "\(directory): no *.json or *.tfstate files in this directory or its folders; "
                    + "write one per environment with `terraform show -json > dev.json`")
        }
        var files = [String]()
        for path in candidates {
            if let reason = DocumentSniffer.foreignReason(path: path) {
                skipped.append(SkippedInput(path: path, reason: reason))
                notices.append("skipped \(path): \(reason)")
            } else {
                files.append(path)
            }
        }
        guard files.isEmpty else { return files }
        let reasons = skipped.suffix(candidates.count).map { "\($0.path): skipped, \($0.reason)" }
        throw CheckError(
            lines: [
                "\(directory): no Terraform output left to read in this directory (\(candidates.count) file(s) "
                    + "skipped as not Terraform output, \(excluded) left out by exclude patterns)"
            ] + reasons)
    }

    /// Appends the candidate files below `folder` (a path ending in `/`) to `files`.
    private mutating func collect(_ folder: String, into files: inout [String], excluded: inout Int) throws(CheckError)
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw CheckError("\(folder): cannot list this directory")
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let path = folder + name
            let kind = Self.kind(path)
            let candidate = name.hasSuffix(".json") || name.hasSuffix(".tfstate")
            guard kind == .directory || kind == .linkToDirectory || candidate else { continue }
            if name.hasPrefix(".") {
                if kind == .directory || kind == .linkToDirectory {
                    notices.append("\(path): a hidden folder, not read (name it as an input to read it)")
                }
                continue
            }
            if exclusion(of: path) != nil {
                excluded += 1
                continue
            }
            switch kind {
            case .directory: try collect(path + "/", into: &files, excluded: &excluded)
            case .linkToDirectory:
                notices.append("\(path): a symbolic link to a folder, not followed (name it as an input to read it)")
            case .file, .other: files.append(path)
            }
        }
    }

    private enum Kind { case file, directory, linkToDirectory, other }

    /// What `path` is; a file that is not regular (a FIFO, a broken link) is `other`: the loader refuses it
    /// with the reason.
    private static func kind(_ path: String) -> Kind {
        let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        switch type {
        case .typeDirectory?: return .directory
        case .typeRegular?: return .file
        case .typeSymbolicLink?:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .other }
            return isDirectory.boolValue ? .linkToDirectory : .file
        default: return .other
        }
    }

    /// One notice per exclude that left nothing out.
    func unusedExcludeNotices() -> [String] {
        excludes.indices.filter { !usedExcludes.contains($0) }.map {
            "\(excludes[$0].source) \(excludes[$0].glob): matches no file or folder of the inputs"
        }
    }
}

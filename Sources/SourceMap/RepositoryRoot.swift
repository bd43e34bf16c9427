import Foundation

/// The `%SRCROOT%` of a report: the repository the run is in, so every path a report cites (inputs and `.tf`
/// files, given relative or absolute) becomes one relative to it, as code scanning and annotations expect.
public enum RepositoryRoot {
    /// The first directory from `directory` up with a `.git` entry (file or directory), else `directory`
    /// itself; absolute and normalized.
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String {
        let start = SourceTree.normalized(directory)
        var candidate = start
        while true {
            if FileManager.default.fileExists(atPath: candidate + (candidate == "/" ? "" : "/") + ".git") {
                return candidate
            }
            guard candidate != "/" else { return start }
            candidate = SourceTree.normalized(candidate + "/..")
        }
    }

    /// `path` (absolute, or relative to `currentDirectory`) relative to `root`; `nil` when it is outside the
    /// root or is standard input (`-`).
    public static func relative(_ path: String, root: String, currentDirectory: String) -> String? {
        guard path != "-", !path.isEmpty else { return nil }
        let absolute = SourceTree.normalized(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
        if absolute == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        guard absolute.hasPrefix(prefix) else { return nil }
        return String(absolute.dropFirst(prefix.count))
    }
}

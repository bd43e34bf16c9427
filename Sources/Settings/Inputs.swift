import Foundation
import LintCore

/// One input of a run: a file path as the user will see it in reports (or `-`), and its environment.
public struct LintInput: Sendable, Hashable {
    public var path: String
    public var environment: String

    public init(path: String, environment: String) {
        self.path = path
        self.environment = environment
    }
}

/// Turns `check` arguments into inputs: directories into their files, each with an environment name.
public enum InputExpansion {
    /// The environment of a file named without `--env`: its name up to the first dot
    /// (`dev.json` -> `dev`, `shared.plan.json` -> `shared`), `stdin` for `-`.
    public static func defaultEnvironment(for path: String) -> String {
        if path == "-" { return "stdin" }
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        guard let stem, !stem.isEmpty else { return name }  // `.hidden.json`: keep the whole name
        return stem
    }

    /// The `*.json` and `*.tfstate` files directly in `directory`, sorted by name; hidden files are skipped.
    public static func files(in directory: String) throws(CheckError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CheckError("\(directory): cannot list this directory")
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let files = names.filter { name in
            guard !name.hasPrefix("."), name.hasSuffix(".json") || name.hasSuffix(".tfstate") else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: prefix + name, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        guard !files.isEmpty else {
            throw CheckError(
                "\(directory): no *.json or *.tfstate files in this directory; "
                    + "write one per environment with `terraform show -json > dev.json`")
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { prefix + $0 }
    }

    /// Every input of a run, in argument order, directories expanded, duplicates dropped.
    /// `--env NAME=PATH` names a file, `-`, or every file of a directory argument; an assignment that
    /// matches no argument is an error.
    public static func expand(paths: [String], environments: [EnvironmentAssignment]) throws(CheckError) -> [LintInput]
    {
        let arguments = paths.isEmpty ? environments.map(\.path) : paths
        guard !arguments.isEmpty else {
            throw CheckError("no input: give a file, a directory of `terraform show -json` files, or - for stdin")
        }
        var byPath = [String: String]()
        for assignment in environments { byPath[key(assignment.path)] = assignment.name }
        var used = Set<String>()
        var seen = Set<String>()
        var inputs = [LintInput]()
        for argument in arguments {
            let directory = isDirectory(argument)
            let files = try directory ? files(in: argument) : [argument]
            let directoryName = directory ? byPath[key(argument)] : nil
            if directoryName != nil { used.insert(key(argument)) }
            for file in files where seen.insert(key(file)).inserted {
                let name = byPath[key(file)] ?? directoryName ?? defaultEnvironment(for: file)
                if byPath[key(file)] != nil { used.insert(key(file)) }
                inputs.append(LintInput(path: file, environment: name))
            }
        }
        let unused = environments.filter { !used.contains(key($0.path)) }
        guard unused.isEmpty else {
            throw CheckError(lines: unused.map { "--env \($0.name)=\($0.path): \($0.path) is not one of the inputs" })
        }
        return inputs
    }

    private static func isDirectory(_ path: String) -> Bool {
        guard path != "-" else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Paths compare after lexical standardisation, so `./dev.json` matches `dev.json`.
    private static func key(_ path: String) -> String {
        path == "-" ? "-" : URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

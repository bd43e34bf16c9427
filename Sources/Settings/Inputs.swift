import Foundation
import LintCore

/// One input of a run: a file path as the user will see it in reports (or `-`), and its environment.
public struct LintInput: Sendable, Hashable {
    /// Where an input's environment name comes from.
    public enum Naming: Sendable, Hashable {
        /// `--env` or `environments.files`: the user's word.
        case assigned
        /// The file name up to its first dot.
        case fileName
        /// The Terraform backend layout (``BackendLayout``).
        case backendLayout
    }

    public var path: String
    public var environment: String
    public var naming: Naming

    public init(path: String, environment: String, naming: Naming = .assigned) {
        self.path = path
        self.environment = environment
        self.naming = naming
    }
}

/// The inputs of a run, the files of its directories left out as not Terraform output, and what the user
/// must be told about the expansion (one sentence each, for standard error).
public struct ExpandedInputs: Sendable {
    public var inputs: [LintInput] = []
    public var skipped: [SkippedInput] = []
    public var notices: [String] = []
}

/// Turns `check` arguments into inputs: directories into their files, each with an environment name.
public enum InputExpansion {
    /// The environment of a file named without `--env`: its name up to the first dot (`dev.json` -> `dev`,
    /// `shared.plan.json` -> `shared`), `stdin` for `-`; a state file whose name says nothing
    /// (`terraform.tfstate`, `default.tfstate`) is named by its place in the backend layout (``BackendLayout``),
    /// `root` being the directory argument it was found in.
    public static func defaultEnvironment(
        for path: String, under root: String? = nil, workspaceKeyPrefix: String = BackendLayout.defaultPrefix
    ) -> String {
        if path == "-" { return "stdin" }
        if let name = BackendLayout(prefix: workspaceKeyPrefix).environment(of: path, under: root) { return name }
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        guard let stem, !stem.isEmpty else { return name }  // `.hidden.json`: keep the whole name
        return stem
    }

    /// Every input of a run, in argument order, directories expanded (``DirectoryWalk``), duplicates dropped.
    /// `--env NAME=PATH` names a file, `-`, or every file of a directory argument; an assignment that
    /// matches no argument is an error, and so is an exclude pattern that leaves out an argument itself.
    public static func expand(
        paths: [String], environments: [EnvironmentAssignment], excludes: [ExcludePattern] = [],
        workspaceKeyPrefix: String = BackendLayout.defaultPrefix
    ) throws(CheckError) -> ExpandedInputs {
        let arguments = paths.isEmpty ? environments.map(\.path) : paths
        guard !arguments.isEmpty else {
            throw CheckError("no input: give a file, a directory of `terraform show -json` files, or - for stdin")
        }
        var byPath = [String: String]()
        for assignment in environments { byPath[key(assignment.path)] = assignment.name }
        var walk = DirectoryWalk(excludes: excludes)
        var used = Set<String>()
        var seen = Set<String>()
        var expanded = ExpandedInputs()
        var errors = [String]()
        for argument in arguments {
            let directory = isDirectory(argument)
            if argument != "-", let pattern = walk.exclusion(of: argument) {
                errors.append(
                    "\(pattern.source) \(pattern.glob): leaves out \(argument), which is named as an input; "
                        + "drop one of them")
                continue
            }
            let files = try directory ? walk.files(in: argument) : [argument]
            let directoryName = directory ? byPath[key(argument)] : nil
            if directoryName != nil { used.insert(key(argument)) }
            for file in files where seen.insert(key(file)).inserted {
                if byPath[key(file)] != nil { used.insert(key(file)) }
                let assigned = byPath[key(file)] ?? directoryName
                expanded.inputs.append(
                    assigned.map { LintInput(path: file, environment: $0) }
                        ?? named(file, under: directory ? argument : nil, workspaceKeyPrefix: workspaceKeyPrefix))
            }
        }
        errors += environments.filter { !used.contains(key($0.path)) }.map {
            "--env \($0.name)=\($0.path): \($0.path) is not one of the inputs"
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        expanded.skipped = walk.skipped
        expanded.notices = walk.notices + walk.unusedExcludeNotices()
        return expanded
    }

    /// A file `--env` does not name: by the backend layout when its name says nothing, else by its name.
    private static func named(_ file: String, under root: String?, workspaceKeyPrefix: String) -> LintInput {
        if let layout = BackendLayout(prefix: workspaceKeyPrefix).environment(of: file, under: root) {
            return LintInput(path: file, environment: layout, naming: .backendLayout)
        }
        return LintInput(path: file, environment: defaultEnvironment(for: file), naming: .fileName)
    }

    private static func isDirectory(_ path: String) -> Bool {
        guard path != "-" else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Paths compare after lexical standardisation, so `./dev.json` matches `dev.json`.
    static func key(_ path: String) -> String {
        path == "-" ? "-" : URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

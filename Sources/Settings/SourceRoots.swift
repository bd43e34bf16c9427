import Foundation
import LintCore

/// `--source [ENV=]DIR` (repeatable) or the file's `source:`: the root module (a directory of `.tf` files)
/// each environment's states were made from. Which environment a plain `DIR` serves: the one named like its
/// last path component (`infra/dev` -> dev), else each environment with a subdirectory of that name
/// (`infra` -> `infra/dev`, `infra/prd`), else, when it is the only entry, every environment. `ENV=DIR`
/// names it outright and wins. A directory that does not exist, or an entry that serves no environment of
/// the inputs, is a usage error.
public enum SourceRoots {
    /// One entry as written, with where it was written for messages.
    public struct Entry: Sendable, Equatable {
        public var value: String
        /// `--source`, or `FILE:LINE:COLUMN: source`.
        public var label: String
        /// Relative `DIR`s are resolved against it (the configuration file's directory); `nil` for flags.
        public var base: String?

        public init(value: String, label: String, base: String? = nil) {
            self.value = value
            self.label = label
            self.base = base
        }
    }

    /// Environment -> root module directory, for the environments of `inputs`.
    public static func resolve(_ entries: [Entry], inputs: [LintInput]) throws(CheckError) -> [String: String] {
        let environments = Set(inputs.map(\.environment))
        let known = environments.sorted().joined(separator: ", ")
        var errors = [String]()
        var explicit = [String: String]()
        var byName = [String: String]()
        var bySubdirectory = [String: String]()
        var everywhere: String?
        for entry in entries {
            let (environment, directory) = split(entry)
            guard isDirectory(directory) else {
                let resolved = directory == entry.value ? "" : " (\(directory))"
                errors.append("\(entry.label) \(entry.value): no such directory\(resolved)")
                continue
            }
            if let environment {
                guard environments.contains(environment) else {
                    errors.append(
                        "\(entry.label) \(entry.value): no input has the environment `\(environment)` "
                            + "(environments: \(known.isEmpty ? "none" : known))")
                    continue
                }
                if explicit[environment] == nil { explicit[environment] = directory }
                continue
            }
            let name = (directory as NSString).lastPathComponent
            let named = environments.contains(name) ? [name] : []
            let nested = environments.sorted().filter { isDirectory(directory + "/" + $0) }
            for environment in named where byName[environment] == nil { byName[environment] = directory }
            for environment in nested where bySubdirectory[environment] == nil {
                bySubdirectory[environment] = directory + "/" + environment
            }
            guard named.isEmpty, nested.isEmpty else { continue }
            if entries.count == 1 {
                everywhere = directory
            } else {
                errors.append(
                    "\(entry.label) \(entry.value): serves no environment (neither its name nor a "
                        + "subdirectory is one of: \(known.isEmpty ? "none" : known)); write ENV=DIR")
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        var roots = [String: String]()
        for environment in environments {
            roots[environment] =
                explicit[environment] ?? byName[environment] ?? bySubdirectory[environment] ?? everywhere
        }
        return roots
    }

    /// `ENV=DIR` when the text before the first `=` is a name (no `/`), else the whole value is the directory;
    /// a relative directory of the configuration file is joined to the file's directory.
    static func split(_ entry: Entry) -> (environment: String?, directory: String) {
        var environment: String?
        var directory = entry.value
        if let equals = entry.value.firstIndex(of: "="), !entry.value[..<equals].contains("/"),
            equals != entry.value.startIndex
        {
            environment = String(entry.value[..<equals])
            directory = String(entry.value[entry.value.index(after: equals)...])
        }
        if let base = entry.base, !directory.hasPrefix("/"), base != "." {
            directory = base + "/" + directory
        }
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return (environment, directory)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return !path.isEmpty && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}

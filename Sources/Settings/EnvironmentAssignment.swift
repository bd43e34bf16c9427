import LintCore

/// `--env NAME=PATH`: the environment name of one input (a file, a directory's files, or `-`).
public struct EnvironmentAssignment: Sendable, Hashable {
    public var name: String
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// Every `--env NAME=PATH` argument of a command, or a usage error naming the first malformed one.
    public static func parse(_ arguments: [String]) throws(CheckError) -> [EnvironmentAssignment] {
        var assignments = [EnvironmentAssignment]()
        for argument in arguments {
            guard let assignment = EnvironmentAssignment(argument: argument) else {
                throw CheckError("--env \(argument): expected NAME=PATH, e.g. --env prd=states/prod.json")
            }
            assignments.append(assignment)
        }
        return assignments
    }

    /// Parses `NAME=PATH`, splitting at the first `=`; `nil` when either side is empty.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty, !path.isEmpty, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            return nil
        }
        self.init(name: name, path: path)
    }
}

import Foundation

/// What the settings add to the inputs of a directory walk: the exclude patterns, and the notices about
/// environments the naming rules join.
extension RunSettings {
    /// `--exclude` relative to the current directory, then `exclude:` relative to the configuration file's.
    static func excludes(_ flags: SharedFlags, _ configuration: Configuration) -> [ExcludePattern] {
        let here = FileManager.default.currentDirectoryPath
        let fileBase = configuration.path.map {
            URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().path
        }
        let place = configuration.places["exclude"] ?? configuration.displayPath
        return flags.excludes.map { ExcludePattern(glob: $0, source: "--exclude", base: here) }
            + configuration.excludes.map {
                ExcludePattern(glob: $0, source: "\(place): exclude", base: fileBase ?? here)
            }
    }

    /// One notice per environment that the naming rules (not `--env` or `environments.files`) give to inputs
    /// of different roots: several states the backend layout puts in one workspace, or files of one name in
    /// different folders of a directory walk (`a/dev.json`, `b/dev.json`). Their resources are joined as one
    /// environment, which is right for the roots of one environment and wrong for different environments;
    /// files beside each other (`shared.network.json`, `shared.dns.json`) are the documented split of one.
    static func joinedEnvironments(_ inputs: [LintInput]) -> [String] {
        let named = inputs.filter { $0.naming != .assigned && $0.path != "-" }
        let byEnvironment = Dictionary(grouping: named, by: \.environment)
        return byEnvironment.keys.sorted().compactMap { environment in
            let group = byEnvironment[environment] ?? []
            let folders = Set(group.map { ($0.path as NSString).deletingLastPathComponent })
            let joined = group.contains { $0.naming == .backendLayout } ? group.count > 1 : folders.count > 1
            guard joined else { return nil }
            return "environment \(environment): \(group.count) inputs of different roots joined as one environment "
                + "(\(group.map(\.path).joined(separator: ", "))); if they are different environments, name them "
                + "with environments.files or --env"
        }
    }
}

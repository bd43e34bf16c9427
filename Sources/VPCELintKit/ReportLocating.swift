import Foundation
import LintCore
import Settings
import SourceMap

/// Where a report's findings point: the `.tf` line of each resource when `--source` or `source:` gives the
/// root modules (with a notice for what could not be mapped), and every cited path relative to the
/// repository root, SARIF's `%SRCROOT%`.
enum ReportLocating {
    static func locate(_ result: inout LintResult, _ settings: RunSettings) {
        let currentDirectory = FileManager.default.currentDirectoryPath
        var locations = ReportLocations(repositoryRoot: RepositoryRoot.find(from: currentDirectory))
        if !settings.sourceRoots.isEmpty {
            let environments = Dictionary(
                settings.inputs.map { ($0.path, $0.environment) }, uniquingKeysWith: { first, _ in first })
            let mapped = SourceMapper(roots: settings.sourceRoots, environmentOfInput: environments).map(result)
            locations.sources = mapped.sources
            result.notices += mapped.notices
        }
        let origins = (result.findings + result.unknowns + result.suppressed.map(\.finding) + result.baselined)
            .flatMap { [$0.location] + $0.related }
        let paths = Set(origins.map(\.path) + locations.sources.values.map(\.file) + result.inputs.map(\.path))
        if let root = locations.repositoryRoot {
            for path in paths {
                locations.repositoryPaths[path] = RepositoryRoot.relative(
                    path, root: root, currentDirectory: currentDirectory)
            }
        }
        result.locations = locations
    }
}

import LintCore
import NetworkModel

/// SARIF physical locations: the `.tf` block `--source` mapped, else the input at line 1; the URI relative to
/// `%SRCROOT%` (the repository root, declared in the run's `originalUriBaseIds`) whatever path the run was
/// given, percent-encoded (RFC 3986); a file outside the repository keeps an absolute `file://` URI.
enum SARIFLocation {
    static let baseID = "%SRCROOT%"

    static func physical(_ origin: Origin, _ locations: ReportLocations) -> JSONNode {
        let source = locations.sources[origin]
        let path = source?.file ?? origin.path
        let relative = locations.repositoryPath(path) ?? ReportPath.normalized(path)
        var artifact: [(String, JSONNode)] = [("uri", .string(ArtifactURI.relative(relative)))]
        if !relative.hasPrefix("/") { artifact.append(("uriBaseId", .string(baseID))) }
        return .object([
            ("artifactLocation", .object(artifact)),
            ("region", .object([("startLine", .int(max(1, source?.line ?? 1)))])),
        ])
    }

    /// `%SRCROOT%` as an absolute `file://` URI ending in `/` (SARIF 3.14.14) when the run knows the root,
    /// else described only.
    static func baseIDs(_ locations: ReportLocations) -> JSONNode {
        var members: [(String, JSONNode)] = []
        if let root = locations.repositoryRoot {
            members.append(("uri", .string(ArtifactURI.relative(root.hasSuffix("/") ? root : root + "/"))))
        }
        members.append(
            ("description", .object([("text", .string("The repository root the report's paths are relative to"))])))
        return .object([(baseID, .object(members))])
    }
}

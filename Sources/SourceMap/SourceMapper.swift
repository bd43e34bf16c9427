import LintCore
import NetworkModel

/// Maps each reported resource to the `.tf` line of its block, under the root module of its input's
/// environment (`--source`, `source:`). What cannot be mapped keeps its input JSON location, and one notice
/// per kind of reason counts it with an example; files that could not be read or scanned get a notice each.
public struct SourceMapper {
    /// Environment (of the input, as `--env`, `environments.files` or the file name gave it) -> root module.
    public var roots: [String: String]
    /// Input path -> its environment.
    public var environmentOfInput: [String: String]

    public init(roots: [String: String], environmentOfInput: [String: String]) {
        self.roots = roots
        self.environmentOfInput = environmentOfInput
    }

    /// The `.tf` line of every origin of `result`'s findings, unknowns, suppressed and baselined findings and
    /// their related resources that could be found, and the notices about the rest.
    public func map(_ result: LintResult) -> (sources: [Origin: BlockLocation], notices: [String]) {
        var tree = SourceTree()
        var sources = [Origin: BlockLocation]()
        var failures = [Origin: Unmapped]()
        let reported = result.findings + result.unknowns
        let listed = result.suppressed.map(\.finding) + result.baselined
        for origin in Set((reported + listed).flatMap { [$0.location] + $0.related }).sorted() {
            let environment = environmentOfInput[origin.path] ?? origin.environment
            guard let root = roots[environment] else {
                failures[origin] = .noRoot(environment)
                continue
            }
            switch tree.locate(origin.address, root: root) {
            case .success(let location): sources[origin] = location
            case .failure(let why): failures[origin] = .because(why)
            }
        }
        // Counted over the findings and unknowns a report lists; a related resource or a suppressed finding
        // that is not found keeps its JSON location like the rest, without a count of its own.
        var unmapped = [Unmapped: (count: Int, example: String)]()
        for finding in reported {
            guard let reason = failures[finding.location] else { continue }
            let current = unmapped[reason] ?? (0, finding.location.address)
            unmapped[reason] = (current.count + 1, current.example)
        }
        let notices = tree.problems + Self.notices(unmapped, total: reported.count)
        return (sources, notices)
    }

    private enum Unmapped: Hashable {
        case noRoot(String)
        case because(UnmappedReason)
    }

    private static func notices(_ unmapped: [Unmapped: (count: Int, example: String)], total: Int) -> [String] {
        unmapped.map { reason, value -> String in
            let findings = "\(value.count) of \(total) finding(s)"
            let tail = " point at the input JSON instead of the Terraform source"
            switch reason {
            case .noRoot(let environment):
                return "--source: \(findings) of environment \(environment)\(tail): no source directory is given for "
                    + "it (write --source \(environment)=DIR)"
            case .because(.remoteModule(let call, let source)):
                return "--source: \(findings) in \(call)\(tail): its source `\(source)` is not a local path "
                    + "(./ or ../), so its files are not at hand"
            case .because(.unreadableModuleSource(let call, let directory)):
                return "--source: \(findings) in \(call)\(tail): its module block in \(directory) has no literal "
                    + "source = \"./...\""
            case .because(.notFound(let block, let directory)):
                return "--source: \(findings)\(tail): no \(block) block in the .tf files of \(directory) "
                    + "(e.g. \(value.example)); check that --source names the root module these states were made from"
            case .because(.notAnAddress):
                return "--source: \(findings)\(tail): not a resource address (e.g. \(value.example))"
            }
        }.sorted()
    }
}

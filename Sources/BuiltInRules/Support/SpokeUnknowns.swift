import LintCore
import NetworkModel

/// Unknowns of one rule that say the same thing about many spokes of one hub: the same reason, another spoke
/// (a hub's state linted alone, its spokes' transit gateway attachments data sources whose subnets are
/// elsewhere; spoke files linted without the hub's). Up to ``summarizedAbove`` of one kind are kept as they are;
/// more become one, the first in report order, with the others' spokes named (three, then a count) and counted.
struct SpokeUnknowns {
    /// As many as VPCE001 lists copies one by one (``DuplicateInterfaceEndpointRule/summarizedAbove``).
    static let summarizedAbove = DuplicateInterfaceEndpointRule.summarizedAbove

    private var groups: [String: [(finding: Finding, spoke: VPC)]] = [:]

    /// Adds the unknown `finding` about `spoke`; unknowns of one `kind` say the same thing.
    mutating func add(_ finding: Finding, spoke: VPC, kind: String) {
        groups[kind, default: []].append((finding, spoke))
    }

    /// Adds the unknown `finding` about `spoke`, whose hop gave `reason`: one kind per reason.
    mutating func add(_ finding: Finding, spoke: VPC, reason: HopReason) {
        add(finding, spoke: spoke, kind: Self.kind(of: reason))
    }

    /// Every unknown added, each kind's past ``summarizedAbove`` as one. Its related resources are the first
    /// one's, then the other spokes, and its count covers them all.
    var findings: [Finding] {
        groups.values.flatMap { group -> [Finding] in
            guard group.count > Self.summarizedAbove else { return group.map(\.finding) }
            let ordered = group.sorted { Finding.ordered($0.finding, $1.finding) }
            var summary = ordered[0].finding
            let others = ordered.dropFirst()
            let named = others.prefix(3).map { Describe.vpc($0.spoke) }
            summary.message +=
                "; the same is unknown for \(others.count) more spokes of this hub: "
                + Describe.list(named + ["\(others.count - named.count) more"])
            summary.related = Array(
                (summary.related + others.prefix(Finding.relatedLimit).map(\.spoke.origin)).prefix(Finding.relatedLimit)
            )
            summary.relatedTotal += others.count
            return [summary]
        }
    }

    /// The reason's case, without what it carries: `attachmentSubnetsUnknown`.
    private static func kind(of reason: HopReason) -> String {
        Mirror(reflecting: reason).children.first?.label ?? String(describing: reason)
    }
}

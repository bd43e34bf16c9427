import LintCore
import NetworkModel

/// Renders traces as text or JSON.
public enum TraceReport {
    /// `dev-vpc, ` (its Name tag, else its ID) before the address; nothing for a planned VPC whose name would
    /// only repeat the address.
    static func named(_ vpc: VPC) -> String {
        vpc.displayName == vpc.origin.address ? "" : vpc.displayName + ", "
    }

    /// One block per source VPC: a header, one line per hop with where it is in Terraform, the verdict.
    /// The last line names the configuration file the run read (`configuration: none` without one).
    public static func text(
        _ traces: [Trace], hostNotes: [String: String], failOnUnknown: Bool, configurationPath: String? = nil
    ) -> String {
        var lines = [String]()
        for trace in traces {
            let source = trace.source
            lines.append(
                "trace \(source.origin.environment) (\(Self.named(source))`\(source.origin.address)`) -> \(trace.service)"
                    + (trace.host == trace.service ? " (gateway endpoint)" : " at \(trace.host)"))
            if let hostNote = hostNotes[trace.host] { lines.append("  note: \(hostNote)") }
            for hop in trace.hops {
                let status = hop.status.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
                let kind = hop.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                lines.append("  \(status)\(kind) \(HopText.sentence(hop.reason))")
                if let origin = hop.origin { lines.append(String(repeating: " ", count: 26) + "at " + place(origin)) }
                for related in hop.related where related != hop.origin {
                    lines.append(String(repeating: " ", count: 26) + "see " + place(related))
                }
            }
            lines.append("  result: " + verdict(trace, failOnUnknown: failOnUnknown))
            lines.append("")
        }
        lines.append("configuration: " + (configurationPath ?? "none"))
        // Every line holds text from the inputs (environment names, Name tags, addresses, hosts) and none of the
        // report's own control characters: each is escaped whole, so a line break inside a value never starts
        // a line of its own.
        return lines.map(TerminalText.escape).joined(separator: "\n") + "\n"
    }

    /// `{"traces": [...], "status": "pass|fail|unknown", ..., "configuration": PATH|null}`; each hop with its
    /// kind, status, detail and origin.
    public static func json(
        _ traces: [Trace], hostNotes: [String: String], status: ExitStatus, configurationPath: String? = nil
    ) -> String {
        let overall: HopStatus =
            traces.contains { $0.status == .fail }
            ? .fail : traces.contains { $0.status == .unknown } ? .unknown : .pass
        let root = JSONNode.object([
            ("tool", .object([("name", .string("vpcelint")), ("version", .string(VPCELint.version))])),
            ("traces", .array(traces.map { trace(node: $0, hostNote: hostNotes[$0.host]) })),
            ("status", .string(overall.rawValue)),
            ("exit_status", .int(Int(status.rawValue))),
            ("configuration", .optionalString(configurationPath)),
        ])
        return root.serialized()
    }

    private static func trace(node trace: Trace, hostNote: String?) -> JSONNode {
        let failed = trace.hops.first { $0.status == .fail }
        return .object([
            ("from", origin(trace.source.origin, extra: [("vpc", .string(trace.source.key))])),
            ("service", .string(trace.service)),
            ("host", .string(trace.host)),
            ("host_note", .optionalString(hostNote)),
            ("status", .string(trace.status.rawValue)),
            ("failed_hop", .optionalString(failed?.kind.rawValue)),
            (
                "hops",
                .array(
                    trace.hops.map { hop in
                        .object([
                            ("kind", .string(hop.kind.rawValue)),
                            ("status", .string(hop.status.rawValue)),
                            ("detail", .string(HopText.sentence(hop.reason))),
                            ("location", hop.origin.map { origin($0, extra: []) } ?? .null),
                            ("related", .array(hop.related.map { origin($0, extra: []) })),
                        ])
                    })
            ),
        ])
    }

    private static func origin(_ origin: Origin, extra: [(String, JSONNode)]) -> JSONNode {
        .object(
            [
                ("environment", .string(origin.environment)), ("path", .string(origin.path)),
                ("address", .string(origin.address)),
            ] + extra)
    }

    private static func verdict(_ trace: Trace, failOnUnknown: Bool) -> String {
        switch trace.status {
        case .pass: return "PASS, every hop passes"
        case .fail:
            let failed = trace.hops.filter { $0.status == .fail }.map(\.kind.rawValue)
            return "FAIL at " + failed.joined(separator: ", ")
        case .unknown:
            let unknown = trace.hops.filter { $0.status == .unknown }.map(\.kind.rawValue)
            return "UNKNOWN at " + unknown.joined(separator: ", ")
                + (failOnUnknown ? " (exit 1: --fail-on-unknown)" : " (exit 0; --fail-on-unknown makes this exit 1)")
        }
    }

    /// `dev: module.spoke.aws_vpc.this (fixtures/x/dev.show.json)`.
    private static func place(_ origin: Origin) -> String {
        "\(origin.environment): \(origin.address) (\(origin.path))"
    }
}

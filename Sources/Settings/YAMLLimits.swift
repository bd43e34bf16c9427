import CYaml
import LintCore

/// What a configuration file may hold before its tree is built. Yams composes an alias as a copy of its
/// anchor's node, and hashes mapping keys whole: a 452-byte file of aliases nested nine deep and used as keys
/// took a minute. libyaml's events are read once, in time and memory linear in the text, to count the aliases
/// and the nodes the tree would hold with every alias expanded; a file over a limit is refused before
/// ``YAMLReader/compose(_:)`` builds anything.
enum YAMLLimits {
    /// A `.vpcelint.yml` is a few kilobytes; 1 MiB leaves room for thousands of `ignore:` entries.
    static let maximumBytes = 1 << 20
    static let maximumAliases = 1000
    /// Nodes of the tree with every alias expanded.
    static let maximumExpandedNodes = 100_000

    /// The first limit `text` passes, as a message naming `path`; `nil` when it is within every limit (or is
    /// not YAML, which the composer then reports with its place).
    static func problem(_ text: String, path: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            return "\(path): the configuration file holds \(bytes.count) bytes; at most \(maximumBytes) are read"
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let problem = counter.add(event) {
                    return "\(path):\(event.start_mark.line + 1):\(event.start_mark.column + 1): \(problem)"
                }
            }
        }
    }

    /// Node counts along the open collections, and the expanded size of every anchor seen.
    private struct Counter {
        var open: [(anchor: String?, nodes: Int)] = []
        var anchors: [String: Int] = [:]
        var aliases = 0
        var total = 0

        mutating func add(_ event: yaml_event_t) -> String? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return finish(anchor: Self.text(event.data.scalar.anchor), nodes: 1)
            case YAML_SEQUENCE_START_EVENT:
                open.append((Self.text(event.data.sequence_start.anchor), 1))
            case YAML_MAPPING_START_EVENT:
                open.append((Self.text(event.data.mapping_start.anchor), 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let collection = open.popLast() else { return nil }
                return finish(anchor: collection.anchor, nodes: collection.nodes, counted: true)
            case YAML_ALIAS_EVENT:
                aliases += 1
                guard aliases <= YAMLLimits.maximumAliases else {
                    return "more than \(YAMLLimits.maximumAliases) aliases; write the values out"
                }
                let name = Self.text(event.data.alias.anchor) ?? ""
                return finish(anchor: nil, nodes: anchors[name] ?? 1)
            default:
                break
            }
            return nil
        }

        /// Adds a finished node of `nodes` nodes to its parent (and, unless `counted`, to the total).
        private mutating func finish(anchor: String?, nodes: Int, counted: Bool = false) -> String? {
            if !counted { total += nodes }
            if let anchor { anchors[anchor] = nodes }
            if !open.isEmpty { open[open.count - 1].nodes += nodes }
            guard total <= YAMLLimits.maximumExpandedNodes else {
                return "its aliases expand to more than \(YAMLLimits.maximumExpandedNodes) values; write the values out"
            }
            return nil
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
    }
}

import LintCore
import Yams

/// Reads typed values out of a composed YAML tree; every error names the file, line, column and key path
/// (Yams keeps libyaml's position of each node as `Node.Mark`, lines and columns from 1).
struct YAMLReader {
    /// The file as the user named it.
    var path: String

    /// The document's root node; `nil` for an empty file. Syntax errors and duplicate keys name their place.
    /// A file over ``YAMLLimits`` (size, aliases, the size with aliases expanded) is refused before the tree is
    /// built.
    func compose(_ text: String) throws(CheckError) -> Node? {
        if let problem = YAMLLimits.problem(text, path: path) { throw CheckError(problem) }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CheckError(describe(error))
        } catch {
            throw CheckError("\(path): not YAML: \(error)")
        }
    }

    /// `FILE:LINE:COLUMN: KEY: PROBLEM`.
    func error(_ node: Node, _ key: String, _ problem: String) -> CheckError {
        let place = place(node) ?? path
        return CheckError(key.isEmpty ? "\(place): \(problem)" : "\(place): \(key): \(problem)")
    }

    /// `FILE:LINE:COLUMN` of `node`.
    func place(_ node: Node) -> String? {
        node.mark.map { "\(path):\($0.line):\($0.column)" }
    }

    /// The pairs of a mapping in file order, keys as strings.
    func pairs(_ node: Node, _ key: String) throws(CheckError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, key, "expected a mapping, got \(kind(node))") }
        var pairs = [(key: String, keyNode: Node, value: Node)]()
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { throw error(keyNode, key, "keys must be plain strings") }
            pairs.append((scalar.string, keyNode, value))
        }
        return pairs
    }

    /// Fails on the first key not in `allowed`, naming it and listing the allowed ones.
    func checkKeys(
        _ pairs: [(key: String, keyNode: Node, value: Node)], allowed: [String], in parent: String
    ) throws(CheckError) {
        for pair in pairs where !allowed.contains(pair.key) {
            let name = parent.isEmpty ? pair.key : "\(parent).\(pair.key)"
            throw error(pair.keyNode, name, "unknown key; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    /// A string scalar. Quoted scalars are strings unless tagged otherwise (`!!binary "..."`); plain ones must
    /// not read as a number, bool or null.
    func string(_ node: Node, _ key: String) throws(CheckError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, key, "expected a string, got \(kind(node))") }
        guard node.tagName == .str || (scalar.style == .plain && node.tagName == .timestamp) else {
            let resolved = [Tag.Name.int, .float, .bool, .null].contains(node.tagName) && scalar.style == .plain
            throw error(
                node, key, "expected a string, got \(kind(node)) `\(scalar.string)`" + (resolved ? " (quote it)" : ""))
        }
        return scalar.string
    }

    /// A string, or a sequence of strings.
    func strings(_ node: Node, _ key: String) throws(CheckError) -> [String] {
        guard case .sequence(let sequence) = node else { return [try string(node, key)] }
        var values = [String]()
        for (index, item) in sequence.enumerated() { values.append(try string(item, "\(key)[\(index)]")) }
        return values
    }

    /// A number (int or float scalar, not quoted).
    func number(_ node: Node, _ key: String) throws(CheckError) -> Double {
        guard case .scalar(let scalar) = node, scalar.style == .plain, [Tag.Name.int, .float].contains(node.tagName),
            let value = node.float
        else { throw error(node, key, "expected a number, got \(kind(node))") }
        return value
    }

    /// `true` / `false` (YAML 1.1's `on`/`off`/`yes`/`no` too, as Yams reads them).
    func bool(_ node: Node, _ key: String) throws(CheckError) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain, node.tagName == .bool, let value = node.bool
        else { throw error(node, key, "expected true or false, got \(kind(node))") }
        return value
    }

    /// A sequence's items.
    func sequence(_ node: Node, _ key: String) throws(CheckError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, key, "expected a list, got \(kind(node))") }
        return Array(sequence)
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if node.tagName == .str { return "a string" }
            if scalar.style != .plain { return "a quoted value tagged \(tagText(node))" }
            switch node.tagName {
            case .int, .float: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            case .timestamp: return "a date"
            default: return "a value tagged \(tagText(node))"
            }
        }
    }

    /// `!!binary` for the YAML types, else the tag as written (`!custom`, `tag:example.com,2026:x`).
    private func tagText(_ node: Node) -> String {
        let raw = node.tag.rawValue
        let prefix = "tag:yaml.org,2002:"
        return raw.hasPrefix(prefix) ? "!!" + raw.dropFirst(prefix.count) : raw
    }

    private func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(path):\(mark.line):\(mark.column): not valid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(path):\(context.mark.line):\(context.mark.column): duplicate key "
                + duplicates.map { "`\($0)`" }.joined(separator: ", ")
        default:
            return "\(path): not valid YAML: \(error)"
        }
    }
}

extension Node {
    /// The resolved tag's name (`tag:yaml.org,2002:int`, ...); Yams keeps `Tag.name` internal.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}

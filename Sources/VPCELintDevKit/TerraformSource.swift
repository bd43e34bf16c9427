import Foundation

/// Finds the `.tf` block that declares a Terraform address in a fixture environment, following local
/// `module` sources (`module.hub.aws_route_table.private` -> `resource "aws_route_table" "private"` in the
/// hub module's folder). Anything it cannot follow for certain (registry modules, missing blocks) gives `nil`.
package struct TerraformSource {
    /// The repository root.
    package var root: URL

    package init(root: URL) {
        self.root = root
    }

    /// The file (relative to the root) and text of the block declaring `address` in `folder`
    /// (relative to the root, e.g. `fixtures/hub-spoke-broken/shared`).
    package func block(declaring address: String, in folder: String) -> (file: String, text: String)? {
        guard let parsed = TerraformAddress(address) else { return nil }
        var directory = root.appendingPathComponent(folder).standardizedFileURL
        for module in parsed.modules {
            guard let module = find(kind: "module", labels: [module], in: directory),
                let source = sourceAttribute(module.text), source.hasPrefix("./") || source.hasPrefix("../")
            else { return nil }
            directory = directory.appendingPathComponent(source).standardizedFileURL
        }
        guard let found = find(kind: parsed.mode, labels: [parsed.type, parsed.name], in: directory) else { return nil }
        return (relative(found.file), found.text)
    }

    /// The block the environment's own configuration declares `address` with: the first `module` call on its
    /// path (where a module-built resource is configured), else the resource block itself.
    package func rootBlock(declaring address: String, in folder: String) -> (file: String, text: String)? {
        guard let parsed = TerraformAddress(address) else { return nil }
        guard let module = parsed.modules.first else { return block(declaring: address, in: folder) }
        let directory = root.appendingPathComponent(folder).standardizedFileURL
        guard let found = find(kind: "module", labels: [module], in: directory) else { return nil }
        return (relative(found.file), found.text)
    }

    private func relative(_ file: URL) -> String {
        let rootPath = root.standardizedFileURL.path + "/"
        let path = file.path
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }

    private func find(kind: String, labels: [String], in directory: URL) -> (file: URL, text: String)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let header = ([kind] + labels.map { "\"\($0)\"" }).joined(separator: " ")
        for name in names.filter({ $0.hasSuffix(".tf") }).sorted() {
            let file = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where normalised(line).hasPrefix(header + " {") {
                if let block = Self.block(lines, from: index) { return (file, block) }
            }
        }
        return nil
    }

    /// `resource  "a"   "b" {` -> `resource "a" "b" {`.
    private func normalised(_ line: String) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The lines from `start` to the line closing its first `{`, counting braces outside strings and comments.
    static func block(_ lines: [String], from start: Int) -> String? {
        var depth = 0
        var opened = false
        for index in start..<lines.count {
            var inString = false
            var escaped = false
            var previous: Character = " "
            for character in lines[index] {
                if inString {
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "#" || (character == "/" && previous == "/") {
                    break
                } else if character == "{" {
                    depth += 1
                    opened = true
                } else if character == "}" {
                    depth -= 1
                }
                previous = character
            }
            if opened && depth == 0 { return lines[start...index].joined(separator: "\n") }
        }
        return nil
    }

    private func sourceAttribute(_ block: String) -> String? {
        for line in block.components(separatedBy: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "source", parts[1].hasPrefix("\""), parts[1].hasSuffix("\"") else {
                continue
            }
            return String(parts[1].dropFirst().dropLast())
        }
        return nil
    }
}

/// A resource address split into module calls, mode (`resource` or `data`), type and name; indexes dropped.
struct TerraformAddress {
    var modules: [String] = []
    var mode = "resource"
    var type = ""
    var name = ""

    init?(_ address: String) {
        var segments = Self.segments(address)
        while segments.count >= 2, segments[0] == "module" {
            modules.append(segments[1])
            segments.removeFirst(2)
        }
        if segments.first == "data" {
            mode = "data"
            segments.removeFirst()
        }
        guard segments.count == 2 else { return nil }
        type = segments[0]
        name = segments[1]
    }

    /// `module.a["x"].b.c[0]` -> `module`, `a`, `b`, `c`: dots outside brackets split, brackets are dropped.
    private static func segments(_ address: String) -> [String] {
        var segments = [String]()
        var current = ""
        var bracket = 0
        var inString = false
        for character in address {
            if inString {
                if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" {
                bracket += 1
            } else if character == "]" {
                bracket -= 1
            } else if character == ".", bracket == 0 {
                segments.append(current)
                current = ""
            } else if bracket == 0 {
                current.append(character)
            }
        }
        segments.append(current)
        return segments
    }
}

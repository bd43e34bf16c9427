import Foundation
import LintCore

/// Why a resource has no `.tf` line: said in the run's notices, never dropped.
public enum UnmappedReason: Error, Sendable, Hashable {
    /// No block of that type and name (or no call of that module) where the address leads.
    case notFound(block: String, directory: String)
    /// A module call whose `source` is a registry, git or other remote address: its files are not at hand.
    case remoteModule(call: String, source: String)
    /// A module call with no literal `source = "..."` (an expression, or none at all).
    case unreadableModuleSource(call: String, directory: String)
    /// Text that is not a resource address.
    case notAnAddress
}

/// The Terraform source of root modules: each directory's `.tf` files scanned once, module calls followed
/// through their local `source` (`./` or `../`, relative to the calling module's directory). Paths are joined
/// and normalized lexically, as Terraform itself resolves local module sources.
public struct SourceTree {
    /// A `.tf` file larger than this is not scanned (said as a problem): real configuration files are far smaller.
    public static let maximumFileBytes = 16 << 20

    private struct Directory {
        var resources: [String: BlockLocation] = [:]
        var modules: [String: (source: String?, location: BlockLocation)] = [:]
    }

    private var directories: [String: Directory] = [:]
    /// What could not be read or scanned, one sentence each, in the order met (a file once).
    public private(set) var problems: [String] = []

    public init() {}

    /// The block of `address` under the root module `root`, or why there is none.
    public mutating func locate(_ address: String, root: String) -> Result<BlockLocation, UnmappedReason> {
        guard let parsed = ResourceAddress(address) else { return .failure(.notAnAddress) }
        var directory = Self.normalized(root)
        var callPath = ""
        for call in parsed.modules {
            callPath += (callPath.isEmpty ? "" : ".") + "module." + call
            guard let module = index(directory).modules[call] else {
                return .failure(.notFound(block: "module \"\(call)\"", directory: directory))
            }
            guard let source = module.source else {
                return .failure(.unreadableModuleSource(call: callPath, directory: directory))
            }
            guard Self.isLocal(source) else { return .failure(.remoteModule(call: callPath, source: source)) }
            directory = Self.normalized(directory + "/" + source)
        }
        let key = "\(parsed.kind.rawValue) \"\(parsed.type)\" \"\(parsed.name)\""
        guard let location = index(directory).resources[key] else {
            return .failure(.notFound(block: key, directory: directory))
        }
        return .success(location)
    }

    /// Terraform's rule: a local module path starts with `./` or `../`; anything else is fetched.
    static func isLocal(_ source: String) -> Bool {
        source.hasPrefix("./") || source.hasPrefix("../") || source == "." || source == ".."
    }

    private mutating func index(_ directory: String) -> Directory {
        if let known = directories[directory] { return known }
        let built = build(directory)
        directories[directory] = built
        return built
    }

    private mutating func build(_ directory: String) -> Directory {
        var result = Directory()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            problems.append("\(directory): cannot list this directory of Terraform source")
            return result
        }
        let ignoredJSON = names.filter { $0.hasSuffix(".tf.json") }
        if !ignoredJSON.isEmpty {
            problems.append(
                "\(directory): \(ignoredJSON.count) .tf.json file(s) not read (only .tf files are mapped): "
                    + ignoredJSON.joined(separator: ", "))
        }
        for name in names where name.hasSuffix(".tf") {
            let path = directory == "." ? name : directory + "/" + name
            guard let bytes = read(path) else { continue }
            let scanned = TerraformScanner.scan(bytes)
            if let problem = scanned.problem {
                problems.append("\(path): \(problem); the blocks after it are not mapped")
            }
            for block in scanned.blocks {
                let location = BlockLocation(file: path, line: block.line)
                switch block.kind {
                case .module:
                    if result.modules[block.labels[0]] == nil {
                        result.modules[block.labels[0]] = (block.moduleSource, location)
                    }
                case .resource, .data:
                    let key = "\(block.kind.rawValue) \"\(block.labels[0])\" \"\(block.labels[1])\""
                    if result.resources[key] == nil { result.resources[key] = location }
                }
            }
        }
        return result
    }

    /// A regular file's bytes (through links); a FIFO or device named `*.tf` is never opened (it could block).
    private mutating func read(_ path: String) -> [UInt8]? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            problems.append("\(path): cannot read this file")
            return nil
        }
        let type = attributes[.type] as? FileAttributeType
        if type == .typeDirectory { return nil }
        guard type == .typeRegular else {
            problems.append("\(path): not a regular file, not read")
            return nil
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maximumFileBytes else {
            problems.append("\(path): larger than \(Self.maximumFileBytes >> 20) MiB, not scanned")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append("\(path): cannot read this file")
            return nil
        }
        return [UInt8](data)
    }

    /// `a/./b/../c` -> `a/c`, keeping leading `..` of a relative path and the `/` of an absolute one.
    public static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts = [Substring]()
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

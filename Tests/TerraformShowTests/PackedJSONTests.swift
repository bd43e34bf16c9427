import Foundation
import Testing

@testable import JSONC
@testable import TerraformShow

/// Resources hold their values packed (``PackedJSON``): every read must find what the tree it came from holds.
@Suite struct PackedJSONTests {
    /// The lookup rules the model was written against: non-empty `.`-separated segments, an object's member by
    /// name, an array's element by decimal index; the empty path is the whole value.
    static func treeLookup(_ root: JSONValue, _ path: String) -> JSONValue? {
        var node = root
        for segment in path.split(separator: ".", omittingEmptySubsequences: true) {
            switch node {
            case .object(let members):
                guard let next = members[String(segment)] else { return nil }
                node = next
            case .array(let items):
                guard let index = Int(segment), items.indices.contains(index) else { return nil }
                node = items[index]
            default: return nil
            }
        }
        return node
    }

    /// Every path to a value in `value` (members and indexes), at most `limit`.
    static func paths(of value: JSONValue, prefix: String = "", limit: Int, into paths: inout [String]) {
        guard paths.count < limit else { return }
        switch value {
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) where !key.contains(".") && !key.isEmpty {
                let path = prefix.isEmpty ? key : prefix + "." + key
                paths.append(path)
                Self.paths(of: member, prefix: path, limit: limit, into: &paths)
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                let path = prefix.isEmpty ? "\(index)" : prefix + ".\(index)"
                paths.append(path)
                Self.paths(of: item, prefix: path, limit: limit, into: &paths)
            }
        default: break
        }
    }

    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings(in:))
        case .object(let members): return members.values.flatMap(strings(in:))
        default: return []
        }
    }

    static let edgeCases: [JSONValue] = [
        .object([:]), .array([]), .null, .bool(true), .bool(false), .int(0), .int(.max), .int(.min), .int(-1),
        .double(0.5), .double(-0.0), .double(1e308), .string(""), .string("a\u{0}b"), .string("ü€😀"),
        .string(String(repeating: "x", count: 127)), .string(String(repeating: "y", count: 128)),
        .string(String(repeating: "z", count: 20_000)),
        .object([
            "id": .string("vpc-0123456789abcdef0"), "tags": .object(["Name": .string("hub"), "": .string("empty")]),
            "list": .array([.object([:]), .array([]), .null, .array([.string("deep"), .int(7)])]),
            "cidr_block": .string("10.0.0.0/16"), "n": .string("443"), "a.b": .bool(true),
            "0": .string("a key that looks like an index"),
        ]),
        .array([.object(["x": .array([.int(1), .int(2), .int(3)])]), .string("second")]),
        // Long enough to carry where each element starts (a zone's `vpc` blocks), nested, and one short of it.
        .object([
            "vpc": .array(
                (0..<40).map {
                    .object(["vpc_id": .string("vpc-\($0)"), "n": .array((0..<$0 % 20).map { .int(Int64($0)) })])
                }),
            "short": .array((0..<15).map { .string("s\($0)") }),
        ]),
    ]

    @Test func edgeCasesRoundTrip() {
        for value in Self.edgeCases {
            let packed = PackedJSON(value)
            #expect(packed.value == value)
            #expect(packed.isEmptyObject == (value == .object([:])))
            #expect(packed.value(at: "") == value)
            var paths = [String]()
            Self.paths(of: value, limit: 10_000, into: &paths)
            for path in paths {
                #expect(packed.value(at: path) == Self.treeLookup(value, path), "\(path)")
            }
            #expect(packed.forEachStringSorted == Self.strings(in: value).sorted())
        }
    }

    @Test func pathsThatFindNothingOrBendTheRules() {
        let value = Self.edgeCases[18]
        let packed = PackedJSON(value)
        let probes = [
            "missing", "id.more", "list.4", "list.-1", "list.+1", "list.01", "list.3.0", "..list..3..1..", ".",
            "tags.Name", "tags.", "list.x", "a.b", "0", "cidr_block.0", "list.99999999999999999999",
        ]
        for path in probes {
            #expect(packed.value(at: path) == Self.treeLookup(value, path), "\(path)")
        }
        #expect(packed.value(at: "list.+1") == .array([]))
        #expect(packed.value(at: "a.b") == nil, "a key with a dot is out of a dotted path's reach, as in the tree")
        #expect(PackedJSON.emptyObject.value(at: "x") == nil)
        #expect(PackedJSON.emptyObject.value(at: "..") == .object([:]))
        #expect(PackedJSON(.array([.int(1)])).value(at: "0") == .int(1))
        let long = PackedJSON(Self.edgeCases[20])
        #expect(long.value(at: "vpc.39.vpc_id") == .string("vpc-39"))
        #expect(long.value(at: "vpc.40") == nil)
        #expect(long.value(at: "vpc.19.n.18") == .int(18))
        #expect(PackedJSON(.string("s")).value(at: "0") == nil)
    }

    /// Values packed one after another into shared arenas each read back as they were, whatever their size
    /// (a value of more than a quarter of the largest arena gets its own), after the arenas filled.
    @Test func valuesSharingArenasStayApart() {
        var packer = PackedJSON.Packer(firstArena: 64)
        var values: [JSONValue] = []
        for index in 0..<2_000 {
            let blobLength = index % 7 == 0 ? index * 50 : index % 13
            let members: [String: JSONValue] = [
                "id": .string("subnet-\(index)"), "n": .int(Int64(index)),
                "blob": .string(String(repeating: "b", count: blobLength)),
            ]
            values.append(.object(members))
        }
        let huge = String(repeating: "h", count: PackedJSON.Packer.largestArena)
        values.append(.object(["huge": .string(huge)]))
        values.append(.object([:]))
        values.append(.array([.null]))
        let packed = values.map { packer.pack($0) }
        for (value, packed) in zip(values, packed) {
            #expect(packed.value == value)
            #expect(packed.value(at: "id") == value["id"])
        }
        #expect(packed[values.count - 2].isEmptyObject)
    }

    @Test func keysAreCheckedWithoutATree() {
        let packed = PackedJSON(
            .object(["tags": .object(["vpcelint:ignore": .string("VPCE001"), "Name": .string("a")]), "id": .null]))
        #expect(packed.allKeys(at: "", satisfy: { ["tags", "id"].contains($0) }))
        #expect(!packed.allKeys(at: "", satisfy: { $0 == "tags" }))
        #expect(!packed.allKeys(at: "tags", satisfy: { $0.hasPrefix("vpcelint:") }))
        #expect(packed.allKeys(at: "tags", satisfy: { !$0.isEmpty }))
        #expect(packed.allKeys(at: "id", satisfy: { _ in false }), "not an object: nothing to refuse")
        #expect(packed.allKeys(at: "nothing", satisfy: { _ in false }))
        #expect(PackedJSON.emptyObject.allKeys(at: "", satisfy: { _ in false }))
    }

    /// Every value of every public corpus document (the whole document as one value, so every shape
    /// Terraform writes): decoded equal, every path found alike, and packed in at most the bytes of its text.
    @Test(arguments: Corpus.showJSONFiles)
    func corpusDocumentsRoundTrip(_ relative: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.path(relative))))
        let tree = try InputBytes(bytes).parseJSON()
        let packed = PackedJSON(tree)
        #expect(packed.value == tree)
        var paths = [String]()
        Self.paths(of: tree, limit: 5_000, into: &paths)
        #expect(!paths.isEmpty)
        for path in paths {
            #expect(packed.value(at: path) == Self.treeLookup(tree, path), "\(relative): \(path)")
        }
        #expect(packed.forEachStringSorted == Self.strings(in: tree).sorted())
        #expect(
            packed.byteCount <= bytes.count, "\(relative): \(packed.byteCount) packed bytes, \(bytes.count) of text")
    }

    /// What a loaded resource answers is what its tree answers.
    @Test func loadedResourcesReadAsTheirTrees() throws {
        var checked = 0
        for relative in Corpus.showJSONFiles {
            let document = try DocumentLoader.load(path: Corpus.path(relative))
            for resource in document.resources {
                let tree = resource.values
                var paths = [String]()
                Self.paths(of: tree, limit: 200, into: &paths)
                for path in paths {
                    #expect(resource.value(at: path) == Self.treeLookup(tree, path), "\(relative) \(path)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }
}

extension PackedJSON {
    fileprivate var forEachStringSorted: [String] {
        var found = [String]()
        forEachString { found.append($0) }
        return found.sorted()
    }
}

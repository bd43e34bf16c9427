import Foundation
import Synchronization
import Testing

@testable import JSONC
@testable import TerraformShow

/// The streaming loader (a boundary scan, then json-c per resource) gives exactly what the whole-tree
/// parse gives: the same documents and the same errors, byte for byte.
@Suite struct StreamingTests {
    static var wholeTree: LoadOptions {
        var options = LoadOptions()
        options.strategy = .wholeTree
        return options
    }

    static var streaming: LoadOptions {
        var options = LoadOptions()
        options.strategy = .streaming
        return options
    }

    /// Every show -json document of the corpus, and every fixture, as absolute paths.
    static var documents: [String] {
        let fixtures = Corpus.repositoryRoot.appendingPathComponent("fixtures", isDirectory: true)
        return Corpus.showJSONFiles.map(Corpus.path)
            + Corpus.jsonFiles(under: fixtures).map { fixtures.appendingPathComponent($0).path }
    }

    @Test func documentsAreThere() {
        #expect(Self.documents.count >= 40)
    }

    @Test(arguments: documents)
    func sameDocument(_ path: String) throws {
        // Fixtures also hold expected findings (not show -json): those must be refused alike.
        guard let whole = try? DocumentLoader.load(path: path, options: Self.wholeTree) else {
            #expect(
                result { try DocumentLoader.load(path: path, options: Self.wholeTree) }
                    == result { try DocumentLoader.load(path: path, options: Self.streaming) })
            return
        }
        let streamed = try DocumentLoader.load(path: path, options: Self.streaming)
        expectSame(whole, streamed)
        var oneThread = Self.streaming
        oneThread.parallelChunks = false
        expectSame(whole, try DocumentLoader.load(path: path, options: oneThread))
    }

    /// A raw state as a backend stores it: modules, count and for_each keys, a data source, a kept network
    /// type and a dropped one, `private` and dependency lists the reader never looks at.
    static let rawState = #"""
        {"version":4,"terraform_version":"1.11.4","serial":7,"lineage":"x","outputs":{},"resources":[
          {"mode":"managed","type":"aws_vpc","name":"hub","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",
           "instances":[{"schema_version":1,"attributes":{"id":"vpc-1","cidr_block":"10.0.0.0/16","tags":{"Name":"hub"}},
             "sensitive_attributes":[],"private":"eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ=="}]},
          {"module":"module.spoke[\"dev\"]","mode":"managed","type":"aws_subnet","name":"private",
           "provider":"provider[\"registry.terraform.io/hashicorp/aws\"].tokyo",
           "instances":[{"index_key":0,"attributes":{"id":"subnet-1","vpc_id":"vpc-1","cidr_block":"10.0.1.0/24"},"dependencies":["aws_vpc.hub"]},
                        {"index_key":1,"attributes":{"id":"subnet-2","vpc_id":"vpc-1","cidr_block":"10.0.2.0/24"}}]},
          {"mode":"data","type":"aws_vpc","name":"shared","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",
           "instances":[{"attributes":{"id":"vpc-9","cidr_block":"10.9.0.0/16"}}]},
          {"mode":"managed","type":"aws_iam_role","name":"task","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",
           "instances":[{"index_key":"a","attributes":{"name":"task","assume_role_policy":"{\"Version\":\"2012-10-17\"}"}},
                        {"index_key":"b","attributes":null}]},
          {"mode":"managed","type":"null_resource","name":"none","provider":"provider[\"registry.terraform.io/hashicorp/null\"]","instances":[]}
        ]}
        """#

    /// A keep-list for the compact-record tests (the real one belongs to NetworkModel, which the loader's
    /// tests do not import): some types of the fixtures and corpus, not others.
    static let keepsNetwork: @Sendable (String) -> Bool = { type in
        ["aws_vpc", "aws_subnet", "aws_route", "aws_route_table", "aws_vpc_endpoint", "aws_security_group"]
            .contains(type) || type.hasPrefix("aws_route53_")
    }

    /// Attribute lists for some of those types (``LoadOptions/keptAttributes``); the others keep every attribute.
    static let keptAttributes: @Sendable (String) -> Set<String>? = { type in
        switch type {
        case "aws_vpc", "aws_subnet": ["id", "cidr_block", "vpc_id", "tags"]
        case "aws_vpc_endpoint": ["id", "vpc_id", "service_name", "dns_entry", "subnet_ids"]
        case "aws_route53_record": ["name", "alias", "zone_id"]
        default: nil
        }
    }

    /// Of subnets and endpoints, only the tags under `vpcelint:` (``LoadOptions/keptPrefixes``).
    static let keptPrefixes: @Sendable (String) -> [String: String] = { type in
        ["aws_subnet", "aws_vpc_endpoint"].contains(type) ? ["tags": "vpcelint:", "tags_all": "vpcelint:"] : [:]
    }

    /// A network-only load's options: ``keepsNetwork``, ``keptAttributes`` and ``keptPrefixes``.
    static func networkOnly(_ options: LoadOptions) -> LoadOptions {
        var options = options
        options.keepValues = keepsNetwork
        options.keptAttributes = keptAttributes
        options.keptPrefixes = keptPrefixes
        return options
    }

    @Test(arguments: [false, true])
    func rawStateStreamsLikeTheWholeTree(_ networkOnly: Bool) throws {
        let bytes = Array(Self.rawState.utf8)
        var whole = Self.wholeTree
        var streaming = Self.streaming
        if networkOnly {
            whole = Self.networkOnly(whole)
            streaming = Self.networkOnly(streaming)
        }
        let tree = try DocumentLoader.load(bytes: bytes, path: "raw.tfstate", options: whole)
        let streamed = try DocumentLoader.load(bytes: bytes, path: "raw.tfstate", options: streaming)
        #expect(tree.kind == .rawState && tree.resources.count == 6)
        expectSame(tree, streamed)
        #expect(streamed.resources.map(\.values) == tree.resources.map(\.values))
        let layout = InputBytes(bytes).layout(.terraform)
        #expect(layout.chunks.count == 5 && layout.chunks.allSatisfy { $0.kind == ChunkKind.rawResource.rawValue })
        #expect(layout.groups.count == 1)
    }

    /// Resource items at the edges of what the chunk parser reads straight from json-c (``ResourceEnvelope``)
    /// and what it hands to the value reader: every member's kinds, marks, numbers json-c clamps in members
    /// no reader looks at. Each loads (or fails) as the whole tree does, in a full and a network-only load.
    @Test(arguments: [
        #"{"type":"aws_vpc","name":"a","index":3,"values":{"id":"vpc-1","cidr_block":"10.0.0.0/16"}}"#,
        #"{"type":"aws_vpc","name":"a","index":"k","mode":"data","address":"data.aws_vpc.a["k"]"}"#,
        #"{"type":"aws_vpc","name":"a","index":null,"address":null,"provider_name":null,"values":null}"#,
        #"{"type":"aws_vpc","name":"a","index":1.0}"#,
        #"{"type":"aws_vpc","name":"a","index":1.5}"#,
        #"{"type":"aws_vpc","name":"a","index":true}"#,
        #"{"type":"aws_vpc","name":"a","index":9223372036854775807}"#,
        #"{"type":"aws_vpc","name":"a","mode":null}"#,
        #"{"type":"aws_vpc","name":"a","mode":"resource"}"#,
        #"{"type":"aws_vpc","name":"a","address":7}"#,
        #"{"type":"aws_vpc","name":"a","provider_name":["aws"]}"#,
        #"{"type":"aws_vpc","name":null}"#,
        #"{"type":7,"name":"a"}"#,
        #"{"name":"a"}"#,
        #"{"type":"aws_vpc","name":"a","values":[1]}"#,
        #"{"type":"aws_iam_role","name":"a","values":[1]}"#,
        #"{"type":"aws_iam_role","name":"a","values":{"n":1e999}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"unread":-9223372036854775809,"id":"vpc-1"}}"#,
        #"{"type":"aws_vpc","name":"a","schema_version":99999999999999999999}"#,
        #"{"type":"aws_vpc","name":"a","depends_on":["x",[{"n":1E400}]]}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"tags":{"k":true}},"values":{"tags":{"k":"v"}}}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"unread":true}}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":true}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"tags":{},"n":[false,1e999]}}"#,
        #"{"type":"aws_vpc","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","name":"b"}"#,
        #"{"type":"aws_vpc_endpoint","name":"\u00e9\u0000x","address":"aws_vpc_endpoint.\u00e9\u0000x","values":{}}"#,
        #"{"type":"aws_vpc","name":"a","provider_name":"reg\u0000istry","values":{"tags":{"vpcelint:hub":"true"}}}"#,
        #"{"type":"aws_subnet","name":"a","address":"module.m["x"].aws_subnet.a[0]","index":0}"#,
        #"{"type":"aws_subnet","name":"a","address":"module.m.aws_subnet.b[0]","index":0}"#,
        // What json-c parses in place of the item leaves out the attributes not kept (``ResourceSkim``): its
        // validator doubts anything json-c might refuse or read otherwise, and the item is then parsed whole.
        #"{"type":"aws_vpc","name":"a","values":{"arn":"x","id":"v","policy":{"a":[1,2.5,-0,true,false,null,"\u00e9\n"]}}}"#,
        #"{ "type" : "aws_vpc" ,"name":"a" ,"values" : { "arn" : [ ] , "id" : "v" ,"x":{ }}\#t}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":1e999,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":1E2,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":99999999999999999999,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":-9223372036854775808,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":NaN,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":-Infinity,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":01,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":1.,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":tru,"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":[1,],"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":{"a":1,},"id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":"\x","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":"\ud800","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":"\ud83d\ude00","id":"v"}}"#,
        "{\"type\":\"aws_vpc\",\"name\":\"a\",\"values\":{\"arn\":\"a\u{01}b\",\"id\":\"v\"}}",
        "{\"type\":\"aws_vpc\",\"name\":\"a\",\"values\":{\"arn\":\u{0C}1,\"id\":\"v\"}}",
        #"{"type":"aws_vpc","name":"a","values":{"arn":"x","cidr_\u0062lock":"10.1.0.0/16","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"caf\#u{E9}":"x","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"cidr_block":"10.1.0.0/16","arn":"x","cidr_block":"10.2.0.0/16"}}"#,
        #"{"type":"aws_vpc","name":"a","valu\u0065s":{"arn":"x","id":"v"}}"#,
        #"{"name":"a","values":{"arn":"x","id":"v"},"type":"aws_vpc"}"#,
        #"{"type":"aws_iam_role","name":"a","values":{"arn":"x","id":"v"},"type":"aws_vpc"}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"arn":true},"values":{"arn":"x","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"arn":false,"tags":{}},"values":{"arn":"x","tags":{}}}"#,
        #"{"type":"aws_vpc","name":"a","sensitive_values":{"arn":[1e999]},"values":{"arn":"x","id":"v"}}"#,
        #"{"type":"aws_iam_role","name":"r","values":{"policy":"{}","n":[1,{"a":null}]},"sensitive_values":{"x":[false]}}"#,
        #"{"type":"aws_iam_role","name":"r","values":{"policy":"{}"},"sensitive_values":{"x":true}}"#,
        #"{"type":"aws_iam_role","name":"r","values":{"n":[1,2,]}}"#,
        #"{"type":"aws_iam_role","name":"r","index":1,"values":{"n":1.5},"depends_on":["aws_vpc.a"]}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":"# + String(repeating: "[", count: 600)
            + String(repeating: "]", count: 600) + #","id":"v"}}"#,
        #"{"type":"aws_vpc","name":"a","values":{"arn":"# + String(repeating: "[", count: 100)
            + String(repeating: "]", count: 100) + #","id":"v"}}"#,
    ])
    func resourceItemsReadAsTheWholeTree(_ item: String) throws {
        let text = #"{"format_version":"1.0","values":{"root_module":{"resources":["# + item + "]}}}"
        let bytes = Array(text.utf8)
        for networkOnly in [false, true] {
            let whole = networkOnly ? Self.networkOnly(Self.wholeTree) : Self.wholeTree
            let streaming = networkOnly ? Self.networkOnly(Self.streaming) : Self.streaming
            let tree = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: whole) }
            let streamed = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: streaming) }
            #expect(tree == streamed, "network only: \(networkOnly)")
            if let document = try? DocumentLoader.load(bytes: bytes, path: "in.json", options: whole) {
                expectSame(document, try DocumentLoader.load(bytes: bytes, path: "in.json", options: streaming))
            }
        }
    }

    /// Batches of a few chunks each, parsed concurrently, merge back in document order.
    @Test(arguments: documents)
    func sameDocumentFromSmallBatches(_ path: String) throws {
        guard let whole = try? DocumentLoader.load(path: path, options: Self.wholeTree) else {
            // What the whole-tree path refuses, streaming refuses too.
            #expect(throws: (any Error).self) { try DocumentLoader.load(path: path, options: Self.streaming) }
            return
        }
        let loader = StreamingLoader(text: try InputFile.read(path), path: path, options: Self.streaming)
        var parallel = try loader.loadInParallel(batchBytes: 2000)
        parallel.encoding = whole.encoding
        expectSame(whole, parallel)
    }

    /// Many inputs at once, each split into tiny batches, from inside GCD's own workers (as `loadAll` runs
    /// them): every worker may be busy with an input of its own, so each input's thread parses its queued
    /// batches itself rather than wait for a free worker. Same documents as one at a time.
    @Test func concurrentInputsWithTinyBatchesNeverWaitForWorkers() throws {
        let paths = Array(Self.documents.filter { !$0.contains("/expected/") }.prefix(48))
        let texts = try paths.map { try InputFile.read($0) }
        let expected = try paths.map { try DocumentLoader.load(path: $0, options: Self.wholeTree) }
        let results = Mutex([Int: TerraformDocument]())
        DispatchQueue.concurrentPerform(iterations: paths.count * 4) { iteration in
            let index = iteration % paths.count
            let loader = StreamingLoader(text: texts[index], path: paths[index], options: Self.streaming)
            if let document = try? loader.loadInParallel(batchBytes: 300) {
                results.withLock { $0[iteration] = document }
            }
        }
        let loaded = results.withLock { $0 }
        #expect(loaded.count == paths.count * 4)
        for (iteration, document) in loaded {
            var document = document
            document.encoding = expected[iteration % paths.count].encoding
            expectSame(expected[iteration % paths.count], document)
        }
    }

    @Test(arguments: documents)
    func sameCompactDocument(_ path: String) throws {
        let whole = Self.networkOnly(Self.wholeTree)
        let streaming = Self.networkOnly(Self.streaming)
        guard let compact = try? DocumentLoader.load(path: path, options: streaming) else {
            #expect(throws: (any Error).self) { try DocumentLoader.load(path: path, options: whole) }
            return
        }
        expectSame(try DocumentLoader.load(path: path, options: whole), compact)
        let full = try DocumentLoader.load(path: path, options: Self.streaming)
        #expect(compact.resources.map(\.address) == full.resources.map(\.address))
        for (small, large) in zip(compact.resources, full.resources) {
            #expect(small.actions == large.actions && small.references == large.references)
            if Self.keepsNetwork(small.type) {
                let kept = Self.keptAttributes(small.type)
                let prefixes = Self.keptPrefixes(small.type)
                #expect(small.values == kept.map { large.values.keeping($0, prefixes: prefixes) } ?? large.values)
                #expect(small.unknown == kept.map { large.unknown?.keeping($0, prefixes: prefixes) } ?? large.unknown)
                #expect(
                    small.sensitive == kept.map { large.sensitive?.keeping($0, prefixes: prefixes) } ?? large.sensitive)
            } else {
                #expect(small.values == .object([:]) && small.unknown == nil && small.sensitive == nil)
            }
        }
    }

    /// Some of these load (raw states); the others must be refused alike.
    @Test(arguments: Corpus.jsonFiles(under: Corpus.notShowJSON))
    func sameRefusal(_ relative: String) {
        let path = Corpus.notShowJSON.appendingPathComponent(relative).path
        #expect(
            result { try DocumentLoader.load(path: path, options: Self.wholeTree) }
                == result { try DocumentLoader.load(path: path, options: Self.streaming) })
    }

    /// Faults inside resources, changes and configuration, where the streaming loader parses chunks.
    @Test(arguments: [
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a"},{"type":"aws_vpc","name":,"b"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a"]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a"}{"type":"b"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a"}]},}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a","values":{"x":[1,2,]}}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a"}]}}} {"a":1}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a\"]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"child_modules":[{"resources":[{"type":"a","name":"b","values":7}]}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc"},{"name":"x"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[1,{"type":"aws_vpc"}]}}}"#,
        #"{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":"create"}}]}"#,
        #"{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"after":{]}}}]}"#,
        #"{"format_version":"1.2","configuration":{"root_module":{"module_calls":[]}}}"#,
        #"{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{}}]}}}"#,
        #"{"format_version":"1.2","configuration":{"root_module":{"resources":[}}}"#,
        #"{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"type":"a","name":"b","mode":"x"}]}}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"}]}},"values":{"root_module":{"resources":[{"type":"c","name":"d"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"aws_vpc","name":"a","values":{"k":"\u0001x#0"}}]}}}"#,
        // Separators of an array that would otherwise stand as one group placeholder in the skeleton.
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},,{"type":"a","name":"c"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[,{"type":"a","name":"b"}]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},null]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},[]]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},"x"]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"}}}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"} x]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[ {"type":"a","name":"b"} ,"# + "\n\t"
            + #"{"type":"a","name":"c"}"# + "\r" + #" ]}}}"#,
        #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b"},"# + "\u{0B}"
            + #"{"type":"a","name":"c"}]}}}"#,
        #"{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"]}},]}"#,
        // Raw state resources, each a chunk of its own.
        #"{"version":4,"resources":[{"mode":"managed","type":"aws_vpc","name":"a","instances":{}}]}"#,
        #"{"version":4,"resources":[{"mode":"managed","type":"aws_iam_role","name":"a","instances":[{"attributes":[1]}]}]}"#,
        #"{"version":4,"resources":[{"mode":"managed","type":"aws_iam_role","name":"a","instances":[{"attributes":{"n":NaN}}]}]}"#,
        #"{"version":4,"resources":[{"mode":"managed","type":"aws_iam_role","name":"a","instances":[{"private":1e999}]}]}"#,
        #"{"version":4,"resources":[{"mode":"managed","name":"a","instances":[]}]}"#,
        #"{"version":4,"resources":[{"mode":"managed","type":"aws_vpc","name":"a","instances":[{"index_key":[]}]}]}"#,
        #"{"version":4,"resources":[{"type":"aws_vpc","name":"a","instances":[]},]}"#,
        #"{"version":4,"resources":[{"type":"aws_vpc","name":"a","instances":[{"attributes":{"x":[1,]}}]}]}"#,
        #"{"version":4,"resources":[{"type":"aws_vpc","name":"a"},7]}"#,
        #"{"version":"4","resources":[{"type":"aws_vpc","name":"a"}]}"#,
        #"{"version":3,"resources":[{"type":"aws_vpc","name":"a"}]}"#,
        #"{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"]}} {"address":"a.c"}]}"#,
    ])
    func sameError(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: Self.wholeTree) }
        let streamed = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: Self.streaming) }
        #expect(whole == streamed)
    }

    /// Nesting past the limit inside a resource fails at the same byte as in the whole document.
    @Test(arguments: [400, 509, 510, 511, 512, 600])
    func sameDepthLimit(_ depth: Int) {
        for module in [0, 3] {
            let open = String(repeating: #"{"child_modules":[{"resources":["#, count: module)
            let close = String(repeating: "]}]", count: module)
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let text =
                #"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"a","name":"b","values":{"x":"#
                + nested + "}}]" + (module > 0 ? "," : "") + open.dropFirst(0) + close + "}}}"
            let bytes = Array(text.utf8)
            let whole = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: Self.wholeTree) }
            let streamed = result { try DocumentLoader.load(bytes: bytes, path: "in.json", options: Self.streaming) }
            #expect(whole == streamed, "depth \(depth), module \(module)")
        }
    }

    @Test(arguments: [
        "hashicorp__terraform-json/testdata__basic__plan.json",
        "snyk__policy-engine/pkg__input__golden_test__tfstate__example-01__state.json",
    ])
    func everyPrefixFailsTheSameWay(_ relative: String) throws {
        let path = Corpus.path(relative)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            let whole = result { try DocumentLoader.load(bytes: prefix, path: "cut.json", options: Self.wholeTree) }
            let streamed = result { try DocumentLoader.load(bytes: prefix, path: "cut.json", options: Self.streaming) }
            #expect(whole == streamed, "cut at \(length)")
        }
    }

    @Test func loadAllKeepsInputOrder() throws {
        let paths = Array(Self.documents.prefix(12)) + ["/nonexistent/plan.json"] + Array(Self.documents.prefix(3))
        let results = DocumentLoader.loadAll(paths: paths)
        #expect(results.count == paths.count)
        for (path, result) in zip(paths, results) {
            switch result {
            case .success(let document): #expect(document.path == path)
            case .failure(let error): #expect(error.path == path && path.hasPrefix("/nonexistent"))
            }
        }
    }

    @Test func scannerFindsResourceChangesAndConfiguration() throws {
        let path = Corpus.path("hashicorp__terraform-json/testdata__basic__plan.json")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let chunks = InputBytes(bytes).layout(.terraform).chunks
        #expect(chunks.contains { $0.kind == ChunkKind.moduleResource.rawValue })
        #expect(chunks.contains { $0.kind == ChunkKind.resourceChange.rawValue })
        #expect(chunks.filter { $0.kind == ChunkKind.configuration.rawValue }.count == 1)
        for chunk in chunks {
            #expect(bytes[chunk.start] == UInt8(ascii: "{") && bytes[chunk.end - 1] == UInt8(ascii: "}"))
        }
    }

    /// A `resources` or `resource_changes` array of objects, commas and whitespace only becomes one group; any
    /// other element or separator keeps the array in the skeleton, chunk by chunk, for json-c to judge.
    @Test(arguments: [
        (#"[{"a":1},{"b":2}]"#, true),
        (#"[ {"a":1} ,"# + "\n\t\r" + #"{"b":[1,{"c":"]"}]} ]"#, true),
        (#"[{"a":1}]"#, true),
        (#"[]"#, false),
        (#"[{"a":1},]"#, false),
        (#"[,{"a":1}]"#, false),
        (#"[{"a":1},,{"b":2}]"#, false),
        (#"[{"a":1}{"b":2}]"#, false),
        (#"[{"a":1},null]"#, false),
        (#"[{"a":1},"x"]"#, false),
        (#"[{"a":1},[]]"#, false),
        (#"[{"a":1}}"#, false),
    ])
    func scannerGroupsOnlyCleanArrays(_ array: String, _ grouped: Bool) {
        for text in [
            #"{"values":{"root_module":{"resources":"# + array + "}}}",
            #"{"resource_changes":"# + array + "}",
            #"{"version":4,"resources":"# + array + "}",
        ] {
            let bytes = Array(text.utf8)
            let layout = InputBytes(bytes).layout(.terraform)
            #expect(layout.groups.count == (grouped ? 1 : 0), "\(text)")
            if let group = layout.groups.first {
                #expect(bytes[group.start] == UInt8(ascii: "[") && bytes[group.end - 1] == UInt8(ascii: "]"))
                #expect(group.chunks == layout.chunks.indices)
            }
        }
    }

    private func expectSame(
        _ left: TerraformDocument, _ right: TerraformDocument, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(left.path == right.path, sourceLocation: sourceLocation)
        #expect(left.kind == right.kind, sourceLocation: sourceLocation)
        #expect(left.formatVersion == right.formatVersion, sourceLocation: sourceLocation)
        #expect(left.terraformVersion == right.terraformVersion, sourceLocation: sourceLocation)
        #expect(left.encoding == right.encoding, sourceLocation: sourceLocation)
        #expect(left.moduleInputs == right.moduleInputs, sourceLocation: sourceLocation)
        #expect(left.moduleOutputs == right.moduleOutputs, sourceLocation: sourceLocation)
        #expect(fingerprint(left.resources) == fingerprint(right.resources), sourceLocation: sourceLocation)
        #expect(
            left.priorResources.map(fingerprint) == right.priorResources.map(fingerprint),
            sourceLocation: sourceLocation)
    }

    private func fingerprint(_ resources: [Resource]) -> [ResourceFingerprint] {
        resources.map(ResourceFingerprint.init)
    }
}

/// Every field of a ``Resource``, comparable.
struct ResourceFingerprint: Equatable {
    var address, type, name, modulePath, providerName: String
    var mode: ResourceMode
    var index: InstanceKey?
    var values: JSONValue
    var unknown, sensitive: JSONValue?
    var actions: [String]?
    var references: [String: [String]]

    init(_ resource: Resource) {
        address = resource.address
        type = resource.type
        name = resource.name
        modulePath = resource.modulePath
        providerName = resource.providerName
        mode = resource.mode
        index = resource.index
        values = resource.values
        unknown = resource.unknown
        sensitive = resource.sensitive
        actions = resource.actions
        references = resource.references
    }
}

/// A document's resource addresses, or its error.
private func result(_ load: () throws -> TerraformDocument) -> Result<[String], LoadError> {
    do {
        return .success(try load().resources.map(\.address))
    } catch let error as LoadError {
        return .failure(error)
    } catch {
        return .failure(LoadError(path: "?", message: "\(error)"))
    }
}

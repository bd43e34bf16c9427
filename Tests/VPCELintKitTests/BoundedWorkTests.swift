import Foundation
import TestSupport
import Testing

@testable import Settings

/// Issue 12, class 4: work is bounded by the input, and huge inputs fail cleanly. Standard input is fed by a
/// shell pipeline whose producer is cut by `head -c` (never an endless stream), so a regression reads at most
/// that much instead of exhausting memory.
@Suite("bounded standard input and linear globs", .serialized)
struct BoundedWorkTests {
    static let broken = Repository.path("fixtures/hub-spoke-broken")

    /// Runs `script` with `sh -c`; `$VPCELINT` is the binary.
    static func pipeline(
        _ script: String, environment: [String: String] = [:], in directory: String? = nil
    ) throws -> Run {
        let binary = try #require(Binary.url, "vpcelint is not built beside the tests; run `swift build` first")
        return try Run.launch(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory,
            environment: environment.merging(["NO_COLOR": "1", "VPCELINT": binary.path]) { $1 })
    }

    @Test func yesIsRefusedAtItsFirstByte() throws {
        let run = try Self.pipeline(#"yes | head -c 100000000 | "$VPCELINT" check -"#)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix(
                "vpcelint: error: -:1:1: standard input is not a `terraform show -json` document: it starts with "
                    + "byte 0x79 ('y')"))
    }

    @Test func zerosAreRefusedAtTheirFirstByte() throws {
        let run = try Self.pipeline(#"head -c 100000000 /dev/zero | "$VPCELINT" check -"#)
        #expect(run.status == 2)
        #expect(run.stderr.contains("-:1:1: standard input is not a `terraform show -json` document"))
        #expect(run.stderr.contains("byte 0x00 where a document starts with `{`"))
    }

    @Test func aBraceThenZerosStopsAtTheFirstNUL() throws {
        let run = try Self.pipeline(#"{ printf '{'; head -c 100000000 /dev/zero; } | "$VPCELINT" check -"#)
        #expect(run.status == 2)
        #expect(run.stderr.contains("-:1:2: the file holds a NUL byte"))
    }

    @Test func standardInputOverTheLimitIsRefused() throws {
        let script = #"{ printf '{'; yes ' ' | head -c 1000000; } | "$VPCELINT" check -"#
        let run = try Self.pipeline(script, environment: ["VPCELINT_MAX_STDIN_BYTES": "100000"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("-: standard input holds more than 100000 bytes"))
        #expect(run.stderr.contains("VPCELINT_MAX_STDIN_BYTES"))
        let bad = try Self.pipeline(
            #""$VPCELINT" check - < /dev/null"#, environment: ["VPCELINT_MAX_STDIN_BYTES": "-1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("VPCELINT_MAX_STDIN_BYTES=-1: expected a number of bytes"))
    }

    @Test func standardInputWithinTheLimitLoads() throws {
        let file = Self.broken + "/dev.show.json"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let run = try Self.pipeline(
            #"cat "$INPUT" | "$VPCELINT" check --format json -"#,
            environment: ["VPCELINT_MAX_STDIN_BYTES": "\(size)", "INPUT": file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{"))
        let utf16 = try Self.pipeline(
            #"iconv -f UTF-8 -t UTF-16 "$INPUT" | "$VPCELINT" check -"#, environment: ["INPUT": file])
        #expect(utf16.status == 0, "\(utf16.stderr)")
    }

    /// A state whose one VPC holds an array of five million elements (10 MB; json-c's tree of it takes
    /// ~300 MB): under each address-space limit the run either has the memory (exit 0 or 1) or says that it
    /// has not, at the resource, with exit 2: never a trap (Swift traps when an allocation fails) nor json-c's
    /// "invalid JSON: success". The lowest limit is below what json-c needs, a middle one below what the
    /// Swift copy needs after json-c succeeded.
    @Test func anAllocationFailureIsExitTwoWithAMessage() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/huge-array.json"
            let head =
                #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
                + #"{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","#
                + #""provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"vpc-1","#
                + #""cidr_block":"10.0.0.0/16","tags":{"x":["#
            var text = head
            text += String(repeating: "0,", count: 4_999_999) + "0]}}}]}}}"
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            var messages = Set<String>()
            for megabytes in [300, 450, 600, 800, 1200] {
                let run = try Self.pipeline(
                    #"ulimit -v \#(megabytes * 1024) && exec "$VPCELINT" check huge-array.json"#,
                    in: directory)
                if run.status == 2 {
                    #expect(run.stderr.hasPrefix("vpcelint: error: huge-array.json:1:92: not enough memory to read "))
                    #expect(run.stderr.contains("raise the limit"))
                    #expect(!run.stderr.contains("success"))
                    messages.insert(String(run.stderr.prefix(120)))
                } else {
                    #expect(run.status == 0 || run.status == 1, "\(megabytes) MB: exit \(run.status) \(run.stderr)")
                }
            }
            // Both places memory can run out were reached: json-c's parse and the copy into Swift.
            #expect(messages.contains { $0.contains("read the value starting here") })
            #expect(messages.contains { $0.contains("read an array or object of 5000000 elements") })
        }
    }

    /// Five patterns `*aaaa…b` against a 200 KB address took minutes (backtracking); linear now. No timing
    /// assertion: a regression shows as a test that takes minutes.
    @Test func suppressionGlobsAgainstAHugeAddress() throws {
        let long = "private" + String(repeating: "a", count: 200_000)
        try withTemporaryDirectory { directory in
            for name in ["dev", "prd", "stg", "shared"] {
                let source = Self.broken + "/\(name).show.json"
                var text = try String(contentsOfFile: source, encoding: .utf8)
                if name == "shared" {
                    text = try Self.renaming("module.hub.aws_route_table.private", to: long, in: text)
                }
                try text.write(toFile: directory + "/\(name).show.json", atomically: false, encoding: .utf8)
            }
            let patterns = (0..<5).map { String(repeating: "a", count: 2000 + $0) + "b" }
            let entries = patterns.map { "  - rule: VPCE002\n    address: \"*\($0)\"\n    reason: r\n" }
            try ("ignore:\n" + entries.joined()).write(
                toFile: directory + "/.vpcelint.yml", atomically: false, encoding: .utf8)
            let kept = try Binary.run(["check", "--format", "json", "."], in: directory)
            #expect(kept.status == 1)
            #expect(kept.stdout.contains("module.hub.aws_route_table.\(long)"))
            try "ignore:\n  - rule: VPCE002\n    address: \"module.hub.*table.priv?te*aa?a*a\"\n    reason: r\n".write(
                toFile: directory + "/.vpcelint.yml", atomically: false, encoding: .utf8)
            let suppressed = try Binary.run(["check", "--format", "json", "."], in: directory)
            #expect(!suppressed.stdout.contains("module.hub.aws_route_table.\(long)"))
        }
    }

    /// `text` with the resource at `address` renamed to `name` (its address and name), through JSON.
    static func renaming(_ address: String, to name: String, in text: String) throws -> String {
        func walk(_ module: inout [String: Any]) {
            var resources = module["resources"] as? [[String: Any]] ?? []
            for index in resources.indices where resources[index]["address"] as? String == address {
                resources[index]["name"] = name
                resources[index]["address"] =
                    address.split(separator: ".").dropLast().joined(separator: ".") + "." + name
            }
            module["resources"] = resources
            var children = module["child_modules"] as? [[String: Any]] ?? []
            for index in children.indices { walk(&children[index]) }
            module["child_modules"] = children
        }
        var document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var values = try #require(document["values"] as? [String: Any])
        var root = try #require(values["root_module"] as? [String: Any])
        walk(&root)
        values["root_module"] = root
        document["values"] = values
        return String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
    }

    @Test(arguments: [
        ("", "", true), ("", "a", false), ("*", "", true), ("*", "anything", true), ("a*", "abc", true),
        ("*c", "abc", true), ("a*c", "ac", true), ("ab*ba", "aba", false), ("a?c", "abc", true),
        ("a?c", "ac", false), ("*b*", "abc", true), ("*x*", "abc", false), ("a**b", "ab", true),
        ("*a?a*", "xaza", true), ("*aab", "aaab", true), ("aws_vpc.this[\"a\"]", "aws_vpc.this[\"a\"]", true),
        ("*[\"?\"]", "x[\"a\"]", true), ("*abab?c*", "ababababxb", false), ("*abab?c*", "abababxbababzc", true),
        ("é*", "éclair", true), ("?", "é", true),
    ])
    func globSemantics(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Glob(pattern: pattern).matches(text) == expected, "\(pattern) ~ \(text)")
    }
}

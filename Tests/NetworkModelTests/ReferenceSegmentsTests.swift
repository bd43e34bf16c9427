import Testing

@testable import NetworkModel

/// References and module paths split at dots outside brackets and quoted keys, byte by byte.
@Suite struct ReferenceSegmentsTests {
    @Test(arguments: [
        ("aws_vpc.this.id", ["aws_vpc", "this", "id"]),
        (#"module.a["x.y"].b"#, ["module", #"a["x.y"]"#, "b"]),
        (#"module.a["q\".z"].module.b[0]"#, ["module", #"a["q\".z"]"#, "module", "b[0]"]),
        ("module.m[\"ü.ß\"].out", ["module", "m[\"ü.ß\"]", "out"]),
        ("a..b", ["a", "", "b"]),
        (".a", ["", "a"]),
        ("a.", ["a"]),
        ("", []),
    ])
    func splitsOutsideBracketsAndQuotes(_ text: String, _ expected: [String]) {
        #expect(ReferenceResolver.segments(text) == expected)
    }

    @Test func parentDropsTheLastModuleStep() {
        #expect(ReferenceResolver.parent(of: #"module.a["x.y"].module.b"#) == #"module.a["x.y"]"#)
        #expect(ReferenceResolver.parent(of: "module.a") == "")
    }
}

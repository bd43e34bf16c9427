import Foundation
import Testing

@testable import TerraformShow

/// The defined outcome of each hostile input of issue 7 (README "Hostile input"), through both load
/// strategies: the whole tree and the streaming chunks must agree on every one.
@Suite struct HostileInputTests {
    static let strategies: [LoadOptions.Strategy] = [.wholeTree, .streaming]

    /// A state with one VPC whose `values` member `extra` holds `value` (raw JSON text).
    static func state(extra value: String, top: String = "") -> String {
        #"{"format_version":"1.0","terraform_version":"1.9.0","#
            + top
            + #""values":{"root_module":{"resources":[{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"vpc-1","cidr_block":"10.0.0.0/16","extra":"#
            + value + "}}]}}}"
    }

    func load(
        _ text: String, _ strategy: LoadOptions.Strategy, kept: Set<String>? = nil
    ) -> Result<TerraformDocument, LoadError> {
        load(Array(text.utf8), strategy, kept: kept)
    }

    func load(
        _ bytes: [UInt8], _ strategy: LoadOptions.Strategy, kept: Set<String>? = nil
    ) -> Result<TerraformDocument, LoadError> {
        var options = LoadOptions()
        options.strategy = strategy
        options.keptAttributes = { _ in kept }
        do {
            return .success(try DocumentLoader.load(bytes: bytes, path: "hostile.json", options: options))
        } catch {
            return .failure(error)
        }
    }

    /// The `extra` value of the state holding `value`.
    func extra(_ value: String, _ strategy: LoadOptions.Strategy) throws -> JSONValue? {
        try load(Self.state(extra: value), strategy).get().resources.first?.values["extra"]
    }

    func refusal(_ text: String, _ strategy: LoadOptions.Strategy, kept: Set<String>? = nil) -> LoadError? {
        guard case .failure(let error) = load(text, strategy, kept: kept) else {
            Issue.record("loaded: \(text.prefix(200))")
            return nil
        }
        return error
    }

    // MARK: numbers json-c cannot hold

    /// json-c accepts NaN and Infinity even with JSON_TOKENER_STRICT, and 1e999 overflows to infinity.
    @Test(arguments: ["NaN", "Infinity", "-Infinity", "1e999", "-1E+400"], strategies)
    func nonFiniteNumbersAreRefusedWithTheirPlace(_ literal: String, _ strategy: LoadOptions.Strategy) {
        let text = Self.state(extra: literal)
        let error = refusal(text, strategy)
        let column = text.utf8.count - "}}]}}}".utf8.count - literal.utf8.count + 1
        #expect(error?.line == 1 && error?.column == column, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("hostile.json:1:\(column): ") == true)
        // Outside the resources too (the skeleton of a streaming load).
        let prefix = #"{"format_version":"1.0","terraform_version":"1.9.0","x":"#
        let top = refusal(Self.state(extra: "1", top: #""x":\#(literal),"#), strategy)
        #expect(top?.column == prefix.utf8.count + 1, "\(String(describing: top))")
    }

    /// json-c clamps integers beyond 64 bits to the bounds without an error: refused, naming the number.
    @Test(
        arguments: [
            "9223372036854775808", "18446744073709551615", "18446744073709551616", "-9223372036854775809",
            "123456789012345678901234567890",
        ], strategies)
    func integersBeyond64BitsAreRefused(_ literal: String, _ strategy: LoadOptions.Strategy) {
        let error = refusal(Self.state(extra: literal), strategy)
        #expect(error?.message.contains("outside the 64-bit range") == true, "\(String(describing: error))")
        #expect(error?.message.contains(String(literal.prefix(19))) == true)
        #expect(error?.line == 1)
    }

    /// An attribute the loader drops (``LoadOptions/keptAttributes``) is never copied, but its numbers are
    /// still read: the file is refused at the same place as when it is kept.
    @Test(arguments: ["1e999", "NaN", #"{"a":[1,-9223372036854775809]}"#, "18446744073709551616"], strategies)
    func numbersOfDroppedAttributesAreRefusedAlike(_ literal: String, _ strategy: LoadOptions.Strategy) throws {
        let text = Self.state(extra: literal)
        let dropped = try #require(refusal(text, strategy, kept: ["id", "cidr_block"]))
        let kept = try #require(refusal(text, strategy))
        #expect(dropped.description == kept.description)
        // A finite value of the same attribute loads, without the attribute.
        let values = try load(Self.state(extra: #"{"a":[1,2.5]}"#), strategy, kept: ["id", "cidr_block"]).get()
            .resources.first?.values
        #expect(values == .object(["id": .string("vpc-1"), "cidr_block": .string("10.0.0.0/16")]))
    }

    @Test(arguments: strategies)
    func integersAtTheBoundsAndLargeDoublesLoadExactly(_ strategy: LoadOptions.Strategy) throws {
        #expect(try extra("9223372036854775807", strategy) == .int(.max))
        #expect(try extra("-9223372036854775808", strategy) == .int(.min))
        #expect(try extra("1.5e300", strategy) == .double(1.5e300))
        #expect(try extra(#"["9223372036854775808"]"#, strategy) == .array([.string("9223372036854775808")]))
    }

    // MARK: keys and strings

    /// Terraform writes with Go's encoding/json, where the last of duplicate keys wins; so does the loader.
    @Test(arguments: strategies)
    func duplicateKeysLastWins(_ strategy: LoadOptions.Strategy) throws {
        let text = Self.state(extra: #"1,"id":"vpc-2","id":"vpc-3""#)
        #expect(try load(text, strategy).get().resources.first?.values["id"] == .string("vpc-3"))
    }

    /// Invalid UTF-8 is replaced by U+FFFD, as Go's encoding/json does when it decodes: the file loads and
    /// reports show the replacement character, never the raw bytes.
    @Test(arguments: strategies)
    func invalidUTF8IsReplaced(_ strategy: LoadOptions.Strategy) throws {
        var bytes = Array(Self.state(extra: #""aXb""#).utf8)
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        bytes.replaceSubrange(index...index, with: [0xFF, 0xC3, 0x28])
        let document = try load(bytes, strategy).get()
        #expect(document.resources.first?.values["extra"] == .string("a\u{FFFD}\u{FFFD}(b"))
        var key = Array(Self.state(extra: #"{"kXy":1}"#).utf8)
        let keyIndex = try #require(key.firstIndex(of: UInt8(ascii: "X")))
        key[keyIndex] = 0xFE
        #expect(try load(key, strategy).get().resources.first?.values["extra"] == .object(["k\u{FFFD}y": .int(1)]))
    }

    /// `\u0000` stays in string values; json-c itself cuts object keys at it (C strings), so `"a\u0000b"` as
    /// a key reads as `a` (and then, like any duplicate, the last such key wins).
    @Test(arguments: strategies)
    func escapedNULInStringsAndKeys(_ strategy: LoadOptions.Strategy) throws {
        #expect(try extra(#""a\u0000b""#, strategy) == .string("a\u{0}b"))
        #expect(try extra(#"{"Name\u0000evil":"x"}"#, strategy) == .object(["Name": .string("x")]))
    }

    @Test(arguments: strategies)
    func crlfLineEndingsLoadAndCountLines(_ strategy: LoadOptions.Strategy) throws {
        let text = Self.state(extra: "1").replacingOccurrences(of: ",", with: ",\r\n")
        #expect(try load(text, strategy).get().resources.count == 1)
        let broken = Self.state(extra: "1,").replacingOccurrences(of: ",", with: ",\r\n")
        let error = refusal(broken, strategy)
        let lines = broken.utf8.filter { $0 == 0x0A }.count + 1
        #expect(error?.line == lines, "\(String(describing: error))")
    }

    // MARK: size

    @Test(arguments: strategies)
    func fiftyMegabyteString(_ strategy: LoadOptions.Strategy) throws {
        let long = String(repeating: "a", count: 50 << 20)
        let value = try extra("\"" + long + "\"", strategy)
        #expect(value?.string?.utf8.count == 50 << 20)
    }

    @Test(arguments: strategies)
    func millionElementArray(_ strategy: LoadOptions.Strategy) throws {
        let items = Array(repeating: "1", count: 1_000_000).joined(separator: ",")
        #expect(try extra("[" + items + "]", strategy)?.array?.count == 1_000_000)
    }

    /// A sparse file past 2 GiB (json-c's `json_object_from_file` limit) is refused at its first NUL byte
    /// without being read: no 2 GiB buffer, no Int32 overflow.
    @Test func sparseFileOverTwoGiBIsRefusedWithoutReadingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vpcelint-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.json").path
        try Data("{\"format_version\":\"1.0\",\n\"values\":".utf8).write(to: URL(fileURLWithPath: path))
        #expect(truncate(path, 2100 << 20) == 0)
        let error = loadError(path: path)
        // "sparse" comes only from the check that runs before any read (InputFile.refuseHole).
        #expect(error?.message.contains("NUL bytes (it is sparse") == true, "\(String(describing: error))")
        #expect(error?.line == 2 && error?.column == 10, "\(String(describing: error))")
    }
}

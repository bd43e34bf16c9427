import Foundation
import Testing

@testable import JSONC
@testable import TerraformShow

/// Files of at least `InputFile.mappingThreshold` bytes are mapped rather than read: they must load exactly
/// as the same bytes in memory do, byte-order mark, errors and all, and the mapping must go when the input does.
@Suite struct MappedInputTests {
    /// A state of `count` buckets, with `tail` appended inside the last value (to place a fault at the end).
    static func state(count: Int, tail: String = "") -> [UInt8] {
        let resources = (0..<count).map {
            #"{"address":"aws_s3_bucket.b\#($0)","mode":"managed","type":"aws_s3_bucket","name":"b\#($0)","values":{"bucket":"x\#($0)"}}"#
        }
        let text =
            #"{"format_version":"1.0","values":{"root_module":{"resources":["# + resources.joined(separator: ",")
            + "]}}" + tail + "}"
        return Array(text.utf8)
    }

    func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).json")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func largeFilesAreMappedAndUnmapped() throws {
        let bytes = Self.state(count: 20_000)
        #expect(bytes.count >= InputFile.mappingThreshold)
        let path = try write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var address: UnsafeRawPointer?
        do {
            let input = try InputFile.read(path)
            input.withUnsafeBytes { buffer in
                address = buffer.baseAddress
                #expect(Array(buffer) == bytes)
            }
            #expect(MappingGuard.covers(try #require(address)))
        }
        #expect(!MappingGuard.covers(try #require(address)))
    }

    @Test func mappedByteOrderMarkLoadsLikeMemory() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Self.state(count: 20_000)
        let path = try write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mapped = try DocumentLoader.load(path: path)
        let inMemory = try DocumentLoader.load(bytes: bytes, path: path)
        #expect(mapped.encoding == "utf-8-bom" && inMemory.encoding == "utf-8-bom")
        #expect(mapped.resources.map(\.address) == inMemory.resources.map(\.address))
        #expect(mapped.resources.count == 20_000)
    }

    @Test func mappedFaultsAreReportedAtTheirPlace() throws {
        for tail in [",", ",\"x\":NaN", "\u{0}"] {
            let bytes = Self.state(count: 20_000, tail: tail)
            let path = try write(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let mapped = loadError(path: path)
            let inMemory = loadError(bytes: bytes)
            #expect(mapped != nil)
            #expect(mapped?.line == inMemory?.line && mapped?.column == inMemory?.column, "\(tail)")
            #expect(mapped?.message == inMemory?.message, "\(tail)")
        }
    }
}

/// Repeated long strings share one storage once interned; short ones (stored inline) pass through.
@Suite struct StringInternerTests {
    func storage(_ text: String) -> UnsafeRawPointer? {
        var copy = text
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func equalLongStringsShareStorage() {
        let interner = StringInterner()
        let first = String(decoding: Array("registry.terraform.io/hashicorp/aws".utf8), as: UTF8.self)
        let second = String(decoding: Array("registry.terraform.io/hashicorp/aws".utf8), as: UTF8.self)
        #expect(storage(first) != storage(second))
        let a = interner.intern(first)
        let b = interner.intern(second)
        #expect(a == second && b == second)
        #expect(storage(a) == storage(b))
        #expect(interner.intern("aws_vpc") == "aws_vpc")
    }
}

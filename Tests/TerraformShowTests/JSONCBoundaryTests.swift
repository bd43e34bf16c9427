import Foundation
import Testing

/// json-c's pointers stay in one module: `Sources/JSONC` is the only place that imports `CJSONC`, and
/// everything else gets Swift values from it.
@Suite struct JSONCBoundaryTests {
    @Test func onlyJSONCImportsCJSONC() throws {
        let sources = Corpus.repositoryRoot.appendingPathComponent("Sources", isDirectory: true)
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        var importers = [String]()
        var checked = 0
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            checked += 1
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            // `import CJSONC`, with any attribute before it (`@preconcurrency`, `@_implementationOnly`).
            let imports = text.split(separator: "\n").contains { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                return zip(words, words.dropFirst()).contains { $0 == "import" && $1 == "CJSONC" }
            }
            if imports, !relative.hasPrefix("JSONC/") { importers.append(relative) }
        }
        #expect(checked > 0)
        #expect(importers.isEmpty, "only Sources/JSONC may import CJSONC; also imported by: \(importers)")
    }
}

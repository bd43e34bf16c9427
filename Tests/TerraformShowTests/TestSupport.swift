import Foundation
import Testing

@testable import TerraformShow

/// Paths and helpers shared by the TerraformShow tests.
enum Corpus {
    /// The repository root: this file is `<root>/Tests/TerraformShowTests/TestSupport.swift`.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Real `terraform show -json` files from public repositories, copied into the repository with their
    /// manifest and licences (`Tests/Corpus/NOTICE.md`).
    static let publicDirectory: URL = repositoryRoot.appendingPathComponent("Tests/Corpus/public", isDirectory: true)

    static let notShowJSON: URL = publicDirectory.appendingPathComponent("not-show-json", isDirectory: true)

    /// Every `*.json` below `directory`, sorted, as paths relative to it.
    static func jsonFiles(under directory: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The show -json documents: every `*.json` outside `not-show-json/`.
    static var showJSONFiles: [String] {
        jsonFiles(under: publicDirectory).filter { !$0.hasPrefix("not-show-json/") }
    }

    static func path(_ relative: String) -> String {
        publicDirectory.appendingPathComponent(relative).path
    }
}

/// Loads and returns the error, recording an issue when loading succeeds.
func loadError(path: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadError? {
    do {
        let document = try DocumentLoader.load(path: path)
        Issue.record(
            "\(path) loaded as \(document.kind) with \(document.resources.count) resources",
            sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Loads text written in the test, returning the error (or recording an issue when it loads).
func loadError(text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadError? {
    loadError(bytes: Array(text.utf8), sourceLocation: sourceLocation)
}

func loadError(bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> LoadError? {
    do {
        let document = try DocumentLoader.load(bytes: bytes, path: "input.json")
        Issue.record(
            "loaded as \(document.kind) with \(document.resources.count) resources", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("vpcelint-loader-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

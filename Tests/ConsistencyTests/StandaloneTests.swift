import Foundation
import TestSupport
import Testing

/// A clone builds and tests on its own: nothing reads the workspace folder beside it, and the copied corpus is
/// exactly what its manifest and licence index list.
@Suite struct StandaloneTests {
    /// Where the project once read files from outside the repository. Spelt in pieces so that this file, which
    /// is scanned too, does not match itself.
    static let outsidePaths = [".." + "/shared", "shared/" + "corpus", "shared/" + "schemas"]

    @Test(arguments: ["Sources", "Tests", "scripts", ".ci", "Plugins"])
    func nothingReadsOutsideTheRepository(_ folder: String) throws {
        let files = try Self.files(under: Repository.root.appendingPathComponent(folder))
        #expect(!files.isEmpty, "no files under \(folder)")
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for needle in Self.outsidePaths where text.contains(needle) {
                Issue.record("\(file.path) refers to \(needle); copy what it needs into the repository")
            }
        }
    }

    @Test func manifestListsEveryCorpusFileAndNoOther() throws {
        let corpus = Repository.publicCorpus
        let onDisk = try Self.files(under: corpus).map { String($0.path.dropFirst(corpus.path.count + 1)) }
        let listed = try CorpusManifest.rows().map(\.name)
        #expect(listed.count == Set(listed).count, "MANIFEST.md lists a file twice")
        let copied = Set(onDisk).subtracting(["MANIFEST.md"])
        #expect(copied.subtracting(listed).isEmpty, "in the copy, not in MANIFEST.md: \(copied.subtracting(listed))")
        #expect(
            Set(listed).subtracting(copied).isEmpty,
            "in MANIFEST.md, not in the copy: \(Set(listed).subtracting(copied))")
        #expect(listed.count >= 51)
    }

    /// The bytes column holds each origin file's size: a copy that git or an editor re-encoded differs.
    @Test func corpusFilesHaveTheirOriginalSizes() throws {
        for row in try CorpusManifest.rows() {
            let path = Repository.publicCorpus.appendingPathComponent(row.name).path
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(size == row.bytes, "\(row.name)")
        }
    }

    /// NOTICE.md puts every file under the licence the manifest gives it, and that licence's text is there.
    @Test func noticeNamesEachFilesLicence() throws {
        let folder = Repository.publicCorpus.deletingLastPathComponent()
        let notice = try String(contentsOf: folder.appendingPathComponent("NOTICE.md"), encoding: .utf8)
        var licence = ""
        var noticed = [String: String]()
        for line in notice.split(separator: "\n") {
            if line.hasPrefix("### ") {
                licence = String(line.dropFirst(4))
            } else if line.hasPrefix("- `public/"), let name = line.split(separator: "`").dropFirst().first {
                noticed[String(name.dropFirst("public/".count))] = licence
            }
        }
        let rows = try CorpusManifest.rows()
        #expect(noticed.count == rows.count)
        for row in rows {
            #expect(noticed[row.name] == row.licence, "\(row.name)")
            let text = folder.appendingPathComponent("LICENSES/\(row.licence).txt").path
            #expect(FileManager.default.fileExists(atPath: text), "\(row.name): no \(text)")
        }
    }

    /// Every regular file below `folder`, whatever its name.
    static func files(under folder: URL) throws -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else {
            return []
        }
        return try walker.compactMap { $0 as? URL }.filter {
            try $0.resourceValues(forKeys: Set(keys)).isRegularFile == true
        }
    }
}

/// The rows of `Tests/Corpus/public/MANIFEST.md`: `| `name` | repo | path | commit | licence | kind | … | bytes | … |`.
enum CorpusManifest {
    struct Row {
        var name: String
        /// The SPDX id the licence column starts with (`MPL-2.0 (at the tags used; …)` is `MPL-2.0`).
        var licence: String
        var bytes: Int?
    }

    static func rows() throws -> [Row] {
        let manifest = try String(
            contentsOf: Repository.publicCorpus.appendingPathComponent("MANIFEST.md"), encoding: .utf8)
        return manifest.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            let columns = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return Row(
                name: columns[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                licence: String(columns[5].prefix { $0 != " " }),
                bytes: Int(columns[9]))
        }
    }
}

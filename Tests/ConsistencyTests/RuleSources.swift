import Foundation
import TestSupport

/// The rule types declared in the source files of BuiltInRules, read as text.
enum RuleSources {
    static let folder = "Sources/BuiltInRules"
    static let registry = "Sources/BuiltInRules/BuiltInRules.swift"

    /// A type that conforms to `Rule` where it is declared, and its file relative to ``folder``.
    struct Declaration {
        var type: String
        var file: String
    }

    /// `struct|enum|class|actor Name: …Rule…` or `extension Name: …Rule…` at the start of a line, comments aside.
    private static var declaration: Regex<(Substring, Substring, Substring)> {
        #/^\s*(?:(?:public|package|internal|fileprivate|private|final)\s+)*(?:struct|enum|class|actor|extension)\s+(\w+)\s*:([^{]*)/#
    }

    /// Every declaration in every `.swift` file below ``folder``, whatever the file is called and wherever it is.
    static func declarations() throws -> [Declaration] {
        let root = Repository.root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found = [Declaration]()
        for case let file as String in walker where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let code = line.prefix { $0 != "/" }
                guard let match = code.firstMatch(of: declaration) else { continue }
                let conformances = match.2.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if conformances.contains(where: { $0 == "Rule" || $0.hasSuffix(".Rule") }) {
                    found.append(Declaration(type: String(match.1), file: file))
                }
            }
        }
        return found.sorted { $0.file < $1.file }
    }
}

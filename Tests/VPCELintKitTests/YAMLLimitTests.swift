import Foundation
import LintCore
import TestSupport
import Testing

@testable import Settings

/// Issue 12, class 4: a configuration file's work is bounded before its tree is built (`YAMLLimits`): its size,
/// its aliases, and the values its aliases expand to.
@Suite("bounded configuration files", .serialized)
struct YAMLLimitTests {
    /// Aliases nested nine deep, nine to a level, the last used as a mapping key: 9^9 values when expanded
    /// (Yams hashes a key whole; a 452-byte file of this shape took a minute).
    static let aliasBomb: String = {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        let names = "abcdefghi".map(String.init)
        for (parent, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(parent)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text + "? *i\n: 1\n"
    }()

    @Test func nestedAliasesAsKeysAreRefusedAtOnce() throws {
        #expect(Self.aliasBomb.utf8.count < 500)
        let start = Date()
        #expect {
            _ = try Configuration.parse(Self.aliasBomb, path: "bomb.yml")
        } throws: { error in
            "\(error)".hasPrefix("bomb.yml:") && "\(error)".contains("expand to more than 100000 values")
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func throughTheBinaryItIsExitTwoNamingTheFile() throws {
        try withTemporaryDirectory(["dev.json": Support.validState, "bomb.yml": Self.aliasBomb]) { directory in
            let start = Date()
            let run = try Binary.run(["check", "--config", "bomb.yml", "dev.json"], in: directory)
            #expect(Date().timeIntervalSince(start) < 1)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("vpcelint: error: bomb.yml:"), "\(run.stderr)")
            #expect(run.stderr.contains("aliases expand to more than"), "\(run.stderr)")
        }
    }

    @Test func tooManyAliasesAndTooManyBytesAreRefused() throws {
        let aliases = "a: &a x\nb: [" + Array(repeating: "*a", count: 1001).joined(separator: ", ") + "]\n"
        #expect(throws: CheckError.self) { try Configuration.parse(aliases, path: "c.yml") }
        #expect(
            YAMLLimits.problem(aliases, path: "c.yml")?.hasSuffix("more than 1000 aliases; write the values out")
                == true)
        let huge = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        #expect(YAMLLimits.problem(huge, path: "c.yml")?.hasPrefix("c.yml: the configuration file holds") == true)
    }

    @Test func aFewAliasesStillLoad() throws {
        let text = """
            hubs: &hubs [shared]
            ignore:
              - &entry {rule: VPCE001, address: x, reason: r}
              - *entry
            """
        let configuration = try Configuration.parse(text, path: "c.yml")
        #expect(configuration.hubs == ["shared"])
        #expect(configuration.ignores.count == 2)
    }
}

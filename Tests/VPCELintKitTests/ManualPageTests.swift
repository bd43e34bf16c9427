import Foundation
import TestSupport
import Testing

/// docs/man/vpcelint.1 is generated from the argument parser (scripts/generate-manual.sh, swift-argument-parser's
/// generate-manual plugin). Regenerating needs a second build of the package, so the test compares the committed
/// page with what the built binary says about itself (`--experimental-dump-help`, the same data the plugin reads):
/// every command and every option, each with its help line, must be in the page.
@Suite("manual page")
struct ManualPageTests {
    /// One command of `--experimental-dump-help` (ToolInfoV0): its name, abstract, options and subcommands.
    private struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    private struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var abstract: String?
        var shouldDisplay: Bool
    }

    private struct Name: Decodable {
        var kind: String
        var name: String
    }

    private struct ToolInfo: Decodable {
        var command: Command
    }

    /// The page's lines, with mdoc's escapes for characters in macro arguments undone.
    private static func page() throws -> [String] {
        let text = try String(contentsOfFile: Repository.path("docs/man/vpcelint.1"), encoding: .utf8)
        return text.replacingOccurrences(of: #"\(dq"#, with: "\"").replacingOccurrences(of: #"\e"#, with: #"\"#)
            .components(separatedBy: "\n")
    }

    private static func commands(_ command: Command, path: [String] = []) -> [(path: [String], command: Command)] {
        let here = (path, command)
        return [here] + (command.subcommands ?? []).flatMap { commands($0, path: path + [$0.commandName]) }
    }

    @Test("docs/man/vpcelint.1 has every command and option of the binary, each with its help line")
    func current() throws {
        let dump = try Binary.run(["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.stderr)")
        let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(dump.stdout.utf8))
        let lines = try Self.page()
        let regenerate = "docs/man/vpcelint.1 is out of date; run scripts/generate-manual.sh"
        // `.It Fl h , -help` and `.It Fl -fail-on Ar LEVEL`: a flag follows `Fl` or, for a second name, `,`.
        var flags = Set<String>()
        for line in lines where line.hasPrefix(".It ") {
            let words = line.split(separator: " ").map(String.init)
            for index in words.indices.dropFirst() where ["Fl", ","].contains(words[index - 1]) {
                flags.insert(words[index])
            }
        }
        let all = Self.commands(tool.command)
        #expect(all.count > 5, "the dump lists the subcommands")
        for (path, command) in all {
            let name = path.joined(separator: " ")
            if !path.isEmpty {
                #expect(lines.contains { $0.hasPrefix(".It Em \(path.last!)") }, "\(regenerate): command \(name)")
            }
            if let abstract = command.abstract, !abstract.isEmpty {
                #expect(lines.contains { $0.contains(abstract) }, "\(regenerate): abstract of \(name): \(abstract)")
            }
            for argument in command.arguments ?? [] where argument.shouldDisplay && argument.kind != "positional" {
                for option in argument.names ?? [] {
                    let flag = option.kind == "short" ? option.name : "-\(option.name)"
                    #expect(
                        flags.contains(flag), "\(regenerate): option -\(flag) of \(name.isEmpty ? "vpcelint" : name)")
                }
                if let abstract = argument.abstract, !abstract.isEmpty {
                    #expect(lines.contains(abstract), "\(regenerate): help of an option of \(name): \(abstract)")
                }
            }
        }
    }

    @Test(
        "--generate-completion-script writes a script naming every subcommand (README, Install)",
        arguments: ["bash", "zsh", "fish"])
    func completion(_ shell: String) throws {
        let run = try Binary.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for command in ["check", "rules", "explain", "trace", "consolidate"] {
            #expect(run.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        guard shell == "bash" else { return }
        try withTemporaryDirectory { folder in
            try run.stdout.write(toFile: folder + "/vpcelint.bash", atomically: false, encoding: .utf8)
            let syntax = try Run.launch(URL(fileURLWithPath: "/bin/bash"), ["-n", folder + "/vpcelint.bash"])
            #expect(syntax.status == 0, "bash -n: \(syntax.stderr)")
        }
    }

    @Test("the page is the vpcelint manual in mdoc, section 1, as the generator writes it")
    func shape() throws {
        let lines = try Self.page()
        #expect(lines.first == #".\" "Generated by swift-argument-parser""#)
        #expect(lines.contains(".Dt VPCELINT 1"))
        #expect(lines.contains(".Nm vpcelint"))
    }
}

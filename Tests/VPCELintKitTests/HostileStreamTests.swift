import Foundation
import Reporters
import TestSupport
import Testing

/// Issue 12, class 1: text from the inputs (a format_version, configuration keys, rule names, baseline keys,
/// file names, Name tags, YAML errors) never reaches stdout or stderr raw, through the real binary.
@Suite("Hostile text on stdout and stderr", .serialized)
struct HostileStreamTests {
    /// ESC, a CSI, a line break that starts a forged GitHub workflow command, a bidi override.
    static let forged = "\u{1B}[2J\n::error file=main.tf,line=1::forged\u{202E}"
    static let marker = "::error file=main.tf,line=1::forged"

    /// No raw control character (C0, C1, DEL, U+2028/9, bidi controls) but the line breaks; no line that starts
    /// with the forged command. With `terminal`, SGR colour codes (`ESC [ digits m`) and the CR a terminal
    /// puts before each line break are the report's own.
    static func expectInert(_ text: String, terminal: Bool = false, _ comment: Comment) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\n" || !TerminalText.isEscaped(scalar) { continue }
            if terminal, scalar == "\r", index < scalars.count, scalars[index] == "\n" { continue }
            if terminal, scalar == "\u{1B}", index < scalars.count, scalars[index] == "[" {
                var end = index + 1
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" { end += 1 }
                if end < scalars.count, scalars[end] == "m" {
                    index = end + 1
                    continue
                }
            }
            Issue.record("raw U+\(String(scalar.value, radix: 16)) at scalar \(index - 1): \(comment)")
            return
        }
        for line in text.unicodeScalars.split(separator: "\n") {
            #expect(!String(String.UnicodeScalarView(line)).hasPrefix(marker), comment)
        }
    }

    @Test("a format_version holding CR LF and a workflow command stays on its one stderr line")
    func formatVersion() throws {
        let state = #"{"format_version":"x\r\n::error file=main.tf,line=1::forged","values":{}}"#
        try withTemporaryDirectory(["dev.json": state]) { directory in
            let run = try Binary.run(["check", directory + "/dev.json"])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(#"x\r\n::error file=main.tf,line=1::forged"#), "\(run.stderr)")
            #expect(run.stderr.unicodeScalars.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
            Self.expectInert(run.stderr, "stderr")
        }
    }

    /// A configuration or baseline file, the arguments that read it and what stderr must show escaped.
    struct Echo: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        var arguments: [String]
        var testDescription: String { name }

        /// A `.vpcelint.yml` holding `yaml`, read with `--config`.
        static func config(_ name: String, _ yaml: String) -> Echo {
            Echo(name: name, files: [".vpcelint.yml": yaml], arguments: ["--config", ".vpcelint.yml"])
        }
    }

    /// The forged text as a YAML double-quoted key (`\e` is ESC there).
    static let key = #""k\e[2J\n::error file=main.tf,line=1::forged""#

    static let echoes: [Echo] = [
        .config("unknown top-level key", "\(key): 1\n"),
        .config("unknown key of a rule", "rules:\n  VPCE002:\n    \(key): 1\n"),
        .config("rule name under rules:", "rules:\n  \(key): false\n"),
        .config("YAML syntax error echoing ESC", "hubs: [a]\n\u{1B}[2J::error file=main.tf,line=1::forged: [\n"),
        Echo(
            name: "baseline key",
            files: ["base.json": "{\"version\": 1, \"k\\u001b[2J\\n::error file=main.tf,line=1::forged\": 1}\n"],
            arguments: ["--baseline", "base.json"]),
    ]

    @Test("configuration keys, rule names, baseline keys and YAML errors are escaped on stderr", arguments: echoes)
    func echoedOnStderr(_ echo: Echo) throws {
        try withTemporaryDirectory(echo.files.merging(["dev.json": Support.validState]) { $1 }) { directory in
            let run = try Binary.run(["check"] + echo.arguments + ["dev.json"], in: directory)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(#"\x1b[2J"#), "\(run.stderr)")
            Self.expectInert(run.stderr, "\(echo.name): \(run.stderr)")
        }
    }

    @Test("a file name found in a scanned directory is escaped on stderr")
    func scannedFileName() throws {
        try withTemporaryDirectory { directory in
            let name = "dev\u{1B}[2J\n::error file=main.tf,line=1::forged.json"
            try "{\"values\": [".write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
            let run = try Binary.run(["check", directory])
            #expect(run.status == 2)
            #expect(run.stderr.contains(#"dev\x1b[2J\n::error file=main.tf,line=1::forged.json"#), "\(run.stderr)")
            Self.expectInert(run.stderr, "stderr")
        }
    }

    /// three-spokes with each file name (its environment) and each VPC Name tag holding ``forged``.
    static func hostileSpokes(_ directory: String) throws {
        let fixture = Repository.path("fixtures/three-spokes")
        let tag = #"\u001b[31m\n::error file=main.tf,line=1::forged\u202e\r\n"#
        for environment in ["dev", "stg", "prd"] {
            let text = try String(contentsOfFile: "\(fixture)/\(environment).show.json", encoding: .utf8)
            let hostile = text.replacingOccurrences(
                of: "\"Name\": \"\(environment)-vpc\"", with: "\"Name\": \"\(environment)-vpc\(tag)\"")
            #expect(hostile != text)
            try hostile.write(
                toFile: "\(directory)/\(environment)\(forged).show.json", atomically: false, encoding: .utf8)
        }
    }

    @Test("trace and consolidate text show hostile Name tags and environment names escaped")
    func traceAndConsolidateText() throws {
        try withTemporaryDirectory { directory in
            try Self.hostileSpokes(directory)
            let trace = try Binary.run(["trace", "--from", "vpc-ebd7e19c158782c75", "--service", "ecr.dkr", directory])
            #expect(trace.status == 0, "\(trace.stderr)")
            #expect(
                trace.stdout.hasPrefix(#"trace dev\x1b[2J\n::error file=main (dev-vpc\x1b[31m\n::error file="#)
            )
            Self.expectInert(trace.stdout, "trace")
            let consolidate = try Binary.run(["consolidate", directory])
            #expect(consolidate.status == 0, "\(consolidate.stderr)")
            #expect(consolidate.stdout.contains(#"(dev-vpc\x1b[31m\n::error file=main.tf,line=1::forged\u202e\r\n, "#))
            Self.expectInert(consolidate.stdout, "consolidate")
        }
    }

    @Test("every command and format: no raw control character on stdout or stderr")
    func everyCommand() throws {
        try withTemporaryDirectory { directory in
            try Self.hostileSpokes(directory)
            var runs = [(String, Run)]()
            for format in ["text", "json", "sarif", "junit", "markdown", "github"] {
                runs.append(("check \(format)", try Binary.run(["check", "--format", format, directory])))
            }
            for format in ["text", "json"] {
                let trace = ["trace", "--from", "vpc-ebd7e19c158782c75", "--service", "ecr.dkr", "--format", format]
                runs.append(("trace \(format)", try Binary.run(trace + [directory])))
                runs.append(("consolidate \(format)", try Binary.run(["consolidate", "--format", format, directory])))
                runs.append(("rules \(format)", try Binary.run(["rules", "--format", format])))
            }
            runs.append(("explain", try Binary.run(["explain", "VPCE001"])))
            runs.append(("explain unknown", try Binary.run(["explain", "VPCE\(Self.forged)"])))
            runs.append(
                ("trace --from", try Binary.run(["trace", "--from", Self.forged, "--service", "s3", directory])))
            for (name, run) in runs {
                #expect(
                    run.status != 2 || name.hasSuffix("unknown") || name == "trace --from", "\(name): \(run.stderr)")
                Self.expectInert(run.stdout, "\(name) stdout")
                Self.expectInert(run.stderr, "\(name) stderr")
            }
        }
    }

    @Test("check text in colour on a terminal: only vpcelint's own SGR codes")
    func colourOnATerminal() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { return }
        let binary = try #require(Binary.url)
        try withTemporaryDirectory { directory in
            try Self.hostileSpokes(directory)
            // script(1) runs the command on a pseudo-terminal, so vpcelint colours its report.
            let command = "exec env -u NO_COLOR '\(binary.path)' check '\(directory)'"
            let run = try Run.launch(script, ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"])
            #expect(run.stdout.contains("\u{1B}[1m"), "coloured")
            #expect(run.stdout.contains(#"dev\x1b[2J\n::error file=main.tf,line=1::forged"#))
            Self.expectInert(run.stdout, terminal: true, "check text on a terminal")
        }
    }
}

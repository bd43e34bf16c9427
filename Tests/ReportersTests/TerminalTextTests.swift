import Reporters
import Testing

@Suite("Untrusted text on a human stream")
struct TerminalTextTests {
    @Test("controls, line breaks, bidi controls and NUL are escaped visibly, in Python's repr notation")
    func visible() {
        #expect(TerminalText.escape("a\u{1B}[31mb") == #"a\x1b[31mb"#)
        #expect(TerminalText.escape("x\r\n::error::y") == #"x\r\n::error::y"#)
        #expect(TerminalText.escape("\u{0}\t\u{7F}\u{9B}") == #"\x00\t\x7f\x9b"#)
        #expect(
            TerminalText.escape("\u{202E}txt\u{2066}\u{2028}\u{2029}\u{200F}") == #"\u202etxt\u2066\u2028\u2029\u200f"#)
        #expect(TerminalText.escape("vpc «é» 東京 🙂") == "vpc «é» 東京 🙂")
    }

    @Test("a backslash is doubled only where it would read as an escape")
    func backslashes() {
        #expect(TerminalText.escape(#"x["a\"b"]"#) == #"x["a\"b"]"#)
        #expect(TerminalText.escape(#"a\x1b"#) == #"a\\x1b"#)
        #expect(TerminalText.escape("a\\\u{1B}") == #"a\\\x1b"#)
        #expect(TerminalText.escape(#"\\"#) == #"\\\"#)
    }

    @Test("two different texts never print the same")
    func injective() {
        let texts = [
            "a\u{1B}b", #"a\x1bb"#, #"a\\x1bb"#, "ab", "a b", "a\nb", #"a\nb"#, "a\u{202E}b", #"a\u202eb"#, "a\\",
            "a\\\\", "a\u{0}", #"a\x00"#, "a\u{85}", #"a\x85"#,
        ]
        let printed = texts.map(TerminalText.escape)
        #expect(Set(printed).count == texts.count, "\(printed)")
        for line in printed {
            #expect(!line.unicodeScalars.contains { TerminalText.isEscaped($0) })
        }
    }
}

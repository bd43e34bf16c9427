import Foundation
import Testing

@testable import TerraformShow

/// The head of a file tells a JSON document that is clearly not Terraform output; anything it does not settle
/// is left to the loader (issue 14).
@Suite("Document sniffing")
struct DocumentSnifferTests {
    static func reason(_ text: String) -> String? {
        DocumentSniffer.foreignReason(head: Array(text.utf8))
    }

    @Test(
        "Terraform output, raw states and what the loader must judge are not foreign",
        arguments: [
            #"{"format_version":"1.0","terraform_version":"1.9.0","values":{"root_module":{}}}"#,
            #"{"format_version":"1.2","planned_values":{},"resource_changes":[]}"#,
            #"{"version":4,"terraform_version":"1.9.0","serial":1,"lineage":"x","resources":[]}"#,
            #"{"version":3,"modules":[]}"#, #"{"plan_format_version":"1.0"}"#, "", "   ", "not json",
            #"{"format_version":"1.0","values":{"root_module":"#, #"{"applyable":true,"configuration":{"a":"#,
            // Sorted keys (`jq -S`) put format_version after a long configuration: undecided, so loaded.
            #"{"applyable":true,"configuration":{"#,
        ])
    func notForeign(text: String) {
        #expect(Self.reason(text) == nil)
    }

    @Test(
        "foreign documents are told by their top-level keys",
        arguments: [
            (
                #"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/aws":{}}}"#,
                "provider schema"
            ),
            (#"{"format_version":"1.0","function_signatures":{}}"#, "metadata functions"),
            (#"{"format_version":"1.0","valid":true,"error_count":0,"diagnostics":[]}"#, "validate"),
            (#"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[]}"#, "SARIF"),
            (#"{"check_type":"terraform","results":{"failed_checks":[]}}"#, "checkov"),
            (#"[{"check_type":"terraform"}]"#, "JSON array"),
            (#"{"issues":[],"errors":[]}"#, "tflint"),
            (#"{"tool": {"name": "vpcelint", "version": "0.1.0"}, "inputs": []}"#, "vpcelint report"),
            (#"{"version":1,"tool":"vpcelint 0.1.0","created":"x","findings":[]}"#, "vpcelint baseline"),
            (#"{"version":3,"serial":1,"backend":{"type":"s3"}}"#, "backend settings"),
            (#"{"version":"0.2","metadata":{},"currency":"USD","projects":["#, #"`version` "0.2""#),
            (#"{}"#, "empty JSON object"), (#"{"findings":[],"summary":{}}"#, "keys: findings, summary"),
        ])
    func foreign(text: String, expected: String) {
        #expect(Self.reason(text)?.contains(expected) == true, "\(Self.reason(text) ?? "nil")")
    }

    @Test("a byte-order mark, UTF-16 and escaped quotes in strings do not confuse the scan")
    func encodings() {
        let schema = #"{"a\"b":"}{","format_version":"1.0","provider_schemas":{}}"#
        #expect(Self.reason(schema)?.contains("provider schema") == true)
        #expect(
            DocumentSniffer.foreignReason(head: [0xEF, 0xBB, 0xBF] + Array(#"{"issues":[],"errors":[]}"#.utf8)) != nil)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in #"{"check_type":"x"}"#.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(DocumentSniffer.foreignReason(head: utf16)?.contains("checkov") == true)
    }
}

extension DocumentSnifferTests {
    @Test("a large report is told by a key whose value runs past the head")
    func largeReports() {
        let sarif =
            #"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":["#
        #expect(Self.reason(sarif)?.contains("SARIF") == true)
        #expect(Self.reason(#"{"issues":[],"errors":[{"#)?.contains("tflint") == true)
        // A key cut off by the head's end decides nothing on its own.
        #expect(Self.reason(#"{"owner":"x","findings":["#) == nil)
    }
}

extension DocumentSnifferTests {
    @Test("any bytes give a verdict without trapping: cut-off JSON, stray brackets, lone backslashes")
    func anyBytes() {
        // A fixed linear congruential sequence: the same cases on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"{}[]":,\ 0-9aeflnrstu"#.utf8) + [0x00, 0xFF, 0xFE, 0xEF]
        for _ in 0..<3000 {
            var bytes = [UInt8]()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 56)
            for _ in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            _ = DocumentSniffer.foreignReason(head: [UInt8(ascii: "{")] + bytes)
            _ = DocumentSniffer.foreignReason(head: bytes)
        }
        #expect(DocumentSniffer.foreignReason(head: Array(#"{"a":"\"#.utf8)) == nil)
    }
}

import Foundation
import LintCore
import Reporters
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("JUnit reporter")
struct JUnitReporterTests {
    @Test("valid against the Ant JUnit schema (xmllint), the canned and the hostile result")
    func schema() throws {
        for result in [Canned.result, Hostile.result] {
            let error = try Support.validationError("junit", JUnitReporter.report(result), fileExtension: "xml")
            #expect(error == nil, "\(error ?? "")")
        }
    }

    @Test("one test case per rule per environment; a failing case lists its findings")
    func cases() throws {
        let report = JUnitReporter.report(Canned.result)
        let document = try XMLDocument(xmlString: report)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(
            suites.compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue } == [
                "dev", "shared", "stg",
            ])
        for suite in suites {
            #expect(try suite.nodes(forXPath: "testcase").count == 3)  // VPCE001, VPCE002, VPCE099
        }
        let failures = try document.nodes(forXPath: "//testcase[failure]/@name").compactMap(\.stringValue)
        #expect(
            failures == [
                "VPCE002 missing-reverse-route", "VPCE001 duplicate-interface-endpoint", "VPCE099 example-note",
            ])
        let failure = try #require(try document.nodes(forXPath: "//testsuite[@name='stg']//failure").first)
        #expect(failure.stringValue?.contains("aws_vpc_endpoint.interface[\"ssm\"]") == true)
        #expect(failure.stringValue?.contains("saves: JPY 1,533/month") == true)
        let skipped = try document.nodes(forXPath: "//testsuite[@name='shared']/testcase[skipped]")
        #expect(skipped.isEmpty)  // VPCE002 in shared has a finding and an unknown: it fails
    }

    @Test("hostile names stay text: the XML parses back to the same address")
    func escaping() throws {
        let document = try XMLDocument(xmlString: JUnitReporter.report(Hostile.result))
        let failure = try #require(try document.nodes(forXPath: "//failure").first)
        #expect(failure.stringValue?.contains("</failure>") == true)
        #expect(failure.stringValue?.contains("<img src=x") == true)
        #expect(try document.nodes(forXPath: "//testsuite").count == 3)
    }

    @Test("suppressed and baselined findings: counted per suite, listed in system-out with --show-suppressed")
    func suppressedFindings() throws {
        for listed in [false, true] {
            var result = SARIFReporterTests.adopted(listed: listed)
            result.suppressed[0].reason = "]]> <b>&"
            let report = JUnitReporter.report(result)
            let error = try Support.validationError("junit", report, fileExtension: "xml")
            #expect(error == nil, "\(error ?? "")")
            let document = try XMLDocument(xmlString: report)
            func property(_ suite: String, _ name: String) throws -> String? {
                try document.nodes(
                    forXPath: "//testsuite[@name='\(suite)']/properties/property[@name='\(name)']/@value"
                )
                .first?.stringValue
            }
            let environments = [Canned.findings[0], Canned.findings[1]].map(\.location.environment)
            let suppressedTotal = try Set(environments).reduce(0) {
                $0 + (Int(try property($1, "suppressed") ?? "") ?? 0)
            }
            #expect(suppressedTotal == 2)
            let out = try document.nodes(forXPath: "//testsuite/system-out").compactMap(\.stringValue).joined()
            #expect(out.contains("suppressed: VPCE001") == listed)
            #expect(out.contains("]]> <b>&") == listed)
            #expect(out.contains("in the baseline: \(Canned.findings[1].ruleID)") == listed)
        }
    }
}

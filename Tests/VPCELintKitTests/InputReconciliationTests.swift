import Foundation
import LintCore
import TerraformShow
import Testing

@testable import VPCELintKit

/// A state (or with `plan`, a plan whose planned values hold them) of `resources`: `(address, values)`,
/// managed unless the address starts with `data.`.
private func document(_ path: String, plan: Bool = false, _ resources: [(String, String)]) throws
    -> TerraformDocument
{
    let items = resources.map { address, values in
        let data = address.hasPrefix("data.")
        let parts = address.split(separator: ".").suffix(2)
        return #"{"address":"\#(address)","mode":"\#(data ? "data" : "managed")","type":"\#(parts.first!)","#
            + #""name":"\#(parts.last!)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
    }
    let module = #"{"root_module":{"resources":["# + items.joined(separator: ",") + "]}}"
    let text =
        plan
        ? #"{"format_version":"1.2","planned_values":\#(module),"resource_changes":[]}"#
        : #"{"format_version":"1.0","values":\#(module)}"#
    return try DocumentLoader.load(bytes: Array(text.utf8), path: path)
}

private let vpc = ("aws_vpc.hub", #"{"id":"vpc-1","cidr_block":"10.255.0.0/16"}"#)

@Suite struct InputReconciliationTests {
    @Test func aPlanWinsOverAStateOfTheSameRoot() throws {
        let state = try document("shared.json", [vpc, ("aws_subnet.a", #"{"id":"subnet-1","vpc_id":"vpc-1"}"#)])
        let plan = try document("shared.plan.json", plan: true, [vpc])
        let outcome = try InputReconciliation.reconcile([("shared", state), ("shared", plan)])
        #expect(outcome.documents[0].document.resources.map(\.address) == ["aws_subnet.a"])
        #expect(outcome.documents[1].document.resources.map(\.address) == ["aws_vpc.hub"])
        #expect(outcome.superseded[0]?.count == 1)
        #expect(outcome.superseded[0]?.by == ["shared.plan.json"])
        #expect(outcome.superseded[1] == nil)
        // A resource the plan deletes is only in its prior state; the state's copy goes too.
        var deleting = plan
        deleting.resources = []
        deleting.priorResources = state.resources
        let deleted = try InputReconciliation.reconcile([("shared", state), ("shared", deleting)])
        #expect(deleted.documents[0].document.resources.isEmpty)
        #expect(deleted.superseded[0]?.count == 2)
    }

    @Test func theFirstOfTwoStatesWithTheSameIDsWins() throws {
        let outcome = try InputReconciliation.reconcile([
            ("shared", try document("a.json", [vpc])), ("shared", try document("b.json", [vpc])),
        ])
        #expect(outcome.documents[1].document.resources.isEmpty)
        #expect(outcome.superseded[1]?.by == ["a.json"])
    }

    @Test func twoStatesGivingOneAddressDifferentIDsAreAUsageError() throws {
        let other = ("aws_vpc.hub", #"{"id":"vpc-2","cidr_block":"10.255.0.0/16"}"#)
        #expect {
            _ = try InputReconciliation.reconcile([
                ("shared", try document("a.json", [vpc])), ("shared", try document("b.json", [other])),
            ])
        } throws: { error in
            (error as? CheckError)?.description.contains(
                "a.json, b.json: both hold `aws_vpc.hub` of environment shared with different IDs (vpc-1, vpc-2)")
                == true
        }
        // In different environments, or as data sources (two roots may read different objects under one
        // name), they are two resources.
        let apart = try InputReconciliation.reconcile([
            ("dev", try document("a.json", [vpc])), ("stg", try document("b.json", [other])),
        ])
        #expect(apart.superseded.isEmpty)
        let data = try InputReconciliation.reconcile([
            ("shared", try document("a.json", [("data.aws_vpc.hub", #"{"id":"vpc-1"}"#)])),
            ("shared", try document("b.json", [("data.aws_vpc.hub", #"{"id":"vpc-2"}"#)])),
        ])
        #expect(data.superseded.isEmpty)
        #expect(data.documents[1].document.resources.count == 1)
    }

    @Test func anEmptyInputFailsOnlyWithFailOnEmpty() {
        var result = Support.result()
        result.isEmptyInput = true
        result.notices = ["no VPC in any input: no hub, spoke or endpoint was checked"]
        #expect(ExitStatus.of(result, failOn: .never, failOnUnknown: false).status == .clean)
        let decision = ExitStatus.of(result, failOn: .never, failOnUnknown: false, failOnEmpty: true)
        #expect(decision.status == .findings)
        #expect(decision.notice == "--fail-on-empty: no VPC in any input: no hub, spoke or endpoint was checked")
    }
}

import Testing

@testable import TerraformShow

/// What a document keeps once a run whose models are built takes its resources.
@Suite struct TakeResourcesTests {
    @Test func aPlanKeepsItsNameKindVersionsAndCount() throws {
        let path = Corpus.repositoryRoot.appendingPathComponent("fixtures/plan-diff/shared.plan.json").path
        let loaded = try DocumentLoader.load(path: path)
        let prior = try #require(loaded.priorResources)
        #expect(!loaded.resources.isEmpty && !prior.isEmpty)
        var document = loaded
        let taken = document.takeResources()
        #expect(taken.map(\.count) == [loaded.resources.count, prior.count])
        #expect(taken[0].map(\.address) == loaded.resources.map(\.address))
        #expect(document.resources.isEmpty && document.priorResources?.isEmpty == true)
        #expect(document.moduleInputs.isEmpty && document.moduleOutputs.isEmpty)
        #expect(document.resourceCount == loaded.resources.count)
        #expect(document.path == loaded.path && document.kind == loaded.kind)
        #expect(document.formatVersion == loaded.formatVersion && document.terraformVersion == loaded.terraformVersion)
        // Taken twice: nothing more, the same count.
        #expect(document.takeResources().map(\.count) == [0, 0])
        #expect(document.resourceCount == loaded.resources.count)
    }

    @Test func aStateWithoutResourcesCountsNone() throws {
        var document = try DocumentLoader.load(
            bytes: Array(#"{"format_version":"1.0","values":{"root_module":{}}}"#.utf8), path: "empty.json")
        #expect(document.resourceCount == 0)
        #expect(document.takeResources().map(\.count) == [0])
        #expect(document.resourceCount == 0 && document.priorResources == nil)
    }
}

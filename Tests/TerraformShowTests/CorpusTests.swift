import Foundation
import Testing

@testable import TerraformShow

/// Every public corpus document loads with the resources an independent walk finds.
@Suite struct CorpusTests {
    @Test func corpusIsThere() {
        // Guards the tests below against iterating an empty or misplaced directory.
        #expect(Corpus.showJSONFiles.count >= 40, "no corpus under \(Corpus.publicDirectory.path)")
        #expect(Corpus.jsonFiles(under: Corpus.notShowJSON).count >= 8)
    }

    @Test(arguments: Corpus.showJSONFiles)
    func showJSONLoads(_ relative: String) throws {
        let path = Corpus.path(relative)
        let document = try DocumentLoader.load(path: path)
        let expected = try IndependentCount.count(fileAt: path)
        #expect(document.kind.rawValue == expected.kind)
        #expect(document.resources.count == expected.count)
        #expect(Set(document.resources.map(\.address)) == expected.addresses)
        #expect(document.path == path)
        #expect(document.formatVersion != nil)
        // One entry per instance: Terraform 0.12's key-less state addresses must not collapse.
        #expect(Set(document.resources.map(\.address)).count == document.resources.count)
        for resource in document.resources {
            // The full address is the module path, then the local address, then the key if any.
            let prefix = resource.modulePath.isEmpty ? "" : resource.modulePath + "."
            let base = prefix + (resource.mode == .data ? "data." : "") + resource.type + "." + resource.name
            if resource.index == nil {
                #expect(resource.address == base, "\(relative)")
            } else {
                #expect(resource.address.hasPrefix(base + "["), "\(relative): \(resource.address)")
            }
            #expect(resource.configAddress == Resource.stripInstanceKeys(base), "\(relative): \(resource.address)")
            #expect(resource.values.object != nil, "\(relative): \(resource.address) values")
        }
    }

    /// The kind column of MANIFEST.md agrees with what the loader tells from content.
    @Test func kindsMatchManifest() throws {
        let manifest = try String(
            contentsOf: Corpus.publicDirectory.appendingPathComponent("MANIFEST.md"), encoding: .utf8)
        var checked = 0
        for line in manifest.split(separator: "\n") where line.hasPrefix("| `") && !line.contains("not-show-json/") {
            let columns = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard columns.count > 6 else { continue }
            let name = columns[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let kind = columns[6].hasPrefix("state") ? DocumentKind.state : .plan
            let document = try DocumentLoader.load(path: Corpus.path(name))
            #expect(document.kind == kind, "\(name)")
            checked += 1
        }
        #expect(checked == Corpus.showJSONFiles.count)
    }

    /// Files whose names say the opposite of their content.
    @Test(arguments: [
        ("snyk__policy-engine/pkg__input__golden_test__tfstate__example-01__state.json", DocumentKind.plan, "1.1"),
        ("terraform-compliance__cli/tests__functional__test_child_modules__plan.out.json", .state, "0.1"),
        ("hashicorp__terraform-json/testdata__110_sensitive_values__state.json", .state, "0.2"),
        (
            "hashicorp__terraform/v1.5.7__internal__command__testdata__show-json-state__empty__output.json", .state,
            "1.0"
        ),
        ("bridgecrewio__checkov/tests__terraform__runner__resources__plan_with_providers__tfplan.json", .plan, "1.2"),
        ("opentofu__opentofu/internal__command__testdata__show-json__plan-error__output.json", .plan, "1.2"),
    ])
    func namedKinds(_ relative: String, _ kind: DocumentKind, _ formatVersion: String) throws {
        let document = try DocumentLoader.load(path: Corpus.path(relative))
        #expect(document.kind == kind)
        #expect(document.formatVersion == formatVersion)
    }

    /// Terraform 0.12 wrote state addresses without module or key: they are rebuilt, one per instance.
    @Test func terraform012StateAddressesAreRebuilt() throws {
        let state = try DocumentLoader.load(
            path: Corpus.path("hashicorp__terraform-json/testdata__no_changes__state.json"))
        let addresses = state.resources.map(\.address)
        #expect(
            addresses.filter { $0.hasPrefix("null_resource.baz") } == [
                "null_resource.baz[0]", "null_resource.baz[1]", "null_resource.baz[2]",
            ])
        #expect(
            state.resources.first { $0.address == "null_resource.baz[1]" }?.value(at: "id")?.string
                == "2106740714798375541")

        let plan = try DocumentLoader.load(
            path: Corpus.path("terraform-compliance__cli/tests__functional__test_issue-249__plan.out.json"))
        let zone = try #require(
            plan.resources.first { $0.address == "module.data-utils.data.aws_route53_zone.public[0]" })
        #expect(zone.modulePath == "module.data-utils")
        #expect(zone.configAddress == "module.data-utils.data.aws_route53_zone.public")
        #expect(
            plan.resources.filter {
                $0.address.hasPrefix("module.data-utils.data.null_data_source.tags_as_list_of_maps[")
            }.count == 12)
    }

    @Test func forgetStaysPlannedAndDataSourcesComeFromPriorState() throws {
        let forget = try DocumentLoader.load(
            path: Corpus.path("borchero__terraform-plan-comment/tests__fixtures__basic__3-remove__plan.json"))
        #expect(forget.resources.map(\.address) == ["local_file.test2"])
        #expect(forget.resources.first?.actions == ["forget"])

        let enrichment = try DocumentLoader.load(
            path: Corpus.path(
                "bridgecrewio__checkov/tests__common__runner_registry__plan_with_for_each_for_enrichment__tf_plan.json")
        )
        let data = enrichment.resources.filter { $0.mode == .data }
        #expect(!data.isEmpty)
        #expect(data.allSatisfy { $0.address.contains("data.") && $0.configAddress.contains("data.") })
        #expect(enrichment.resources.contains { $0.modulePath.hasPrefix("module.sg[\"") })
    }
}

/// The not-show-json directory: two files load, the rest are refused with a precise message.
@Suite struct NotShowJSONTests {
    @Test func rawV4StateLoads() throws {
        let document = try DocumentLoader.load(
            path: Corpus.path(
                "not-show-json/snyk__driftctl/pkg__iac__terraform__state__test__aws_vpc__terraform.tfstate.json"))
        #expect(document.kind == .rawState)
        #expect(document.terraformVersion == "0.14.2")
        #expect(document.resources.map(\.address) == ["aws_default_vpc.default", "aws_vpc.vpc"])
        #expect(document.resources.allSatisfy { $0.providerName == "registry.terraform.io/hashicorp/aws" })
        #expect(document.resources.last?.value(at: "cidr_block")?.string != nil)
    }

    @Test func powerShellUTF16PlanLoads() throws {
        let path = Corpus.path(
            "not-show-json/bridgecrewio__checkov/tests__terraform__parser__resources__plan_encodings__tfplan_win_utf16.json"
        )
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0xFF, 0xFE]))
        let document = try DocumentLoader.load(path: path)
        #expect(document.kind == .plan)
        #expect(document.encoding == "utf-16le")
        #expect(document.formatVersion == "1.1")
        #expect(document.terraformVersion == "1.2.2")
        #expect(document.resources.map(\.address) == ["aws_s3_bucket.data"])
        #expect(document.resources.first?.actions == ["create"])
    }

    @Test(arguments: [
        ("cycloidio__inframap/generate__testdata__version_3_state.json", ["version 3", "0.12"]),
        (
            "gruntwork-io__terratest/modules__terraform__testdata__plan_output__root_and_child_modules.json",
            ["hand-written", "root_module", "terraform show -json"]
        ),
        (
            "hashicorp__terraform-json/testdata__013_module_depends_on__schemas.json",
            ["providers schema", "terraform show -json"]
        ),
        ("hashicorp__terraform-json/testdata__basic__functions.json", ["metadata functions", "terraform show -json"]),
        (
            "infracost__infracost/cmd__infracost__testdata__plan_with_terraform_wrapper.json",
            ["wrapper", "terraform_wrapper: false"]
        ),
        (
            "opentofu__opentofu/internal__cloud__testdata__plan-json-basic__plan-redacted.json",
            ["redacted", "terraform show -json"]
        ),
    ])
    func refused(_ relative: String, _ words: [String]) throws {
        let path = Corpus.path("not-show-json/" + relative)
        let error = try #require(loadError(path: path))
        let text = error.description
        #expect(text.hasPrefix(path + ":"), "\(text)")
        #expect(error.line != nil || error.jsonPath != nil, "no place in: \(text)")
        #expect(error.hint != nil, "no hint in: \(text)")
        #expect(!text.contains("\n"))
        for word in words { #expect(text.contains(word), "\(word) missing from: \(text)") }
    }

    /// Every file in not-show-json/ is named in one of the tests above.
    @Test func everyFileIsCovered() {
        let covered: Set<String> = [
            "bridgecrewio__checkov/tests__terraform__parser__resources__plan_encodings__tfplan_win_utf16.json",
            "snyk__driftctl/pkg__iac__terraform__state__test__aws_vpc__terraform.tfstate.json",
            "cycloidio__inframap/generate__testdata__version_3_state.json",
            "gruntwork-io__terratest/modules__terraform__testdata__plan_output__root_and_child_modules.json",
            "hashicorp__terraform-json/testdata__013_module_depends_on__schemas.json",
            "hashicorp__terraform-json/testdata__basic__functions.json",
            "infracost__infracost/cmd__infracost__testdata__plan_with_terraform_wrapper.json",
            "opentofu__opentofu/internal__cloud__testdata__plan-json-basic__plan-redacted.json",
        ]
        #expect(Set(Corpus.jsonFiles(under: Corpus.notShowJSON)) == covered)
    }
}

import BuiltInRules
import Consolidation
import Foundation
import LintCore
import TestSupport
import Testing
import VPCELintDevKit

/// `Rules/data/*.json` are sourced, and the generated Swift tables hold exactly their rows.
@Suite struct DataTablesTests {
    let tables: DataTables

    init() throws {
        tables = try DataTables(root: Repository.root)
    }

    @Test func everyRowHasASourceAndARetrievalDate() {
        let rows =
            tables.priceRows.map { (DataTables.pricesPath, $0) }
            + tables.serviceRows.map {
                (DataTables.servicesPath, $0)
            }
        #expect(!tables.priceRows.isEmpty && !tables.serviceRows.isEmpty)
        for (file, row) in rows {
            let source = row["source"] as? String ?? ""
            let retrieved = row["retrieved"] as? String ?? ""
            #expect(source.hasPrefix("https://"), "\(file): \(row)")
            #expect(isDate(retrieved), "\(file): \(row)")
        }
    }

    @Test func priceTableEqualsTheJSON() throws {
        let json = try tables.priceTable()
        let builtIn = PriceTable.builtIn
        #expect(builtIn.updatedAt == json.updatedAt)
        #expect(builtIn.hoursPerMonth == json.hoursPerMonth)
        #expect(builtIn.regions == json.regions)
        #expect(builtIn.regions.count == tables.priceRows.count, "a region is listed twice in prices.json")
    }

    @Test func serviceCatalogEqualsTheJSON() throws {
        #expect(ServiceCatalog.builtIn.services == (try tables.serviceCatalog().services))
        let names = ServiceCatalog.builtIn.services.map(\.service)
        #expect(Set(names).count == names.count, "a service is listed twice in services.json")
    }

    @Test func endpointSetsAndCounterCostsAreSourcedAndEqualTheJSON() throws {
        let rows =
            tables.endpointSetRows.map { (DataTables.endpointSetsPath, $0) }
            + tables.counterCostRows.map { (DataTables.counterCostsPath, $0) }
        #expect(!tables.endpointSetRows.isEmpty && !tables.counterCostRows.isEmpty)
        for (file, row) in rows {
            #expect((row["source"] as? String ?? "").hasPrefix("https://"), "\(file): \(row)")
            #expect(isDate(row["retrieved"] as? String ?? ""), "\(file): \(row)")
        }
        #expect(EndpointSetTable.builtIn.sets == (try tables.endpointSetTable().sets))
        #expect(EndpointSetTable.builtIn.updatedAt == (try tables.endpointSetTable().updatedAt))
        #expect(CounterCostTable.builtIn.costs == (try tables.counterCostTable().costs))
        let ids = EndpointSetTable.builtIn.sets.map(\.id)
        #expect(Set(ids).count == ids.count, "a set is listed twice in endpoint-sets.json")
        // Every member names a service the service catalog knows (or a gateway service).
        let known = Set(ServiceCatalog.builtIn.services.map(\.service))
        for set in EndpointSetTable.builtIn.sets {
            for member in set.members where member.type == "Interface" {
                #expect(known.contains(member.service), "\(set.id): \(member.service) is not in services.json")
            }
        }
    }

    /// `YYYY-MM-DD`.
    private func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}

/// A zone name is the pattern with `{region}` replaced, as Foundation's replacement makes it, for every
/// pattern (a service not in the table makes its own from its name, which comes from the input).
@Suite struct ZoneNameTests {
    @Test func zoneNameReplacesAsFoundationDoes() {
        let pieces = [
            "{region}", "{region", "region}", "{", "}", "dkr.", "ecr", ".", "é", "\u{301}", "x", "{{region}}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let pattern = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let region = ["ap-northeast-1", "", "é", "{region}"].randomElement(using: &generator)!
            let dns = ServiceDNS(
                service: "s", zonePattern: pattern, needsApex: true, needsWildcard: false, source: "")
            #expect(
                dns.zoneName(region: region) == pattern.replacingOccurrences(of: "{region}", with: region),
                "\(pattern) \(region)")
        }
    }
}

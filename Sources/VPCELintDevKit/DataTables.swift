import BuiltInRules
import Consolidation
import Foundation
import LintCore

/// `Rules/data/*.json`, the hand-edited, sourced tables, as their rows.
package struct DataTables {
    /// `Rules/data/prices.json`.
    package var prices: [String: Any]
    /// `Rules/data/services.json`.
    package var services: [String: Any]
    /// `Rules/data/endpoint-sets.json`.
    package var endpointSets: [String: Any]
    /// `Rules/data/consolidation-costs.json`.
    package var counterCosts: [String: Any]

    package init(root: URL) throws {
        prices = try Self.object(root.appendingPathComponent(DataTables.pricesPath))
        services = try Self.object(root.appendingPathComponent(DataTables.servicesPath))
        endpointSets = try Self.object(root.appendingPathComponent(DataTables.endpointSetsPath))
        counterCosts = try Self.object(root.appendingPathComponent(DataTables.counterCostsPath))
    }

    package static let pricesPath = "Rules/data/prices.json"
    package static let servicesPath = "Rules/data/services.json"
    package static let endpointSetsPath = "Rules/data/endpoint-sets.json"
    package static let counterCostsPath = "Rules/data/consolidation-costs.json"

    /// The rows of `prices.json`.
    package var priceRows: [[String: Any]] { prices["regions"] as? [[String: Any]] ?? [] }
    /// The rows of `services.json`.
    package var serviceRows: [[String: Any]] { services["services"] as? [[String: Any]] ?? [] }
    /// The rows (sets) of `endpoint-sets.json`.
    package var endpointSetRows: [[String: Any]] { endpointSets["sets"] as? [[String: Any]] ?? [] }
    /// The rows of `consolidation-costs.json`.
    package var counterCostRows: [[String: Any]] { counterCosts["costs"] as? [[String: Any]] ?? [] }

    /// The price table the JSON describes.
    package func priceTable() throws -> PriceTable {
        var regions = [String: RegionPrice]()
        for row in priceRows {
            let region = try string(row, "region")
            regions[region] = RegionPrice(
                region: region, hourlyPerAZ: try number(row, "hourly_per_az"), source: try string(row, "source"),
                retrieved: try string(row, "retrieved"))
        }
        return PriceTable(
            updatedAt: try string(prices, "updated_at"), hoursPerMonth: try number(prices, "hours_per_month"),
            regions: regions)
    }

    /// The service catalog the JSON describes, in file order.
    package func serviceCatalog() throws -> ServiceCatalog {
        ServiceCatalog(
            services: try serviceRows.map { row in
                ServiceDNS(
                    service: try string(row, "service"), zonePattern: try string(row, "zone"),
                    needsApex: try bool(row, "apex"), needsWildcard: try bool(row, "wildcard"),
                    source: try string(row, "source"))
            })
    }

    /// `Sources/LintCore/Data/PriceTable+Generated.swift`.
    package func priceTableSwift() throws -> String {
        let table = try priceTable()
        var lines = [
            GeneratedHeader.swift,
            GeneratedHeader.swiftFormatIgnore,
            "// Source: \(DataTables.pricesPath)",
            "",
            "extension PriceTable {",
            "    /// The table in \(DataTables.pricesPath).",
            "    public static let builtIn = PriceTable(",
            "        updatedAt: \(literal(table.updatedAt)),",
            "        hoursPerMonth: \(literal(table.hoursPerMonth)),",
            "        regions: [",
        ]
        for row in priceRows {
            guard let price = table.regions[try string(row, "region")] else { continue }
            lines += [
                "            \(literal(price.region)): RegionPrice(",
                "                region: \(literal(price.region)),",
                "                hourlyPerAZ: \(literal(price.hourlyPerAZ)),",
                "                source: \(literal(price.source)),",
                "                retrieved: \(literal(price.retrieved))",
                "            ),",
            ]
        }
        lines += ["        ]", "    )", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Sources/LintCore/Data/ServiceCatalog+Generated.swift`.
    package func serviceCatalogSwift() throws -> String {
        var lines = [
            GeneratedHeader.swift,
            GeneratedHeader.swiftFormatIgnore,
            "// Source: \(DataTables.servicesPath)",
            "",
            "extension ServiceCatalog {",
            "    /// The table in \(DataTables.servicesPath).",
            "    public static let builtIn = ServiceCatalog(",
            "        services: [",
        ]
        for service in try serviceCatalog().services {
            lines += [
                "            ServiceDNS(",
                "                service: \(literal(service.service)),",
                "                zonePattern: \(literal(service.zonePattern)),",
                "                needsApex: \(service.needsApex),",
                "                needsWildcard: \(service.needsWildcard),",
                "                source: \(literal(service.source))",
                "            ),",
            ]
        }
        lines += ["        ]", "    )", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The endpoint set table the JSON describes, in file order.
    package func endpointSetTable() throws -> EndpointSetTable {
        EndpointSetTable(
            updatedAt: try string(endpointSets, "updated_at"),
            sets: try endpointSetRows.map { row in
                guard let members = row["members"] as? [[String: Any]], !members.isEmpty else {
                    throw GeneratorError("missing members in \(row)")
                }
                return EndpointSet(
                    id: try string(row, "id"), name: try string(row, "name"),
                    members: try members.map { member in
                        let type = try string(member, "type")
                        guard type == "Interface" || type == "Gateway" else {
                            throw GeneratorError("member type must be Interface or Gateway in \(member)")
                        }
                        return EndpointSetMember(
                            service: try string(member, "service"), type: type,
                            reportedBy: member["reported_by"] as? String)
                    }, source: try string(row, "source"), retrieved: try string(row, "retrieved"))
            })
    }

    /// `Sources/BuiltInRules/Data/EndpointSets+Generated.swift`.
    package func endpointSetsSwift() throws -> String {
        let table = try endpointSetTable()
        var lines = [
            GeneratedHeader.swift,
            GeneratedHeader.swiftFormatIgnore,
            "// Source: \(DataTables.endpointSetsPath)",
            "",
            "extension EndpointSetTable {",
            "    /// The table in \(DataTables.endpointSetsPath).",
            "    public static let builtIn = EndpointSetTable(",
            "        updatedAt: \(literal(table.updatedAt)),",
            "        sets: [",
        ]
        for set in table.sets {
            lines += [
                "            EndpointSet(",
                "                id: \(literal(set.id)),",
                "                name: \(literal(set.name)),",
                "                members: [",
            ]
            for member in set.members {
                let reportedBy = member.reportedBy.map { ", reportedBy: \(literal($0))" } ?? ""
                lines.append(
                    "                    EndpointSetMember(service: \(literal(member.service)), type: \(literal(member.type))\(reportedBy)),"
                )
            }
            lines += [
                "                ],",
                "                source: \(literal(set.source)),",
                "                retrieved: \(literal(set.retrieved))",
                "            ),",
            ]
        }
        lines += ["        ]", "    )", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The counter-cost table the JSON describes, in file order.
    package func counterCostTable() throws -> CounterCostTable {
        CounterCostTable(
            updatedAt: try string(counterCosts, "updated_at"),
            costs: try counterCostRows.map { row in
                CounterCost(
                    id: try string(row, "id"), usd: try amount(row, "usd"), unit: try string(row, "unit"),
                    note: try string(row, "note"), source: try string(row, "source"),
                    retrieved: try string(row, "retrieved"))
            })
    }

    /// A number that may be 0: Foundation on Linux reads JSON `0` as an NSNumber that also casts to Bool, so
    /// booleans are told apart by their type encoding instead.
    private func amount(_ row: [String: Any], _ key: String) throws -> Double {
        guard let value = row[key] as? NSNumber, String(cString: value.objCType) != "c" else {
            throw GeneratorError("missing number '\(key)' in \(row)")
        }
        return value.doubleValue
    }

    /// `Sources/Consolidation/CounterCosts+Generated.swift`.
    package func counterCostsSwift() throws -> String {
        let table = try counterCostTable()
        var lines = [
            GeneratedHeader.swift,
            GeneratedHeader.swiftFormatIgnore,
            "// Source: \(DataTables.counterCostsPath)",
            "",
            "extension CounterCostTable {",
            "    /// The table in \(DataTables.counterCostsPath).",
            "    public static let builtIn = CounterCostTable(",
            "        updatedAt: \(literal(table.updatedAt)),",
            "        costs: [",
        ]
        for cost in table.costs {
            lines += [
                "            CounterCost(",
                "                id: \(literal(cost.id)),",
                "                usd: \(literal(cost.usd)),",
                "                unit: \(literal(cost.unit)),",
                "                note: \(literal(cost.note)),",
                "                source: \(literal(cost.source)),",
                "                retrieved: \(literal(cost.retrieved))",
                "            ),",
            ]
        }
        lines += ["        ]", "    )", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func object(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GeneratorError("\(url.path): expected a JSON object")
        }
        return object
    }

    private func string(_ row: [String: Any], _ key: String) throws -> String {
        guard let value = row[key] as? String else { throw GeneratorError("missing string '\(key)' in \(row)") }
        return value
    }

    private func number(_ row: [String: Any], _ key: String) throws -> Double {
        guard let value = row[key] as? NSNumber, !(value is Bool) else {
            throw GeneratorError("missing number '\(key)' in \(row)")
        }
        return value.doubleValue
    }

    private func bool(_ row: [String: Any], _ key: String) throws -> Bool {
        guard let value = row[key] as? Bool else { throw GeneratorError("missing boolean '\(key)' in \(row)") }
        return value
    }
}

/// A Swift string literal for `text` (escapes quotes, backslashes and control characters).
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        case _ where scalar.value < 0x20: result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// A raw multi-line Swift string literal for `text`, its lines indented by `indent` spaces; `""` when empty.
func multiline(_ text: String, indent: Int) -> String {
    guard !text.isEmpty else { return "\"\"" }
    let padding = String(repeating: " ", count: indent)
    let body = text.components(separatedBy: "\n").map { $0.isEmpty ? "" : padding + $0 }
    return (["#\"\"\""] + body + [padding + "\"\"\"#"]).joined(separator: "\n")
}

/// A Swift literal for a number: `730` when whole, else the shortest form that reads back the same.
func literal(_ number: Double) -> String {
    number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
}

/// The first line of every generated file.
enum GeneratedHeader {
    static let swift = "// GENERATED by 'swift run vpcelint-dev generate'. DO NOT EDIT."
    /// Generated Swift keeps source URLs on one line, which may pass 120 columns; the layout is still
    /// swift-format's.
    static let swiftFormatIgnore = "// swift-format-ignore-file"
    static let markdown = "<!-- GENERATED by 'swift run vpcelint-dev generate'. DO NOT EDIT. -->"
}

/// A generator failure, printed as is.
package struct GeneratorError: Error, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}

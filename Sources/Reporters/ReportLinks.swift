import LintCore

/// Where reports point readers: the project and each rule's document (`Rules/<name>.md`).
public enum ReportLinks {
    /// The project's home page (SARIF `tool.driver.informationUri`).
    public static let project = "https://github.com/vpcelint/vpcelint"
    /// The folder holding the rule documents; a fork or mirror changes this one constant.
    public static let ruleDocumentBase = project + "/blob/main/Rules/"

    /// The URL of the document of rule `name`, e.g. `.../Rules/missing-reverse-route.md`.
    public static func ruleDocument(_ name: String) -> String {
        ruleDocumentBase + name + ".md"
    }
}

/// The price table a report used, as every report states it: its source and the date of its prices.
enum PriceTableCitation {
    /// `prices of 2025-06-01 from Rules/data/prices.json`.
    static func line(_ pricing: Pricing) -> String {
        "prices of \(pricing.table.updatedAt) from \(priceTableSource)"
    }
}

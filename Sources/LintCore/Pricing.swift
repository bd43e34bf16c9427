/// The price of an interface endpoint in one region.
public struct RegionPrice: Sendable, Hashable {
    public var region: String
    /// USD per endpoint per AZ per hour.
    public var hourlyPerAZ: Double
    public var source: String
    public var retrieved: String

    public init(region: String, hourlyPerAZ: Double, source: String, retrieved: String) {
        self.region = region
        self.hourlyPerAZ = hourlyPerAZ
        self.source = source
        self.retrieved = retrieved
    }
}

/// Interface endpoint prices per region, from `Rules/data/prices.json`.
public struct PriceTable: Sendable {
    public var updatedAt: String
    public var hoursPerMonth: Double
    public var regions: [String: RegionPrice]

    public init(updatedAt: String, hoursPerMonth: Double, regions: [String: RegionPrice]) {
        self.updatedAt = updatedAt
        self.hoursPerMonth = hoursPerMonth
        self.regions = regions
    }
}

/// Prices and the settings of one run: hours per month and the report currency.
public struct Pricing: Sendable {
    public var table: PriceTable
    public var hoursPerMonth: Double
    /// ISO 4217 code of the report currency; amounts are kept in USD and converted for display.
    public var currency: String
    /// Units of `currency` per USD.
    public var exchangeRate: Double
    /// The region whose price applies when an endpoint's own region has none in the table (`region:` of
    /// `.vpcelint.yml`); `nil`: such endpoints have no price.
    public var fallbackRegion: String?

    public init(
        table: PriceTable = .builtIn, hoursPerMonth: Double? = nil, currency: String = "USD", exchangeRate: Double = 1
    ) {
        self.table = table
        self.hoursPerMonth = hoursPerMonth ?? table.hoursPerMonth
        self.currency = currency
        self.exchangeRate = exchangeRate
    }

    /// `usd` in the report currency: the one place where an amount is converted. Reporters receive
    /// ``Money`` and never multiply by the exchange rate themselves.
    public func money(usd: Double) -> Money {
        Money(usd: usd, amount: usd * exchangeRate, currency: currency)
    }

    /// USD per endpoint-AZ-hour in `region`, or `nil` when the table has no price for it.
    public func hourly(region: String) -> Double? {
        (table.regions[region] ?? fallbackRegion.flatMap { table.regions[$0] })?.hourlyPerAZ
    }

    /// Monthly cost of `azCount` endpoint-AZs in `region`, with its formula; `nil` without a price.
    public func monthly(endpoints: Int = 1, azCount: Int, region: String) -> MonthlyCost? {
        guard let hourly = hourly(region: region) else { return nil }
        let usd = Double(azCount) * hourly * hoursPerMonth
        let hours = hoursPerMonth.rounded() == hoursPerMonth ? String(Int(hoursPerMonth)) : String(hoursPerMonth)
        let subject = endpoints == 1 ? "1 endpoint" : "\(endpoints) endpoints"
        return MonthlyCost(usd: usd, formula: "\(subject), \(azCount) endpoint-AZ x \(hourly) USD/h x \(hours) h")
    }
}

/// An amount of money per month: in USD as computed, and in the report currency as shown.
public struct Money: Sendable, Hashable {
    /// As computed from the price table.
    public var usd: Double
    /// In ``currency``, converted by ``Pricing/money(usd:)``.
    public var amount: Double
    /// ISO 4217 code of the report currency.
    public var currency: String
}

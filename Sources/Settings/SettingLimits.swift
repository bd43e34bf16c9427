/// Bounds and lists that every setting of a number, a currency or a date is checked against where it enters:
/// a flag (named in the message) or a configuration key (named with FILE:LINE:COL).
enum SettingLimits {
    /// The largest exchange rate accepted, in units of the report currency per USD. The weakest currency
    /// quoted today is the Iranian rial at about 1,000,000 per USD on the open market (42,000 official); ten
    /// times that keeps every amount exact in the reports: a month of 10,000 endpoints (about 1.5e5 USD) at
    /// this rate is 1.5e12, far inside the 9e16 units the text formatter prints digit by digit (Int64
    /// hundredths), and finite in JSON, where `1e308` gave `inf` and `null`.
    static let maximumExchangeRate = 10_000_000.0

    /// Why `value` is not an exchange rate for `currency`, or `nil`.
    static func exchangeRateProblem(_ value: Double, currency: String) -> String? {
        guard value.isFinite, value > 0, value <= maximumExchangeRate else {
            return "\(value) is not an exchange rate: expected a number of \(currency) per USD above 0 and at most "
                + "10,000,000 (ten times the weakest currency's rate; larger amounts would not print exactly)"
        }
        return nil
    }

    /// Why `value` is not a number of hours in a billing month, or `nil`.
    static func hoursProblem(_ value: Double) -> String? {
        value.isFinite && value > 0 && value <= 744 ? nil : "\(value) is outside 0 < N <= 744 (31 days x 24 h)"
    }

    /// Why `code` is not a report currency, or `nil`.
    static func currencyProblem(_ code: String) -> String? {
        let upper = code.uppercased()
        guard upper.count == 3, upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            return "'\(code)' is not a three-letter ISO 4217 code such as USD or JPY"
        }
        return isoCurrencyCodes.contains(upper)
            ? nil : "'\(code)' is not an ISO 4217 currency code (e.g. USD, EUR, JPY)"
    }

    /// Whether `text` is a date `YYYY-MM-DD` of the Gregorian calendar: a month 01-12 and a day that month has
    /// (February 29 only in a leap year: every 4th, but not every 100th unless every 400th).
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// ISO 4217 alphabetic codes: Debian iso-codes 4.15.0 (`/usr/share/iso-codes/json/iso_4217.json`, which
    /// follows the maintenance agency's List One, https://www.six-group.com/en/products-services/financial-information/data-standards.html),
    /// plus ZWG (Zimbabwe Gold, 2024) and XCG (Caribbean guilder, 2025), added since. Codes withdrawn lately
    /// (HRK, SLL, ZWL, ANG) stay accepted: a report in them still means something.
    static let isoCurrencyCodes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
        "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
        "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
        "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
        "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
        "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL",
        "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
        "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
        "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
        "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
        "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR",
        "ZMW", "ZWG", "ZWL",
    ]
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The clock's time in UTC as the fields a run writes (`until:` days, a baseline's `created`), from the C
/// library's `gmtime_r`: Foundation's date formatters load ICU's calendar and locale data (~5 MB resident and
/// ~10 ms of a small check) for two fixed-format strings.
struct UTCTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// The time `seconds` after the Unix epoch; nil when the C library cannot represent it.
    init?(secondsSinceEpoch seconds: Int) {
        var clock = time_t(seconds)
        var fields = tm()
        guard gmtime_r(&clock, &fields) != nil else { return nil }
        year = Int(fields.tm_year) + 1900
        month = Int(fields.tm_mon) + 1
        day = Int(fields.tm_mday)
        hour = Int(fields.tm_hour)
        minute = Int(fields.tm_min)
        second = Int(fields.tm_sec)
    }

    /// Now; the epoch's start if the clock cannot be read or converted (never on a working system).
    static func current() -> UTCTime {
        UTCTime(secondsSinceEpoch: Int(time(nil))) ?? UTCTime(secondsSinceEpoch: 0)!
    }

    /// `YYYY-MM-DD`.
    var date: String {
        "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as `ISO8601DateFormatter` writes by default.
    var timestamp: String {
        "\(date)T\(Self.padded(hour, 2)):\(Self.padded(minute, 2)):\(Self.padded(second, 2))Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

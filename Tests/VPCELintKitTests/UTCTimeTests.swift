import Foundation
import Testing

@testable import VPCELintKit

@Suite struct UTCTimeTests {
    /// The C library's fields written as Foundation's ISO 8601 formatter writes the same instant (the format
    /// `created` had when Foundation wrote it), across leap days, year ends and the present.
    @Test(arguments: [0, 951_782_400, 1_709_164_799, 1_735_689_599, 1_735_689_600, 1_796_515_200, 4_102_444_799])
    func writesWhatFoundationWrote(seconds: Int) throws {
        let time = try #require(UTCTime(secondsSinceEpoch: seconds))
        let foundation = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(time.timestamp == foundation)
        #expect(time.date == String(foundation.prefix(10)))
    }

    @Test func paddedFields() throws {
        let time = try #require(UTCTime(secondsSinceEpoch: 3_661))
        #expect(time.timestamp == "1970-01-01T01:01:01Z")
        #expect(time.date == "1970-01-01")
    }

    @Test func todayIsTheCurrentDay() {
        let before = Int(Date().timeIntervalSince1970)
        let today = Pipeline.today()
        let after = Int(Date().timeIntervalSince1970)
        let days = Set([before, after].compactMap { UTCTime(secondsSinceEpoch: $0)?.date })
        #expect(days.contains(today))
        #expect(today.count == 10)
    }
}

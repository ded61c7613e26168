import Foundation
import Testing

@testable import Resources

@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1.9, "1970-01-01T00:00:01Z"),  // truncated to whole seconds, never rounded up
        (-1.0, "1969-12-31T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),  // leap day of a year divisible by 400
        (1_796_104_522, "2026-12-01T05:55:22Z"),
        (4_107_628_799, "2100-03-01T23:59:59Z"),  // 2100 is not a leap year
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
    ])
    func formatsAsKubernetesWritesTimestamps(seconds: TimeInterval, text: String) {
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(arguments: [0.0, -1.0, 951_782_400, 1_796_104_522, 4_107_628_799, -2_208_988_800])
    func parsesWhatItWrites(seconds: TimeInterval) {
        #expect(Timestamp.parse(Timestamp.rfc3339(Date(timeIntervalSince1970: seconds))) == Date(timeIntervalSince1970: seconds))
    }

    @Test func parsesFractionsAndOffsets() {
        #expect(Timestamp.parse("2026-12-01T05:55:22.5Z") == Date(timeIntervalSince1970: 1_796_104_522.5))
        #expect(Timestamp.parse("2026-12-01T07:55:22+02:00") == Date(timeIntervalSince1970: 1_796_104_522))
        #expect(Timestamp.parse("2026-12-01T04:55:22-01:00") == Date(timeIntervalSince1970: 1_796_104_522))
    }

    @Test(arguments: ["", "2026-12-01", "2026-12-01T05:55:22", "2026-13-01T05:55:22Z", "2026-12-01T05:55:22Zjunk", "2026-12-01 05:55:22Z"])
    func refusesWhatIsNotRFC3339(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

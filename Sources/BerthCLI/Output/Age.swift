import FoundationEssentials
import Resources

/// Durations as kubectl prints ages: `45s`, `12m`, `3h`, `5d`.
enum Age {
    static func since(_ timestamp: String?, now: Date = Date()) -> String {
        guard let timestamp, let date = Timestamp.parse(timestamp) else { return "<unknown>" }
        return format(seconds: Int(now.timeIntervalSince(date)))
    }

    static func format(seconds: Int) -> String {
        let s = max(0, seconds)
        if s < 120 { return "\(s)s" }
        if s < 120 * 60 { return "\(s / 60)m" }
        if s < 48 * 3600 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }
}

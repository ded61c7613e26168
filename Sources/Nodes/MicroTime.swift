import FoundationEssentials
import Resources

/// Kubernetes' `MicroTime` text (`2026-12-01T05:55:22.123456Z`), which Lease `renewTime` uses:
/// heartbeats 10 s apart must never look equal, and the node lifecycle compares them as text.
enum MicroTime {
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int64(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded(.down))
        let whole = Timestamp.rfc3339(Date(timeIntervalSince1970: seconds))
        let digits = String(micros)
        return whole.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}

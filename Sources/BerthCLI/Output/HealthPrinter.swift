import Controllers
import Resources

/// The health verdict at the end of a wait: one line for the whole, one per resource that is not
/// healthy.
struct HealthPrinter {
    var terminal: Terminal

    func render(_ outcome: HealthWait.Outcome, timeout: DurationArgument) -> String {
        let count = outcome.health.count
        var out: String
        switch outcome.aggregate {
        case .healthy: out = terminal.green("Healthy") + " · \(count) resources"
        case .suspended: out = terminal.yellow("Suspended") + " · \(count) resources"
        case .degraded: out = terminal.red("Degraded") + " · \(count) resources"
        default: out = terminal.yellow(outcome.aggregate.rawValue) + " · \(count) resources"
        }
        if outcome.timedOut { out += terminal.red(" · not healthy within \(timeout)") }
        for (key, health) in outcome.health.sorted(by: { $0.key < $1.key }) where health.status != .healthy {
            let status = health.status.rawValue
            out += "\n  " + status + String(repeating: " ", count: max(0, 12 - status.count)) + "\(key)"
            if !health.message.isEmpty { out += terminal.dim(": \(health.message)") }
        }
        return out
    }
}

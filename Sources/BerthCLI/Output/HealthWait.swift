import ControlPlane
import Controllers
import FoundationEssentials
import Resources
import Store

/// Runs (or waits on) the controllers until a set of objects is healthy, printing progress as it
/// changes: one line per Deployment step, as `kubectl rollout status` does.
struct HealthWait {
    var store: SQLiteStore
    var keys: [ObjectKey]
    var timeout: Double
    var terminal: Terminal
    /// Print progress lines (off for `-o json`).
    var showProgress = true

    struct Outcome {
        var health: [ObjectKey: ResourceHealth]
        var aggregate: HealthStatus
        var timedOut: Bool
    }

    /// Healthy, or Suspended (a paused Deployment waits for its user), ends the wait; so does a
    /// Degraded Deployment (its progress deadline passed: waiting longer changes nothing).
    static func isSettled(_ health: [ObjectKey: ResourceHealth]) -> Bool {
        let aggregate = Health.aggregate(Array(health.values))
        if aggregate <= .suspended { return true }
        return health.contains { $0.key.kind == "Deployment" && $0.value.status == .degraded }
    }

    func run() throws -> Outcome {
        let convergence = Convergence(store: store)
        // Conflicts and races are retried quietly; an error retrying cannot fix is worth saying.
        convergence.errorHandler = { controller, key, error in
            if error is TerminalError { Terminal.printError("warning: \(controller): \(error)") }
        }
        var lastMessage: [ObjectKey: String] = [:]
        func healths(_ view: ClusterView) -> [ObjectKey: ResourceHealth] {
            Dictionary(uniqueKeysWithValues: keys.map { ($0, Health.of(view.get($0))) })
        }
        var last: [ObjectKey: ResourceHealth] = [:]
        let settled = try convergence.wait(
            timeout: timeout,
            until: { lookup in
                last = healths(lookup)
                return Self.isSettled(last)
            },
            tick: { lookup in
                guard showProgress else { return }
                for key in keys where key.kind == "Deployment" {
                    let health = Health.of(lookup.get(key))
                    let line = "\(health.status.rawValue.lowercased()): \(health.message)"
                    guard lastMessage[key] != line else { continue }
                    lastMessage[key] = line
                    print(terminal.dim("  deployment \(key.namespace)/\(key.name) \(line)"))
                }
            })
        let aggregate = Health.aggregate(Array(last.values))
        return Outcome(health: last, aggregate: aggregate, timedOut: !settled)
    }
}

import Resources

/// Annotations that inject failures into the simulation. Pods get them from their template, so a
/// Deployment can ask for pods that crash or never become ready; `berth node fail` sets the node one.
public enum SimulationAnnotations {
    /// On a Node: `"true"` means the node has crashed; it stops heartbeating and updating its pods.
    public static let failed = "sim.berth.dev/failed"
    /// On a Pod: a duration (`30s`); each app container exits with code 1 after running that long.
    public static let crashAfter = "sim.berth.dev/crash-after"
    /// On a Pod: a duration; each app container exits with code 0 after running that long.
    public static let exitAfter = "sim.berth.dev/exit-after"
    /// On a Pod: `"true"` means the app containers run but never pass readiness.
    public static let neverReady = "sim.berth.dev/never-ready"

    static func annotation(_ object: Value, _ key: String) -> String? {
        object[path: ["metadata", "annotations", key]]?.stringValue
    }

    public static func isFailed(node: Value) -> Bool { annotation(node, failed) == "true" }

    static func isNeverReady(pod: Value) -> Bool { annotation(pod, neverReady) == "true" }

    /// How and when app containers exit; crash-after wins when both are set. Unparsable durations
    /// are ignored, so a typo leaves a healthy pod rather than a stuck one.
    static func exitPlan(pod: Value) -> ExitPlan? {
        if let text = annotation(pod, crashAfter), let seconds = DurationText.parse(text) {
            return ExitPlan(after: seconds, exitCode: 1)
        }
        if let text = annotation(pod, exitAfter), let seconds = DurationText.parse(text) {
            return ExitPlan(after: seconds, exitCode: 0)
        }
        return nil
    }
}

/// An app container's injected exit: after `after` seconds of running, with `exitCode`.
struct ExitPlan: Sendable, Hashable {
    var after: Double
    var exitCode: Int64

    /// Kubernetes' terminated reason: `Completed` for 0, `Error` otherwise.
    var reason: String { exitCode == 0 ? "Completed" : "Error" }
}

import Resources

/// `kubectl cordon`, `uncordon` and `drain` as decisions over values.
public enum NodeMaintenance {
    /// The node with `spec.unschedulable: true`; nil when it already is.
    public static func cordon(_ node: Value) -> Value? {
        guard node[path: ["spec", "unschedulable"]]?.boolValue != true else { return nil }
        var out = node
        if out["spec"] == nil { out["spec"] = .emptyObject }
        out[path: ["spec", "unschedulable"]] = true
        return out
    }

    /// The node without `spec.unschedulable` (the API server leaves false out); nil when not cordoned.
    public static func uncordon(_ node: Value) -> Value? {
        guard node[path: ["spec", "unschedulable"]] != nil else { return nil }
        var out = node
        out[path: ["spec", "unschedulable"]] = nil
        return out
    }

    /// A pod drain leaves on the node, and why.
    public struct SkippedPod: Sendable, Equatable {
        public var pod: Value
        public var reason: String
    }

    /// What a drain does: cordon the node (nil when already cordoned), evict `evict`, leave `skipped`.
    public struct DrainPlan: Sendable, Equatable {
        public var node: Value?
        public var evict: [Value]
        public var skipped: [SkippedPod]
    }

    /// As `kubectl drain --ignore-daemonsets --delete-emptydir-data --force`: mirror pods and
    /// DaemonSet pods stay (their controllers would put them straight back); bare pods without a
    /// controller are evicted too, and are gone for good since nothing re-creates them; pods already
    /// terminating are left to finish. Disruption budgets are not consulted.
    public static func drain(node: Value, pods: [Value]) -> DrainPlan {
        let name = node[path: ["metadata", "name"]]?.stringValue ?? ""
        var plan = DrainPlan(node: cordon(node), evict: [], skipped: [])
        for pod in pods where pod[path: ["spec", "nodeName"]]?.stringValue == name {
            if let reason = skipReason(pod) {
                plan.skipped.append(SkippedPod(pod: pod, reason: reason))
            } else {
                plan.evict.append(pod)
            }
        }
        return plan
    }

    static func skipReason(_ pod: Value) -> String? {
        if pod[path: ["metadata", "annotations", "kubernetes.io/config.mirror"]] != nil { return "mirror pod" }
        let controller = (pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).first { $0["controller"]?.boolValue == true }
        if controller?["kind"]?.stringValue == "DaemonSet" { return "DaemonSet-managed" }
        if PodState.isTerminating(pod) { return "already terminating" }
        return nil
    }
}

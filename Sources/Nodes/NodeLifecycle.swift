import FoundationEssentials
import Resources

/// What the node lifecycle controller decided for one node.
public struct NodeLifecycleDecision: Sendable, Equatable {
    /// The node with new conditions and/or taints; nil when unchanged.
    public var node: Value?
    /// Pods on the node with Ready turned False (whole pods, status changed).
    public var podStatusUpdates: [Value]
    /// Pods to delete now.
    public var evictions: [PodEviction]
    /// When to look at this node again.
    public var requeueAfter: TimeInterval?
}

/// Kubernetes' node lifecycle controller (`pkg/controller/nodelifecycle`) for one node, as a pure
/// decision over the node, its lease, its pods and the controller's own `NodeHealthTracker`:
///
/// 1. Health: no heartbeat seen for the grace period (50 s) → Ready, MemoryPressure, DiskPressure
///    and PIDPressure become Unknown ("NodeStatusUnknown", "Kubelet stopped posting node status.").
/// 2. Taints: Ready Unknown → `node.kubernetes.io/unreachable` NoExecute + NoSchedule; Ready False
///    → `node.kubernetes.io/not-ready` the same; Ready True → both removed. Also NoSchedule taints
///    for `spec.unschedulable` and for memory / disk / PID pressure. Added taints carry timeAdded.
/// 3. Pods on a node that is not Ready get Ready=False (MarkPodsNotReady), so they leave endpoints.
/// 4. Taint eviction (see `TaintEviction`).
///
/// Conditions come back when the kubelet reports again (`NodeAgent.heartbeat`), and the taints go
/// with them on the next evaluation. Left out: zone disruption modes and eviction rate limits.
public enum NodeLifecycle {
    static let statusUnknownReason = "NodeStatusUnknown"
    static let statusUnknownMessage = "Kubelet stopped posting node status."
    static let neverUpdatedReason = "NodeStatusNeverUpdated"
    static let neverUpdatedMessage = "Kubelet never posted node status."

    public static func evaluate(
        node: Value, lease: Value?, pods: [Value], tracker: inout NodeHealthTracker, config: NodeLifecycleConfig = .standard, now: Date
    ) -> NodeLifecycleDecision {
        let probe = tracker.observe(node: node, lease: lease, now: now)
        let neverReported = PodState.condition(node, "Ready") == nil
        let deadline = probe.addingTimeInterval(neverReported ? config.startupGracePeriod : config.gracePeriod)
        var updated = node
        // At the deadline itself, not an instant after as Kubernetes' `After`, so a requeue at the
        // deadline acts instead of spinning.
        if now >= deadline { markUnknown(&updated, now: now) }
        reconcileTaints(&updated, now: now)
        let ready = PodState.condition(updated, "Ready")?["status"]?.stringValue
        let name = node[path: ["metadata", "name"]]?.stringValue ?? ""
        let onNode = pods.filter { $0[path: ["spec", "nodeName"]]?.stringValue == name }
        let notReady = ready == "True" ? [] : onNode.compactMap { markNotReady($0, now: now) }
        let eviction = TaintEviction.evaluate(node: updated, pods: onNode, now: now)
        var wake = now.addingTimeInterval(config.monitorPeriod)
        if deadline > now { wake = min(wake, deadline) }
        if let next = eviction.nextCheck { wake = min(wake, next) }
        return NodeLifecycleDecision(
            node: updated == node ? Value?.none : updated, podStatusUpdates: notReady, evictions: eviction.evictions,
            requeueAfter: wake.timeIntervalSince(now))
    }

    /// Every kubelet-owned condition that is not Unknown becomes Unknown, keeping its
    /// lastHeartbeatTime; a missing one is added as never updated.
    static func markUnknown(_ node: inout Value, now: Date) {
        var conditions = node[path: ["status", "conditions"]]?.arrayValue ?? []
        let stamp = Value.string(Timestamp.rfc3339(now))
        for type in NodeConditions.types {
            if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) {
                guard conditions[i]["status"]?.stringValue != "Unknown" else { continue }
                conditions[i]["status"] = "Unknown"
                conditions[i]["reason"] = .string(statusUnknownReason)
                conditions[i]["message"] = .string(statusUnknownMessage)
                conditions[i]["lastTransitionTime"] = stamp
            } else {
                conditions.append([
                    "type": .string(type), "status": "Unknown", "reason": .string(neverUpdatedReason),
                    "message": .string(neverUpdatedMessage),
                    "lastHeartbeatTime": node[path: ["metadata", "creationTimestamp"]] ?? stamp, "lastTransitionTime": stamp,
                ])
            }
        }
        node[path: ["status", "conditions"]] = .array(conditions)
    }

    /// Ready=False on a pod whose Ready is not already False, stamped now; nil when nothing changes.
    static func markNotReady(_ pod: Value, now: Date) -> Value? {
        guard !PodState.isTerminal(pod), var conditions = pod[path: ["status", "conditions"]]?.arrayValue,
            let i = conditions.firstIndex(where: { $0["type"]?.stringValue == "Ready" }),
            conditions[i]["status"]?.stringValue != "False"
        else { return nil }
        conditions[i]["status"] = "False"
        conditions[i]["lastTransitionTime"] = .string(Timestamp.rfc3339(now))
        var out = pod
        out[path: ["status", "conditions"]] = .array(conditions)
        return out
    }
}

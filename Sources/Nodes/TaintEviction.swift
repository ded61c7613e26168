import FoundationEssentials
import Resources

/// A pod to delete because its node has a NoExecute taint it does not (or no longer) tolerates.
public struct PodEviction: Sendable, Equatable {
    public var namespace: String
    public var name: String
    public var uid: String?
    /// The `DisruptionTarget` condition Kubernetes adds before deleting (reason DeletionByTaintManager).
    public var condition: Value
}

/// Kubernetes' taint eviction controller (`pkg/controller/tainteviction`) for one node, as a pure
/// decision: which of its pods to delete now, and when to look again.
///
/// For each pod on the node, against the node's NoExecute taints: a taint the pod does not tolerate
/// evicts it at once; otherwise the shortest `tolerationSeconds` of the tolerations used counts from
/// the earliest `timeAdded` of those taints (Kubernetes counts from when it first scheduled the
/// eviction, which is when it saw the taint added); with no `tolerationSeconds` the pod stays
/// forever. Worked through: unreachable taint added at 12:00:00, default toleration 300 s → the pod is
/// deleted at 12:05:00; a pod tolerating it for 60 s → 12:01:00; a pod with no toleration → 12:00:00.
public enum TaintEviction {
    public struct Result: Sendable, Equatable {
        public var evictions: [PodEviction]
        /// The next time a tolerating pod's time runs out; nil when none will.
        public var nextCheck: Date?
    }

    public static func evaluate(node: Value, pods: [Value], now: Date) -> Result {
        let nodeName = node[path: ["metadata", "name"]]?.stringValue ?? ""
        let taints = (node[path: ["spec", "taints"]]?.arrayValue ?? []).filter { $0["effect"]?.stringValue == "NoExecute" }
        var result = Result(evictions: [], nextCheck: nil)
        guard !taints.isEmpty else { return result }
        let anchor = taints.compactMap { $0["timeAdded"]?.stringValue.flatMap(Timestamp.parse) }.min() ?? now
        for pod in pods where pod[path: ["spec", "nodeName"]]?.stringValue == nodeName {
            guard !PodState.isTerminal(pod), !PodState.isTerminating(pod) else { continue }
            let tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
            guard let used = Tolerations.matching(taints: taints, tolerations: tolerations) else {
                result.evictions.append(eviction(pod, now: now))
                continue
            }
            guard let seconds = Tolerations.minimumSeconds(used) else { continue }
            let deadline = anchor.addingTimeInterval(Double(seconds))
            if deadline <= now {
                result.evictions.append(eviction(pod, now: now))
            } else {
                result.nextCheck = min(result.nextCheck ?? deadline, deadline)
            }
        }
        return result
    }

    static func eviction(_ pod: Value, now: Date) -> PodEviction {
        PodEviction(
            namespace: pod[path: ["metadata", "namespace"]]?.stringValue ?? "",
            name: pod[path: ["metadata", "name"]]?.stringValue ?? "",
            uid: pod[path: ["metadata", "uid"]]?.stringValue,
            condition: [
                "type": "DisruptionTarget", "status": "True", "reason": "DeletionByTaintManager",
                "message": "Taint manager: deleting due to NoExecute taint",
                "lastTransitionTime": .string(Timestamp.rfc3339(now)),
            ])
    }
}

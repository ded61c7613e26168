import FoundationEssentials
import Resources

/// The taints the node lifecycle controller owns, derived from the node's conditions and
/// `spec.unschedulable` (its NoExecute and NoSchedule tainting passes).
extension NodeLifecycle {
    struct ManagedTaint: Hashable {
        let key: String
        let effect: String
    }

    static let pressureTaints: [(condition: String, key: String)] = [
        ("MemoryPressure", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "node.kubernetes.io/disk-pressure"),
        ("PIDPressure", "node.kubernetes.io/pid-pressure"),
    ]

    static var managed: Set<ManagedTaint> {
        var all: Set<ManagedTaint> = [ManagedTaint(key: Tolerations.unschedulableKey, effect: "NoSchedule")]
        for key in [Tolerations.notReadyKey, Tolerations.unreachableKey] {
            all.insert(ManagedTaint(key: key, effect: "NoExecute"))
            all.insert(ManagedTaint(key: key, effect: "NoSchedule"))
        }
        for (_, key) in pressureTaints { all.insert(ManagedTaint(key: key, effect: "NoSchedule")) }
        return all
    }

    static func wanted(_ node: Value) -> Set<ManagedTaint> {
        var out: Set<ManagedTaint> = []
        switch PodState.condition(node, "Ready")?["status"]?.stringValue {
        case "False":
            out.insert(ManagedTaint(key: Tolerations.notReadyKey, effect: "NoExecute"))
            out.insert(ManagedTaint(key: Tolerations.notReadyKey, effect: "NoSchedule"))
        case "Unknown":
            out.insert(ManagedTaint(key: Tolerations.unreachableKey, effect: "NoExecute"))
            out.insert(ManagedTaint(key: Tolerations.unreachableKey, effect: "NoSchedule"))
        default: break
        }
        for (condition, key) in pressureTaints where PodState.condition(node, condition)?["status"]?.stringValue == "True" {
            out.insert(ManagedTaint(key: key, effect: "NoSchedule"))
        }
        if node[path: ["spec", "unschedulable"]]?.boolValue == true {
            out.insert(ManagedTaint(key: Tolerations.unschedulableKey, effect: "NoSchedule"))
        }
        return out
    }

    /// Keeps wanted taints as they are (their timeAdded too), drops managed ones no longer wanted,
    /// adds missing ones stamped now, and stamps any NoExecute taint without timeAdded so eviction
    /// has a start to count from. Other taints are left alone.
    static func reconcileTaints(_ node: inout Value, now: Date) {
        let existing = node[path: ["spec", "taints"]]?.arrayValue ?? []
        let want = wanted(node)
        let all = managed
        let stamp = Value.string(Timestamp.rfc3339(now))
        var taints: [Value] = []
        var present: Set<ManagedTaint> = []
        for var taint in existing {
            let id = ManagedTaint(key: taint["key"]?.stringValue ?? "", effect: taint["effect"]?.stringValue ?? "")
            if all.contains(id) && !want.contains(id) { continue }
            present.insert(id)
            if id.effect == "NoExecute" && taint["timeAdded"] == nil { taint["timeAdded"] = stamp }
            taints.append(taint)
        }
        for id in want.subtracting(present).sorted(by: { ($0.key, $0.effect) < ($1.key, $1.effect) }) {
            taints.append(["key": .string(id.key), "effect": .string(id.effect), "timeAdded": stamp])
        }
        if taints != existing {
            node[path: ["spec", "taints"]] = taints.isEmpty ? Value?.none : .array(taints)
        }
    }
}

import Controllers
import Foundation
import Resources
import Scheduler
import Store

/// kube-scheduler as a controller: every pending pod, in order of creation, is placed with the
/// filter and score plugins against a snapshot that sees the pods placed before it, and all
/// bindings of one pass are written in one transaction. A pod that fits nowhere gets
/// PodScheduled=False with the per-node reasons, and is tried again when nodes or pods change.
final class SchedulerController: Controller {
    static let key = ObjectKey(group: "", kind: "Pod", namespace: "", name: "<pending pods>")

    let name = "scheduler"
    let writes = ["Pod (binding, PodScheduled)"]
    let watches: [Watch] = [
        Watch(.pod, relation: "unbound, or freeing room") { event, _ in
            let unbound = event.object[path: ["spec", "nodeName"]] == nil
            return unbound || event.kind == .deleted || PodState.isTerminal(event.object) ? [SchedulerController.key] : []
        },
        .singleton(.node, key: SchedulerController.key),
    ]
    private var scheduler: Scheduler

    init(configuration: SchedulerConfiguration) { scheduler = Scheduler(configuration: configuration) }

    static func isPending(_ pod: Value) -> Bool {
        pod[path: ["spec", "nodeName"]] == nil && !PodState.isTerminating(pod) && !PodState.isTerminal(pod)
            && (pod[path: ["spec", "schedulerName"]]?.stringValue ?? "default-scheduler") == "default-scheduler"
    }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        let cache = context.cache
        let pending = cache.list(.pod).filter(Self.isPending).sorted {
            ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $0.metaNamespace, $0.metaName)
                < ($1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $1.metaNamespace, $1.metaName)
        }
        guard !pending.isEmpty else { return .done }
        var snapshot = ClusterSnapshot(
            nodes: cache.list(.node), pods: cache.list(.pod).filter { $0[path: ["spec", "nodeName"]] != nil },
            namespaces: cache.list(.namespace))
        let now = Timestamp.rfc3339(context.now)
        var writes: [Value] = []
        for pod in pending {
            var updated = pod
            switch scheduler.schedule(pod, in: snapshot) {
            case .scheduled(let node):
                _ = snapshot.add(pod: pod, to: node)
                updated[path: ["spec", "nodeName"]] = .string(node)
                Self.setScheduled(&updated, status: "True", reason: nil, message: nil, now: now)
            case .unschedulable(let failure):
                Self.setScheduled(&updated, status: "False", reason: "Unschedulable", message: failure.message, now: now)
            }
            if updated != pod { writes.append(updated) }
        }
        guard !writes.isEmpty else { return .done }
        try context.write { tx in
            for pod in writes { try tx.update(pod, expectedResourceVersion: pod.metaResourceVersion) }
        }
        return .done
    }

    /// Sets the PodScheduled condition; its transition time moves only when its status changes.
    static func setScheduled(_ pod: inout Value, status: String, reason: String?, message: String?, now: String) {
        var conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let index = conditions.firstIndex { $0["type"]?.stringValue == "PodScheduled" }
        var condition: Value = ["type": "PodScheduled", "status": .string(status)]
        if let reason { condition["reason"] = .string(reason) }
        if let message { condition["message"] = .string(message) }
        if let index, conditions[index]["status"]?.stringValue == status {
            condition["lastTransitionTime"] = conditions[index]["lastTransitionTime"] ?? .string(now)
            conditions[index] = condition
        } else {
            condition["lastTransitionTime"] = .string(now)
            if let index { conditions[index] = condition } else { conditions.append(condition) }
        }
        if pod["status"]?.objectValue == nil { pod["status"] = .emptyObject }
        pod[path: ["status", "conditions"]] = .array(conditions)
        if pod[path: ["status", "phase"]] == nil { pod[path: ["status", "phase"]] = "Pending" }
    }
}

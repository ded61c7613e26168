import Controllers
import FoundationEssentials
import Nodes
import Resources
import Store

extension ObjectKey {
    static func node(_ name: String) -> ObjectKey { ObjectKey(group: "", kind: "Node", namespace: "", name: name) }
    static func nodeLease(_ name: String) -> ObjectKey {
        ObjectKey(group: "coordination.k8s.io", kind: "Lease", namespace: ClusterProfile.leaseNamespace, name: name)
    }
}

/// Wakes the node a pod is bound to.
private let podsNode = Watch(.pod, relation: "bound to it") { event, _ in
    event.object[path: ["spec", "nodeName"]]?.stringValue.map { [ObjectKey.node($0)] } ?? []
}

/// The simulated kubelets, one key per node: heartbeats (Lease renewals and Ready conditions) and
/// the status of every pod bound to the node, in one transaction per node and step. A node marked
/// failed (`berth node fail`) does neither.
final class NodeAgentController: Controller {
    let name = "node-agent"
    let watches: [Watch] = [.itself(.node), podsNode]
    let writes = ["Lease (heartbeat)", "Node/status", "Pod/status"]
    let timings: PodLifecycleTimings
    let heartbeat: HeartbeatConfig

    init(timings: PodLifecycleTimings, heartbeat: HeartbeatConfig) {
        self.timings = timings
        self.heartbeat = heartbeat
    }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard let node = context.cache.get(key) else { return .done }
        let now = context.now
        let leaseKey = ObjectKey.nodeLease(key.name)
        let lease = context.cache.get(leaseKey)
        let beat = NodeAgent.heartbeat(node: node, lease: lease, now: now, config: heartbeat)
        let pods = context.cache.pods(onNode: key.name)
        var addresses = PodIPAllocator(node: node, pods: pods)
        var wake = beat.nextWake
        var podWrites: [Value] = []
        for pod in pods {
            let step = PodSimulator.step(pod: pod, node: node, addresses: &addresses, timings: timings, now: now)
            if let status = step.status {
                var updated = pod
                updated["status"] = status
                podWrites.append(updated)
            }
            if let next = step.nextWake { wake = min(wake ?? next, next) }
        }
        if beat.lease != nil || beat.nodeStatus != nil || !podWrites.isEmpty {
            try context.write { tx in
                if let renewed = beat.lease {
                    if lease == nil { try tx.create(renewed) } else { try tx.update(renewed, expectedResourceVersion: lease?.metaResourceVersion) }
                }
                if let status = beat.nodeStatus {
                    var updated = node
                    updated["status"] = status
                    try tx.update(updated, expectedResourceVersion: node.metaResourceVersion)
                }
                for pod in podWrites { try tx.update(pod, expectedResourceVersion: pod.metaResourceVersion) }
            }
        }
        guard let wake else { return .done }
        return .requeue(after: max(0.001, wake.timeIntervalSince(now)))
    }
}

/// Kubernetes' node lifecycle controller and taint eviction: nodes whose heartbeats stop turn
/// Unknown after the grace period, get the unreachable taints, their pods turn not ready, and pods
/// are evicted once their toleration of the taint runs out. Health is judged from when this
/// process saw each lease change, so its own downtime is never taken for failed nodes.
final class NodeLifecycleController: Controller {
    let name = "node-lifecycle"
    let watches: [Watch] = [
        .itself(.node), podsNode,
        Watch(.lease, relation: "heartbeat") { event, _ in
            event.key.namespace == ClusterProfile.leaseNamespace ? [ObjectKey.node(event.key.name)] : []
        },
    ]
    let writes = ["Node (conditions, taints)", "Pod/status (not ready)", "Pod (eviction)"]
    let config: NodeLifecycleConfig
    private var tracker = NodeHealthTracker()

    init(config: NodeLifecycleConfig) { self.config = config }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard let node = context.cache.get(key) else {
            tracker.forget(node: key.name)
            return .done
        }
        let decision = NodeLifecycle.evaluate(
            node: node, lease: context.cache.get(.nodeLease(key.name)), pods: context.cache.pods(onNode: key.name),
            tracker: &tracker, config: config, now: context.now)
        if decision.node != nil || !decision.podStatusUpdates.isEmpty || !decision.evictions.isEmpty {
            try context.write { tx in
                if let updated = decision.node { try tx.update(updated, expectedResourceVersion: node.metaResourceVersion) }
                for pod in decision.podStatusUpdates { try tx.update(pod, expectedResourceVersion: pod.metaResourceVersion) }
                for eviction in decision.evictions {
                    let podKey = ObjectKey.pod(eviction.namespace, eviction.name)
                    guard let current = try tx.get(podKey), eviction.uid == nil || current.value.metaUID == eviction.uid else { continue }
                    try tx.delete(podKey, expectedResourceVersion: current.resourceVersion)
                }
            }
        }
        return decision.requeueAfter.map { .requeue(after: max(0.001, $0)) } ?? .done
    }
}

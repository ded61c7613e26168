import Controllers
import FoundationEssentials
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
    let watches: [Watch]
    private var scheduler: Scheduler
    /// Kept across passes and brought up to date from the pods and nodes that changed since, so a
    /// pass reads only those (rebuilding it from 10,000 pods on every pass was most of a large
    /// rollout's time).
    private var snapshot: ClusterSnapshot?
    private let changes: SchedulerChanges
    private var pending: Set<ObjectKey> = []
    private var placed: [ObjectKey: String] = [:]  // pod → placement
    private var nodeShapes: [String: Int] = [:]
    private var namespaceShape = 0

    init(configuration: SchedulerConfiguration) {
        scheduler = Scheduler(configuration: configuration)
        let changes = SchedulerChanges()
        self.changes = changes
        watches = [
            Watch(.pod, relation: "unbound, or freeing room") { event, _ in
                changes.note(event)
                let unbound = event.object[path: ["spec", "nodeName"]] == nil
                return unbound || event.kind == .deleted || PodState.isTerminal(event.object) ? [SchedulerController.key] : []
            },
            Watch(.node, relation: "all") { event, _ in
                changes.note(event)
                return [SchedulerController.key]
            },
        ]
    }

    static func isPending(_ pod: Value) -> Bool {
        pod[path: ["spec", "nodeName"]] == nil && !PodState.isTerminating(pod) && !PodState.isTerminal(pod)
            && (pod[path: ["spec", "schedulerName"]]?.stringValue ?? "default-scheduler") == "default-scheduler"
    }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        let cache = context.cache
        var snapshot = refreshedSnapshot(cache)
        defer { self.snapshot = snapshot }
        let pending = pending.compactMap(cache.get)
            .map { (created: $0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", namespace: $0.metaNamespace, name: $0.metaName, pod: $0) }
            .sorted { ($0.created, $0.namespace, $0.name) < ($1.created, $1.namespace, $1.name) }
            .map(\.pod)
        guard !pending.isEmpty else { return .done }
        let now = Timestamp.rfc3339(context.now)
        var writes: [Value] = []
        for pod in pending {
            var updated = pod
            switch scheduler.schedule(pod, in: snapshot) {
            case .scheduled(let node):
                _ = snapshot.add(pod: pod, to: node)
                if let key = pod.objectKey { placed[key] = Self.placement(node, pod) }
                updated[path: ["spec", "nodeName"]] = .string(node)
                Self.setScheduled(&updated, status: "True", reason: nil, message: nil, now: now)
            case .unschedulable(let failure):
                Self.setScheduled(&updated, status: "False", reason: "Unschedulable", message: failure.message, now: now)
            }
            if updated != pod { writes.append(updated) }
        }
        guard !writes.isEmpty else { return .done }
        do {
            try context.write { tx in
                for pod in writes { try tx.update(pod, expectedResourceVersion: pod.metaResourceVersion) }
            }
        } catch {
            // Nothing was bound: the next pass reads these pods again and forgets what it assumed.
            changes.note(pods: writes.compactMap(\.objectKey))
            throw error
        }
        return .done
    }

    /// A pod as the snapshot holds it: which node, and which incarnation (a pod recreated under the
    /// same name is another pod).
    private static func placement(_ node: String, _ pod: Value) -> String { "\(node)/\(pod.metaUID ?? "")" }

    /// What of a node the scheduler reads: labels, spec (taints, unschedulable) and allocatable.
    private static func shape(_ node: Value) -> Int {
        var hasher = Hasher()
        hasher.combine(node[path: ["metadata", "labels"]])
        hasher.combine(node["spec"])
        hasher.combine(node[path: ["status", "allocatable"]])
        return hasher.finalize()
    }

    /// The snapshot of the last pass with the changes since: nodes whose shape changed re-read,
    /// pods bound or gone since added or removed, pending pods noted. Rebuilt whole on the first
    /// pass and when nodes or namespaces come or go.
    private func refreshedSnapshot(_ cache: ObjectCache) -> ClusterSnapshot {
        let changed = changes.take()
        let namespaces = cache.list(.namespace)
        let namespaceShape = namespaces.map(\.metaName).hashValue
        let nodesCameOrWent = changed.nodes.contains { (cache.get(.node($0)) == nil) == (nodeShapes[$0] != nil) }
        // Taken out, not copied: a copy would be copied again whole at its first change.
        guard !nodesCameOrWent, namespaceShape == self.namespaceShape, var snapshot = self.snapshot.take() else {
            return rebuiltSnapshot(cache, namespaces: namespaces, namespaceShape: namespaceShape)
        }
        for name in changed.nodes {
            guard let node = cache.get(.node(name)) else { continue }
            let shape = Self.shape(node)
            if shape != nodeShapes[name] {
                snapshot.update(node: node)
                nodeShapes[name] = shape
            }
        }
        for key in changed.pods {
            let pod = cache.get(key)
            if let pod, Self.isPending(pod) { pending.insert(key) } else { pending.remove(key) }
            if let pod, let node = pod[path: ["spec", "nodeName"]]?.stringValue, !PodState.isTerminal(pod) {
                let placement = Self.placement(node, pod)
                if placed[key] != placement {
                    _ = snapshot.add(pod: pod, to: node)
                    placed[key] = placement
                }
            } else if placed.removeValue(forKey: key) != nil {
                snapshot.remove(podNamed: key.name, namespace: key.namespace)
            }
        }
        return snapshot
    }

    private func rebuiltSnapshot(_ cache: ObjectCache, namespaces: [Value], namespaceShape: Int) -> ClusterSnapshot {
        let nodes = cache.list(.node)
        let pods = cache.values(.pod).map(Array.init) ?? []
        let bound = pods.filter { $0[path: ["spec", "nodeName"]] != nil && !PodState.isTerminal($0) }
        nodeShapes = Dictionary(uniqueKeysWithValues: nodes.map { ($0.metaName, Self.shape($0)) })
        self.namespaceShape = namespaceShape
        pending = Set(pods.filter(Self.isPending).compactMap(\.objectKey))
        placed = Dictionary(uniqueKeysWithValues: bound.compactMap { pod in
            pod.objectKey.map { ($0, Self.placement(pod[path: ["spec", "nodeName"]]!.stringValue ?? "", pod)) }
        })
        return ClusterSnapshot(nodes: nodes, pods: bound, namespaces: namespaces)
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

import Controllers
import Nodes
import Resources
import Store

/// Runs the deployment controller's decisions against the store: one transaction per sync with
/// the ReplicaSets it creates, scales or deletes and the Deployment's new status.
final class DeploymentReconciler: Controller {
    let name = "deployment"
    let watches: [Watch] = [.itself(.deployment), .owner(.replicaSet, ownerKind: .deployment)]
    let writes = ["ReplicaSet", "Deployment/status"]

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard let deployment = context.cache.get(key) else { return .done }  // the garbage collector takes its dependents
        let cache = context.cache
        let replicaSets = Self.replicaSets(of: deployment, in: cache)
        // Kubernetes' controllers lean on the ReplicaSet controller acting at once on a new replica
        // count (its "expectations"); here both run in one loop, so the deployment waits for each
        // of its ReplicaSets to have reported the pods of its latest spec. Counting pods that are
        // about to go as still there would let a rollout take down more than maxUnavailable.
        let lagging = replicaSets.contains { rs in
            rs.controllerUID == deployment.metaUID && Self.hasNotCaughtUp(rs)
        }
        if lagging { return .done }  // its status update wakes this Deployment (owner watch)
        var pods: [Value] = []
        for rs in replicaSets where rs.controllerUID == deployment.metaUID {
            if let uid = rs.metaUID { pods += cache.dependents(ofUID: uid).filter { $0["kind"] == "Pod" } }
        }
        pods += cache.orphans(.pod, namespace: key.namespace)
        let step = DeploymentController.sync(deployment: deployment, replicaSets: replicaSets, pods: pods, now: context.now)
        if !step.isEmpty {
            try context.write { tx in
                for rs in step.createReplicaSets { try tx.create(rs) }
                for rs in step.updateReplicaSets { try tx.update(rs, expectedResourceVersion: rs.metaResourceVersion) }
                for name in step.deleteReplicaSets {
                    let rsKey = ObjectKey.replicaSet(key.namespace, name)
                    try tx.delete(rsKey, expectedResourceVersion: cache.get(rsKey)?.metaResourceVersion)
                }
                if let updated = step.deployment {
                    try tx.update(updated, expectedResourceVersion: deployment.metaResourceVersion)
                }
            }
        }
        return step.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    /// A ReplicaSet whose status does not yet reflect its spec: a new generation not yet observed,
    /// or pods not yet created or deleted to match the replica count.
    static func hasNotCaughtUp(_ rs: Value) -> Bool {
        let generation = rs[path: ["metadata", "generation"]]?.intValue ?? 0
        let observed = rs[path: ["status", "observedGeneration"]]?.intValue ?? 0
        let replicas = rs[path: ["spec", "replicas"]]?.intValue ?? 1
        let current = rs[path: ["status", "replicas"]]?.intValue ?? 0
        return observed < generation || current != replicas
    }

    /// The ReplicaSets a Deployment may own: those it controls, and orphans in its namespace.
    static func replicaSets(of deployment: Value, in cache: ObjectCache) -> [Value] {
        var out = deployment.metaUID.map { cache.dependents(ofUID: $0).filter { $0["kind"] == "ReplicaSet" } } ?? []
        out += cache.orphans(.replicaSet, namespace: deployment.metaNamespace)
        return out
    }
}

/// Runs the ReplicaSet controller's decisions: pods created and deleted, adopted or released, and
/// the ReplicaSet's status, in one transaction.
final class ReplicaSetReconciler: Controller {
    let name = "replicaset"
    let watches: [Watch] = [
        .itself(.replicaSet), .owner(.pod, ownerKind: .replicaSet),
        Watch(.pod, relation: "orphan") { event, cache in
            // An orphan pod may be adopted by any ReplicaSet of its namespace that selects it.
            guard event.kind != .deleted, event.object.controllerUID == nil else { return [] }
            return cache.list(.replicaSet, namespace: event.key.namespace).compactMap(\.objectKey)
        },
    ]
    let writes = ["Pod", "ReplicaSet/status"]
    private var names: SeededNameGenerator
    let defaultTolerationSeconds: Int64

    init(seed: UInt64, defaultTolerationSeconds: Int64) {
        names = SeededNameGenerator(seed: seed)
        self.defaultTolerationSeconds = defaultTolerationSeconds
    }

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        guard let replicaSet = context.cache.get(key) else { return .done }
        let cache = context.cache
        let owned = replicaSet.metaUID.map { cache.dependents(ofUID: $0).filter { $0["kind"] == "Pod" } } ?? []
        let pods = owned + cache.orphans(.pod, namespace: key.namespace)
        let step = ReplicaSetController.sync(replicaSet: replicaSet, pods: pods, now: context.now, names: &names)
        if !step.isEmpty {
            try context.write { tx in
                // The DefaultTolerationSeconds admission: new pods tolerate an unreachable or not-ready
                // node for a while before they are evicted.
                for pod in step.createPods {
                    try tx.create(Tolerations.addingDefaultTolerations(to: pod, seconds: defaultTolerationSeconds))
                }
                for pod in step.updatePods { try tx.update(pod, expectedResourceVersion: pod.metaResourceVersion) }
                for name in step.deletePods {
                    let podKey = ObjectKey.pod(key.namespace, name)
                    try tx.delete(podKey, expectedResourceVersion: cache.get(podKey)?.metaResourceVersion)
                }
                if let updated = step.replicaSet {
                    try tx.update(updated, expectedResourceVersion: replicaSet.metaResourceVersion)
                }
            }
        }
        return step.requeueAfter.map { .requeue(after: $0) } ?? .done
    }
}

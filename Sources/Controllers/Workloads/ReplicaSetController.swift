import FoundationEssentials
import Resources

/// What the ReplicaSet controller wants written after one sync.
public struct ReplicaSetStep: Sendable, Equatable {
    /// Full Pod objects to create from the template, owned by the ReplicaSet.
    public var createPods: [Value] = []
    /// Names of pods to delete, most deletable first.
    public var deletePods: [String] = []
    /// Pods whose ownerReferences changed: orphans adopted, or owned pods the selector no longer
    /// matches released.
    public var updatePods: [Value] = []
    /// The ReplicaSet with a new status; nil when unchanged.
    public var replicaSet: Value?
    /// Seconds until a ready pod has been ready for minReadySeconds and counts as available.
    public var requeueAfter: Double?

    public init() {}

    public var isEmpty: Bool { createPods.isEmpty && deletePods.isEmpty && updatePods.isEmpty && replicaSet.map { _ in false } ?? true }
}

/// The ReplicaSet controller's decisions (Kubernetes' replica_set.go): keep `spec.replicas` active
/// pods, and report what they are doing.
///
/// Kubernetes creates pods in slow-start batches (1, 2, 4 …) so a failing template fails fast;
/// here creation never fails, so all missing pods are asked for at once, up to the same burst
/// limit of 500 per sync.
public enum ReplicaSetController {
    /// At most this many pods are created or deleted in one sync (`BurstReplicas`).
    public static let burstReplicas = 500

    /// One sync. `pods` are those in the ReplicaSet's namespace that it owns or its selector matches;
    /// `relatedPods` are the pods of every ReplicaSet with the same owner (for the same-node rank of
    /// the deletion order), this one's pods when nil. Pod names come from `names`.
    public static func sync<Names: NameGenerator>(
        replicaSet: Value, pods: [Value], now: Date, names: inout Names, relatedPods: [Value]? = nil
    ) -> ReplicaSetStep {
        var step = ReplicaSetStep()
        guard let selectorValue = replicaSet[path: ["spec", "selector"]], let selector = try? LabelSelector(selectorValue),
            !selector.isEmpty
        else { return step }  // validation refuses these before they are stored
        let namespace = WorkloadFields.namespace(replicaSet)
        // Terminal and terminating pods are neither counted nor claimed: replacements start at once.
        let active = pods.filter {
            WorkloadFields.namespace($0) == namespace && !PodState.isTerminal($0) && !PodState.isTerminating($0)
        }
        let claim = ControllerRef.claim(active, owner: replicaSet) { selector.matches(labels: PodState.labels($0)) }
        step.updatePods = claim.adopted + claim.released
        let owned = claim.owned

        if !WorkloadFields.isDeleting(replicaSet) {
            let diff = owned.count - Int(max(WorkloadFields.specReplicas(replicaSet), 0))
            if diff < 0 {
                var taken = Set(pods.map(WorkloadFields.name))
                for _ in 0..<min(-diff, burstReplicas) {
                    let pod = makePod(replicaSet, names: &names, taken: taken)
                    taken.insert(WorkloadFields.name(pod))
                    step.createPods.append(pod)
                }
            } else if diff > 0 {
                let related = relatedPods ?? owned
                step.deletePods = PodDeletionOrder.toDelete(owned, related: related, count: min(diff, burstReplicas), now: now)
                    .map(WorkloadFields.name)
            }
        }
        let status = calculatedStatus(replicaSet, owned, now: now)
        if status != (replicaSet["status"] ?? .emptyObject) {
            var updated = replicaSet
            updated["status"] = status
            step.replicaSet = updated
        }
        step.requeueAfter = availabilityRequeue(replicaSet, owned, now: now)
        return step
    }

    /// `calculateStatus`, from the pods as they were when the sync began (new pods count next time):
    /// fully labelled = carrying every template label; available = ready for minReadySeconds.
    static func calculatedStatus(_ rs: Value, _ pods: [Value], now: Date) -> Value {
        let templateLabels = WorkloadFields.stringMap(rs, ["spec", "template", "metadata", "labels"])
        let minReady = WorkloadFields.int(rs[path: ["spec", "minReadySeconds"]]) ?? 0
        var fullyLabeled: Int64 = 0
        var ready: Int64 = 0
        var available: Int64 = 0
        for pod in pods {
            let labels = PodState.labels(pod)
            if templateLabels.allSatisfy({ labels[$0.key] == $0.value }) { fullyLabeled += 1 }
            if PodState.isReady(pod) {
                ready += 1
                if PodState.isAvailable(pod, minReadySeconds: minReady, now: now) { available += 1 }
            }
        }
        var status = rs["status"]?.objectValue ?? Fields()
        // Kubernetes always writes replicas, and omits the other counts when zero.
        status["replicas"] = .int(Int64(pods.count))
        for (key, count) in [("fullyLabeledReplicas", fullyLabeled), ("readyReplicas", ready), ("availableReplicas", available)] {
            status[key] = count == 0 ? Value?.none : .int(count)
        }
        let generation = WorkloadFields.generation(rs)
        status["observedGeneration"] = generation == 0 ? Value?.none : .int(generation)
        return .object(status)
    }

    /// Seconds until the next ready pod becomes available; nil when none is waiting. (Kubernetes
    /// requeues after the whole minReadySeconds once all pods are ready; the exact time left is the
    /// same check without the wait.)
    static func availabilityRequeue(_ rs: Value, _ pods: [Value], now: Date) -> Double? {
        let minReady = WorkloadFields.int(rs[path: ["spec", "minReadySeconds"]]) ?? 0
        guard minReady > 0 else { return nil }
        let waits = pods.compactMap { pod -> Double? in
            guard let since = PodState.readySince(pod), !PodState.isAvailable(pod, minReadySeconds: minReady, now: now) else { return nil }
            return max(since.addingTimeInterval(Double(minReady)).timeIntervalSince(now), 0)
        }
        return waits.min()
    }

    /// `GetPodFromTemplate`: the template's labels, annotations, finalizers and spec, the
    /// ReplicaSet as controller, and a generated name `<replicaset>-<5 chars>`.
    static func makePod<Names: NameGenerator>(_ rs: Value, names: inout Names, taken: Set<String>) -> Value {
        let template = rs[path: ["spec", "template"]] ?? .emptyObject
        let prefix = WorkloadFields.name(rs) + "-"
        var metadata: Fields = [
            "name": .string(names.generateName(base: prefix, avoiding: taken)), "generateName": .string(prefix),
            "namespace": .string(WorkloadFields.namespace(rs)),
        ]
        for key in ["labels", "annotations", "finalizers"] {
            if let value = template[path: ["metadata", key]], !value.isNull { metadata[key] = value }
        }
        metadata["ownerReferences"] = [ControllerRef.make(for: rs)]
        return ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": template["spec"] ?? .emptyObject]
    }
}

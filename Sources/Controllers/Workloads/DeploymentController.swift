import FoundationEssentials
import Resources

/// The deployment controller's decisions, as Kubernetes' `syncDeployment` makes them: claim the
/// ReplicaSets, then either scale (paused, or the replica count changed) or roll out by strategy,
/// and report progress in the status. Pure: the inputs are what the caller listed, the output is
/// what to write.
public enum DeploymentController {
    /// One sync of `deployment`. `replicaSets` are those in its namespace that it owns or selects
    /// (others are ignored; one of the same name as a ReplicaSet it would create reveals a hash
    /// collision); `pods` are those its selector matches, terminating ones included (Recreate waits
    /// for them).
    public static func sync(deployment: Value, replicaSets: [Value], pods: [Value], now: Date) -> DeploymentStep {
        guard let selectorValue = deployment[path: ["spec", "selector"]], let selector = try? LabelSelector(selectorValue) else {
            return DeploymentStep()  // validation refuses such a Deployment before it is stored
        }
        if selector.isEmpty { return selectingEverything(deployment) }
        let namespace = WorkloadFields.namespace(deployment)
        let candidates = replicaSets.filter { WorkloadFields.namespace($0) == namespace }
        let claim = ControllerRef.claim(candidates, owner: deployment) { selector.matches(labels: PodState.labels($0)) }
        let ownedNames = Set(claim.owned.map(WorkloadFields.name))
        var sync = DeploymentSync(
            deployment: deployment, owned: claim.owned,
            bystanders: candidates.filter { !ownedNames.contains(WorkloadFields.name($0)) }, now: now)
        for rs in claim.adopted { sync.update(rs) }

        if WorkloadFields.isDeleting(deployment) {
            sync.syncStatusOnly()
        } else {
            sync.checkPausedConditions()
            if DeploymentSpec.isPaused(deployment) || sync.isScalingEvent() {
                sync.syncScaling()
            } else if DeploymentSpec.isRollingUpdate(deployment) {
                sync.rolloutRolling()
            } else {
                sync.rolloutRecreate(pods: podsByReplicaSet(pods, owners: claim.owned, selector: selector))
            }
        }
        return sync.step(original: deployment, released: claim.released)
    }

    /// An empty selector would select every pod in the namespace: Kubernetes refuses to act on it
    /// and only records that it saw this generation.
    private static func selectingEverything(_ deployment: Value) -> DeploymentStep {
        var step = DeploymentStep()
        let generation = WorkloadFields.generation(deployment)
        if WorkloadFields.status(deployment, "observedGeneration") < generation {
            var d = deployment
            if d["status"]?.objectValue == nil { d["status"] = .emptyObject }
            d[path: ["status", "observedGeneration"]] = .int(generation)
            step.deployment = d
        }
        return step
    }

    /// `getPodMapForDeployment`: the selected pods grouped by the owned ReplicaSet that controls them.
    static func podsByReplicaSet(_ pods: [Value], owners: [Value], selector: LabelSelector) -> [String: [Value]] {
        var map: [String: [Value]] = [:]
        for pod in pods where selector.matches(labels: PodState.labels(pod)) {
            guard let owner = owners.first(where: { ControllerRef.controls($0, pod) }) else { continue }
            map[WorkloadFields.name(owner), default: []].append(pod)
        }
        return map
    }
}

extension DeploymentSync {
    /// `isScalingEvent`: some active ReplicaSet was sized for another replica count than the spec's.
    mutating func isScalingEvent() -> Bool {
        _ = syncNewReplicaSet(createIfMissing: false)
        for rs in Self.active(all) {
            guard let desired = WorkloadFields.annotation(rs, WorkloadKeys.desiredReplicas).flatMap({ Int64($0) }) else { continue }
            if desired != replicas { return true }
        }
        return false
    }

    /// `sync`: scale (proportionally during a rollout), clean up old ReplicaSets of a paused
    /// Deployment, and report the status, without rolling out.
    mutating func syncScaling() {
        let new = syncNewReplicaSet(createIfMissing: false).name
        scale(newName: new)
        if DeploymentSpec.isPaused(deployment) { cleanupOld(oldNames(excluding: new)) }
        syncDeploymentStatus(newName: new)
    }

    /// `syncStatusOnly`, for a Deployment being deleted.
    mutating func syncStatusOnly() {
        syncDeploymentStatus(newName: syncNewReplicaSet(createIfMissing: false).name)
    }
}

import Resources

/// The RollingUpdate strategy (Kubernetes' rolling.go): each sync either grows the new ReplicaSet
/// or shrinks old ones, never letting more than replicas + maxSurge pods exist or fewer than
/// replicas − maxUnavailable be available.
///
/// 10 replicas at 25%/25% (maxSurge 3, maxUnavailable 2), from 10 ready v1 pods:
///   sync 1: new v2 created with min(13 − 10, 10) = 3; old may drop by 10 − 8 = 2 available → 8
///   sync 2: 8 + 3 = 11 pods, so the new one grows by min(13 − 11, 10 − 3) = 2 → 5
///   (no v2 pod available: 13 − 8 − 5 = 0 may go, so nothing moves until they are)
///   sync 3: 5 v2 available, 13 available in all → old drops by 13 − 8 = 5 → 3
///   sync 4: 3 + 5 = 8 pods → new grows by min(13 − 8, 10 − 5) = 5 → 10
///   sync 5: 10 v2 available → old drops by min(3, 13 − 8) → 0. Done.
extension DeploymentSync {
    mutating func rolloutRolling() {
        guard case .found(let new) = syncNewReplicaSet(createIfMissing: true) else { return }
        if reconcileNewReplicaSet(new) || reconcileOldReplicaSets(new: new) {
            syncRolloutStatus(newName: new)
            return
        }
        // Only a finished rollout may delete history.
        if isComplete(status) { cleanupOld(oldNames(excluding: new)) }
        syncRolloutStatus(newName: new)
    }

    /// `reconcileNewReplicaSet`: shrink a new ReplicaSet larger than the spec, else grow it as far
    /// as the surge allows.
    mutating func reconcileNewReplicaSet(_ new: String) -> Bool {
        let size = WorkloadFields.specReplicas(rs(new))
        if size == replicas { return false }
        if size > replicas { return scaleIfNeeded(new, to: replicas) }
        return scaleIfNeeded(new, to: newReplicaSetSize(all: all, new: rs(new)))
    }

    /// `reconcileOldReplicaSets`: at most allPods − minAvailable − newUnavailable old pods may go
    /// (the new ReplicaSet's unavailable pods already use up some of the budget). Old ReplicaSets'
    /// unhealthy pods go first, since removing them costs no availability; then healthy ones,
    /// oldest ReplicaSet first, as long as availability stays at minAvailable.
    mutating func reconcileOldReplicaSets(new: String) -> Bool {
        let activeOld = Self.active(oldNames(excluding: new).map { rs($0) }).map(WorkloadFields.name)
        guard Self.sumSpec(activeOld.map { rs($0) }) > 0 else { return false }
        let newRS = rs(new)
        let newUnavailable = WorkloadFields.specReplicas(newRS) - WorkloadFields.status(newRS, "availableReplicas")
        let maxScaledDown = Self.sumSpec(all) - limits.minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return false }
        let cleaned = cleanupUnhealthyReplicas(activeOld, max: maxScaledDown)
        let scaled = scaleDownOldForRollingUpdate(activeOld, new: new)
        return cleaned + scaled > 0
    }

    /// `cleanupUnhealthyReplicas`: drop the pods of old ReplicaSets that are not available (the
    /// ReplicaSet deletes not-ready pods first), oldest ReplicaSet first, up to `max` in all.
    private mutating func cleanupUnhealthyReplicas(_ olds: [String], max limit: Int64) -> Int64 {
        var total: Int64 = 0
        for name in olds {
            if total >= limit { break }
            let set = rs(name)
            let size = WorkloadFields.specReplicas(set)
            let available = WorkloadFields.status(set, "availableReplicas")
            if size == 0 || size == available { continue }
            let count = min(limit - total, size - available)
            guard count > 0 else { continue }
            scaleIfNeeded(name, to: size - count)
            total += count
        }
        return total
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`: healthy old pods may go while the available count
    /// (of active old and the new ReplicaSet) stays above minAvailable, oldest ReplicaSet first.
    private mutating func scaleDownOldForRollingUpdate(_ olds: [String], new: String) -> Int64 {
        let available = Self.sumStatus((olds + [new]).map { rs($0) }, "availableReplicas")
        let minAvailable = limits.minAvailable
        guard available > minAvailable else { return 0 }
        let budget = available - minAvailable
        var total: Int64 = 0
        for name in olds {
            if total >= budget { break }
            let size = WorkloadFields.specReplicas(rs(name))
            if size == 0 { continue }
            let count = min(size, budget - total)
            scaleIfNeeded(name, to: size - count)
            total += count
        }
        return total
    }
}

import Resources

/// The Recreate strategy (Kubernetes' recreate.go): every old pod goes before any new one starts,
/// so two versions never run side by side.
extension DeploymentSync {
    /// `pods` are the Deployment's pods by owning ReplicaSet name, terminating ones included.
    mutating func rolloutRecreate(pods: [String: [Value]]) {
        // The new ReplicaSet is not created yet, so nothing scales up before old pods are gone.
        var new = syncNewReplicaSet(createIfMissing: false).name
        var scaledDown = false
        for name in oldNames(excluding: new) where WorkloadFields.specReplicas(rs(name)) > 0 {
            if scaleIfNeeded(name, to: 0) { scaledDown = true }
        }
        if scaledDown || oldPodsRunning(new: new, pods: pods) {
            syncRolloutStatus(newName: new)
            return
        }
        if new == nil {
            guard case .found(let created) = syncNewReplicaSet(createIfMissing: true) else { return }
            new = created
        }
        if let new { scaleIfNeeded(new, to: replicas) }
        if isComplete(status) { cleanupOld(oldNames(excluding: new)) }
        syncRolloutStatus(newName: new)
    }

    /// `oldPodsRunning`: old ReplicaSets still report pods, or a pod of one is not yet Succeeded or
    /// Failed (Pending, Running and Unknown all may still run; terminating ones count until gone).
    private func oldPodsRunning(new: String?, pods: [String: [Value]]) -> Bool {
        if Self.sumStatus(oldNames(excluding: new).map { rs($0) }, "replicas") > 0 { return true }
        for (owner, list) in pods where owner != new {
            if list.contains(where: { !PodState.isTerminal($0) }) { return true }
        }
        return false
    }
}

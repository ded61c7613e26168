import Resources

/// Revision history cleanup (`cleanupDeployment` in sync.go).
extension DeploymentSync {
    /// Deletes the lowest revisions beyond `revisionHistoryLimit`; one still holding pods (in spec or
    /// status), not yet observed by its controller, or already being deleted is skipped, and is not
    /// replaced by the next one: Kubernetes counts the excess once.
    mutating func cleanupOld(_ olds: [String]) {
        guard let limit = DeploymentSpec.revisionHistoryLimit(deployment) else { return }
        let cleanable = olds.map { rs($0) }.filter { !WorkloadFields.isDeleting($0) }
        let excess = Int64(cleanable.count) - limit
        guard excess > 0 else { return }
        let byRevision = cleanable.sorted { a, b in
            let ra = WorkloadFields.revision(a) ?? 0
            let rb = WorkloadFields.revision(b) ?? 0
            return ra == rb ? WorkloadFields.olderFirst(a, b) : ra < rb
        }
        for set in byRevision.prefix(Int(excess)) {
            if WorkloadFields.status(set, "replicas") != 0 || WorkloadFields.specReplicas(set) != 0
                || WorkloadFields.generation(set) > WorkloadFields.status(set, "observedGeneration")
            {
                continue
            }
            delete(WorkloadFields.name(set))
        }
    }
}

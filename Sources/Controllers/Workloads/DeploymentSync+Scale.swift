import FoundationEssentials
import Resources

/// Scaling without rolling out (`scale` in sync.go): when the replica count changes mid-rollout,
/// or while paused, every active ReplicaSet grows or shrinks in proportion to its size.
///
/// Kubernetes' own example: 10 replicas, maxSurge 3, old at 8 and new at 5 (13 pods, each
/// ReplicaSet annotated max-replicas 13); scaled to 15 the Deployment may have 18, so 5 more:
/// old gets round(8 × 18 / 13) − 8 = round(11.08) − 8 = 3, new gets min(round(6.92) − 5, 5 − 3) = 2,
/// giving 11 and 7. Whatever rounding leaves over goes to the largest ReplicaSet.
extension DeploymentSync {
    mutating func scale(newName: String?) {
        // Newest first, as `FindActiveOrLatest` sorts them.
        let olds = oldNames(excluding: newName).map { rs($0) }.reversed().map { $0 }
        if let target = activeOrLatest(newName: newName, olds: olds) {
            scaleIfNeeded(target, to: replicas)
            return
        }
        // A saturated new ReplicaSet (all its pods available at the full count): old ones just go.
        if let newName, isSaturated(rs(newName)) {
            for old in Self.active(olds) { scaleIfNeeded(WorkloadFields.name(old), to: 0) }
            return
        }
        guard DeploymentSpec.isRollingUpdate(deployment) else { return }
        scaleProportionally(Self.active(olds + (newName.map { [rs($0)] } ?? [])))
    }

    private mutating func scaleProportionally(_ sets: [Value]) {
        let allowed = replicas > 0 ? replicas + limits.maxSurge : 0
        let toAdd = allowed - Self.sumSpec(sets)
        // Larger first; on a tie the newer grows first and the older shrinks first.
        let ordered: [Value]
        if toAdd > 0 {
            ordered = sets.sorted { a, b in
                let (sa, sb) = (WorkloadFields.specReplicas(a), WorkloadFields.specReplicas(b))
                return sa == sb ? WorkloadFields.olderFirst(b, a) : sa > sb
            }
        } else if toAdd < 0 {
            ordered = sets.sorted { a, b in
                let (sa, sb) = (WorkloadFields.specReplicas(a), WorkloadFields.specReplicas(b))
                return sa == sb ? WorkloadFields.olderFirst(a, b) : sa > sb
            }
        } else {
            ordered = sets
        }
        var added: Int64 = 0
        var sizes: [Int64] = []
        for set in ordered {
            let proportion = toAdd == 0 ? 0 : self.proportion(set, toAdd: toAdd, added: added)
            sizes.append(WorkloadFields.specReplicas(set) + proportion)
            added += proportion
        }
        for (index, set) in ordered.enumerated() {
            var size = sizes[index]
            if index == 0 && toAdd != 0 { size = max(size + toAdd - added, 0) }
            scale(WorkloadFields.name(set), to: size)
        }
    }

    /// `GetReplicaSetProportion`: this ReplicaSet's share, bounded by what is left to hand out.
    private func proportion(_ set: Value, toAdd: Int64, added: Int64) -> Int64 {
        let size = WorkloadFields.specReplicas(set)
        if size == 0 || toAdd == added { return 0 }
        let fraction = self.fraction(set)
        let left = toAdd - added
        return toAdd > 0 ? min(fraction, left) : max(fraction, left)
    }

    /// `getReplicaSetFraction`: size × newMax / oldMax, rounded half away from zero, less the size;
    /// oldMax is the max-replicas annotation (or the Deployment's status.replicas without one).
    private func fraction(_ set: Value) -> Int64 {
        let size = WorkloadFields.specReplicas(set)
        if replicas == 0 { return -size }
        let newMax = replicas + limits.maxSurge
        let oldMax =
            WorkloadFields.annotation(set, WorkloadKeys.maxReplicas).flatMap { Int64($0) }
            ?? WorkloadFields.status(deployment, "replicas")
        guard oldMax != 0 else { return 0 }
        return Int64((Double(size * newMax) / Double(oldMax)).rounded()) - size
    }

    /// `FindActiveOrLatest`: the one active ReplicaSet; with none active, the new one or else the
    /// newest old one; nil when several are active.
    private func activeOrLatest(newName: String?, olds: [Value]) -> String? {
        let candidates = olds + (newName.map { [rs($0)] } ?? [])
        let active = Self.active(candidates)
        switch active.count {
        case 0: return newName ?? olds.first.map(WorkloadFields.name)
        case 1: return WorkloadFields.name(active[0])
        default: return nil
        }
    }

    /// `IsSaturated`: sized, annotated and available at exactly the Deployment's replica count.
    private func isSaturated(_ set: Value) -> Bool {
        guard let desired = WorkloadFields.annotation(set, WorkloadKeys.desiredReplicas).flatMap({ Int64($0) }) else { return false }
        return WorkloadFields.specReplicas(set) == replicas && desired == replicas
            && WorkloadFields.status(set, "availableReplicas") == replicas
    }
}

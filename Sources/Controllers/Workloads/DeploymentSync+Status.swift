import FoundationEssentials
import Resources

/// The Deployment's status and its Progressing and Available conditions (progress.go and
/// `calculateStatus` in sync.go).
extension DeploymentSync {
    private typealias Reason = DeploymentConditions.Reason

    /// `calculateStatus`: counts summed over the ReplicaSets' statuses (the ReplicaSet controller
    /// counts the pods), conditions carried over, Available set by whether at least
    /// replicas − maxUnavailable pods are available (all of them for Recreate).
    func calculatedStatus(newName: String?) -> Value {
        let sets = all
        let available = Self.sumStatus(sets, "availableReplicas")
        let unavailable = max(Self.sumSpec(sets) - available, 0)
        var fields = Fields()
        // Kubernetes omits zero counts (omitempty), so a fresh status is just its conditions.
        let counts: [(String, Int64)] = [
            ("observedGeneration", WorkloadFields.generation(deployment)),
            ("replicas", Self.sumStatus(sets, "replicas")),
            ("updatedReplicas", newName.map { WorkloadFields.status(rs($0), "replicas") } ?? 0),
            ("readyReplicas", Self.sumStatus(sets, "readyReplicas")),
            ("availableReplicas", available),
            ("unavailableReplicas", unavailable),
        ]
        for (key, count) in counts where count != 0 { fields[key] = .int(count) }
        if let collisions = status["collisionCount"] { fields["collisionCount"] = collisions }
        if let conditions = status["conditions"] { fields["conditions"] = conditions }
        var result = Value.object(fields)
        let minimum = replicas - limits.maxUnavailable
        let condition =
            available >= minimum
            ? DeploymentConditions.make(
                DeploymentConditions.available, "True", Reason.minimumReplicasAvailable, "Deployment has minimum availability.", now: now)
            : DeploymentConditions.make(
                DeploymentConditions.available, "False", Reason.minimumReplicasUnavailable,
                "Deployment does not have minimum availability.", now: now)
        DeploymentConditions.set(&result, condition)
        return result
    }

    /// `syncDeploymentStatus`: the counts and Available, no progress estimate (scaling, pausing).
    mutating func syncDeploymentStatus(newName: String?) {
        status = calculatedStatus(newName: newName)
    }

    /// `syncRolloutStatus`: the status plus the Progressing condition: NewReplicaSetAvailable when
    /// complete, ReplicaSetUpdated (with a fresh lastUpdateTime) whenever a count moved forward, and
    /// ProgressDeadlineExceeded once progressDeadlineSeconds pass after its lastUpdateTime without
    /// either. A sync that may still time out asks to be run again just after the deadline.
    mutating func syncRolloutStatus(newName: String?) {
        var newStatus = calculatedStatus(newName: newName)
        let deadline = DeploymentSpec.progressDeadline(deployment)
        if deadline == nil { DeploymentConditions.remove(&newStatus, DeploymentConditions.progressing) }
        let current = DeploymentConditions.get(status, DeploymentConditions.progressing)
        let completeBefore =
            WorkloadFields.status(newStatus, "replicas") == WorkloadFields.status(newStatus, "updatedReplicas")
            && current?["reason"]?.stringValue == Reason.newReplicaSetAvailable
        if let deadline, !completeBefore {
            updateProgressing(&newStatus, current: current, newName: newName, deadline: deadline)
        }
        copyReplicaFailure(into: &newStatus, newName: newName)
        status = newStatus
        requeueAfter = stuckRequeue(newStatus, deadline: deadline)
    }

    private func updateProgressing(_ newStatus: inout Value, current: Value?, newName: String?, deadline: Int64) {
        let subject = newName.map { "ReplicaSet \"\($0)\"" } ?? "Deployment \"\(WorkloadFields.name(deployment))\""
        if isComplete(newStatus) {
            DeploymentConditions.set(
                &newStatus,
                DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", Reason.newReplicaSetAvailable, "\(subject) has successfully progressed.",
                    now: now))
        } else if madeProgress(newStatus) {
            // Unlike other conditions, progress refreshes lastUpdateTime even with the same reason:
            // that time is what the deadline counts from.
            var condition = DeploymentConditions.make(
                DeploymentConditions.progressing, "True", Reason.replicaSetUpdated, "\(subject) is progressing.", now: now)
            if let current {
                if current["status"] == "True" { condition["lastTransitionTime"] = current["lastTransitionTime"] }
                DeploymentConditions.remove(&newStatus, DeploymentConditions.progressing)
            }
            DeploymentConditions.set(&newStatus, condition)
        } else if timedOut(newStatus, deadline: deadline) {
            DeploymentConditions.set(
                &newStatus,
                DeploymentConditions.make(
                    DeploymentConditions.progressing, "False", Reason.progressDeadlineExceeded,
                    "\(subject) has timed out progressing.", now: now))
        }
    }

    /// `DeploymentComplete`: every replica updated and available, no old pods, this generation seen.
    func isComplete(_ newStatus: Value) -> Bool {
        let s = { WorkloadFields.status(["status": newStatus], $0) }
        return s("updatedReplicas") == replicas && s("replicas") == replicas && s("availableReplicas") == replicas
            && s("observedGeneration") >= WorkloadFields.generation(deployment)
    }

    /// `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones, than the
    /// stored status says.
    private func madeProgress(_ newStatus: Value) -> Bool {
        let old = { WorkloadFields.status(["status": status], $0) }
        let new = { WorkloadFields.status(["status": newStatus], $0) }
        return new("updatedReplicas") > old("updatedReplicas")
            || new("replicas") - new("updatedReplicas") < old("replicas") - old("updatedReplicas")
            || new("readyReplicas") > old("readyReplicas") || new("availableReplicas") > old("availableReplicas")
    }

    /// `DeploymentTimedOut`: strictly more than the deadline since the Progressing condition's
    /// lastUpdateTime; a completed rollout never times out, a timed-out one stays so.
    private func timedOut(_ newStatus: Value, deadline: Int64) -> Bool {
        guard let condition = DeploymentConditions.get(newStatus, DeploymentConditions.progressing) else { return false }
        switch condition["reason"]?.stringValue {
        case Reason.newReplicaSetAvailable?: return false
        case Reason.progressDeadlineExceeded?: return true
        default:
            guard let from = DeploymentConditions.time(condition, "lastUpdateTime") else { return false }
            return from.addingTimeInterval(Double(deadline)) < now
        }
    }

    /// `requeueStuckDeployment`: with lastUpdateTime 00:00, a 600 s deadline and now 03:00, check
    /// again in 7 minutes, plus a second so the deadline has surely passed.
    private func stuckRequeue(_ newStatus: Value, deadline: Int64?) -> Double? {
        guard let deadline, let condition = DeploymentConditions.get(newStatus, DeploymentConditions.progressing),
            let from = DeploymentConditions.time(condition, "lastUpdateTime")
        else { return nil }
        if isComplete(newStatus) || condition["reason"]?.stringValue == Reason.progressDeadlineExceeded { return nil }
        let after = from.addingTimeInterval(Double(deadline)).timeIntervalSince(now)
        return max(after, 0) + 1
    }

    /// `getReplicaFailures`: a ReplicaSet's ReplicaFailure (the new one's first) shows on the Deployment.
    private func copyReplicaFailure(into newStatus: inout Value, newName: String?) {
        let sources = (newName.map { [rs($0)] } ?? []) + all
        let failure = sources.lazy.compactMap { DeploymentConditions.get($0["status"] ?? .emptyObject, DeploymentConditions.replicaFailure) }
            .first
        guard let failure else {
            DeploymentConditions.remove(&newStatus, DeploymentConditions.replicaFailure)
            return
        }
        var condition = failure
        condition["lastUpdateTime"] = failure["lastTransitionTime"]
        DeploymentConditions.set(&newStatus, condition)
    }

    /// `checkPausedConditions`: Progressing Unknown with DeploymentPaused or DeploymentResumed, so
    /// the pause is not counted against the deadline; a timed-out condition is left as it is.
    mutating func checkPausedConditions() {
        guard DeploymentSpec.progressDeadline(deployment) != nil else { return }
        let current = DeploymentConditions.get(status, DeploymentConditions.progressing)
        let reason = current?["reason"]?.stringValue
        if reason == Reason.progressDeadlineExceeded { return }
        let paused = DeploymentSpec.isPaused(deployment)
        if paused && reason != Reason.deploymentPaused {
            DeploymentConditions.set(
                &status,
                DeploymentConditions.make(DeploymentConditions.progressing, "Unknown", Reason.deploymentPaused, "Deployment is paused", now: now))
        } else if !paused && reason == Reason.deploymentPaused {
            DeploymentConditions.set(
                &status,
                DeploymentConditions.make(
                    DeploymentConditions.progressing, "Unknown", Reason.deploymentResumed, "Deployment is resumed", now: now))
        }
    }
}

import Resources

/// One revision of a Deployment, as `rollout history` lists it.
public struct RolloutRevision: Sendable, Equatable {
    public var revision: Int64
    public var replicaSetName: String
    /// The `kubernetes.io/change-cause` annotation the ReplicaSet was created or reused with.
    public var changeCause: String?
    /// The pod template of that revision, without its `pod-template-hash` label.
    public var template: Value
}

/// Why a rollback could not be made.
public struct RollbackError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// No ReplicaSet of the Deployment carries this revision.
        case revisionNotFound(Int64)
        /// There is no revision before the current one to go back to.
        case noPreviousRevision
        /// A paused Deployment would not roll out what the rollback writes.
        case paused
    }

    public var deployment: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .revisionNotFound(let revision):
            return "deployment \"\(deployment)\" has no revision \(revision); `rollout history` lists the revisions it has"
        case .noPreviousRevision:
            return "deployment \"\(deployment)\" has no previous revision to roll back to"
        case .paused:
            return "deployment \"\(deployment)\" is paused; resume it before rolling back"
        }
    }
}

/// `rollout history` and `rollout undo` as kubectl does them: revisions are the ReplicaSets the
/// Deployment controls, and undoing copies one's template back into the Deployment, after which the
/// controller finds that ReplicaSet again and gives it the next revision.
public enum DeploymentRollback {
    /// Every revision, lowest first.
    public static func history(deployment: Value, replicaSets: [Value]) -> [RolloutRevision] {
        owned(deployment, replicaSets).compactMap { rs -> RolloutRevision? in
            guard let revision = WorkloadFields.revision(rs) else { return nil }
            return RolloutRevision(
                revision: revision, replicaSetName: WorkloadFields.name(rs),
                changeCause: WorkloadFields.annotation(rs, WorkloadKeys.changeCause),
                template: PodTemplateHash.withoutHashLabel(rs[path: ["spec", "template"]] ?? .emptyObject))
        }.sorted { $0.revision < $1.revision }
    }

    /// The Deployment with the template of `toRevision` (nil or 0: the revision before the latest)
    /// and that revision's annotations (its change-cause among them; the Deployment's own revision
    /// and kubectl annotations kept); nil when the template already is that revision's.
    public static func rollback(deployment: Value, replicaSets: [Value], toRevision: Int64?) throws(RollbackError) -> Value? {
        let name = WorkloadFields.name(deployment)
        let target = try replicaSet(for: toRevision ?? 0, deployment: deployment, replicaSets: replicaSets)
        if DeploymentSpec.isPaused(deployment) { throw RollbackError(deployment: name, reason: .paused) }
        let template = target[path: ["spec", "template"]] ?? .emptyObject
        if PodTemplateHash.equalIgnoringHash(template, DeploymentSpec.template(deployment)) { return nil }
        var result = deployment
        result[path: ["spec", "template"]] = PodTemplateHash.withoutHashLabel(template)
        var annotations = Fields()
        for (key, value) in WorkloadFields.annotations(deployment) where WorkloadKeys.keptOnDeployment.contains(key) {
            annotations[key] = .string(value)
        }
        for (key, value) in WorkloadFields.annotations(target) where !WorkloadKeys.keptOnDeployment.contains(key) {
            annotations[key] = .string(value)
        }
        result[path: ["metadata", "annotations"]] = annotations.isEmpty ? Value?.none : .object(annotations)
        return result
    }

    /// kubectl's `deploymentRevision`: the ReplicaSet of that revision, or for 0 the second highest.
    private static func replicaSet(for revision: Int64, deployment: Value, replicaSets: [Value]) throws(RollbackError) -> Value {
        let name = WorkloadFields.name(deployment)
        let numbered = owned(deployment, replicaSets).compactMap { rs in WorkloadFields.revision(rs).map { ($0, rs) } }
        if revision > 0 {
            guard let found = numbered.first(where: { $0.0 == revision }) else {
                throw RollbackError(deployment: name, reason: .revisionNotFound(revision))
            }
            return found.1
        }
        let descending = numbered.sorted { $0.0 > $1.0 }
        guard descending.count >= 2 else { throw RollbackError(deployment: name, reason: .noPreviousRevision) }
        return descending[1].1
    }

    private static func owned(_ deployment: Value, _ replicaSets: [Value]) -> [Value] {
        replicaSets.filter {
            WorkloadFields.namespace($0) == WorkloadFields.namespace(deployment) && ControllerRef.controls(deployment, $0)
        }
    }
}

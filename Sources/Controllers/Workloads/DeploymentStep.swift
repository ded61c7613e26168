import Resources

/// What the deployment controller wants written after one sync. The runtime writes it and syncs
/// again on the next event; once the Deployment has converged a sync returns an empty step.
public struct DeploymentStep: Sendable, Equatable {
    /// Full ReplicaSet objects to create: owned by the Deployment, labelled and selected by
    /// `pod-template-hash`, carrying the revision and replica annotations.
    public var createReplicaSets: [Value] = []
    /// ReplicaSets to write back whole: a new `spec.replicas`, annotations (revision, desired-replicas,
    /// max-replicas), `minReadySeconds`, or ownerReferences after adoption or release.
    public var updateReplicaSets: [Value] = []
    /// Names of old ReplicaSets to delete (revisionHistoryLimit cleanup; only fully scaled-down ones).
    public var deleteReplicaSets: [String] = []
    /// The Deployment with a new status and revision annotation; nil when unchanged.
    public var deployment: Value?
    /// Seconds after which to sync again even without an event (to check the progress deadline).
    public var requeueAfter: Double?

    public init() {}

    /// True when the step writes nothing.
    public var isEmpty: Bool {
        createReplicaSets.isEmpty && updateReplicaSets.isEmpty && deleteReplicaSets.isEmpty && deployment.map { _ in false } ?? true
    }
}

import FoundationEssentials
import Resources

/// The working state of one deployment sync. Kubernetes' controller writes as it goes (create a
/// ReplicaSet, scale one, update the status); here each write lands in this state, so later
/// decisions in the same sync see it, and the sum of the writes becomes one `DeploymentStep`.
struct DeploymentSync {
    /// The Deployment as the sync changes it (revision annotation, conditions, status).
    var deployment: Value
    let now: Date
    /// The ReplicaSets this Deployment owns, by name, as changed so far.
    private(set) var replicaSets: [String: Value] = [:]
    private var created: [String] = []
    private var updated: [String] = []
    private(set) var deleted: [String] = []
    /// Seconds until the progress deadline check, when one is due.
    var requeueAfter: Double?
    /// Objects with the same name as ours that someone else owns (hash collisions are found here).
    let bystanders: [String: Value]

    init(deployment: Value, owned: [Value], bystanders: [Value], now: Date) {
        self.deployment = deployment
        self.now = now
        for rs in owned { replicaSets[WorkloadFields.name(rs)] = rs }
        self.bystanders = Dictionary(bystanders.map { (WorkloadFields.name($0), $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Reading

    var replicas: Int64 { WorkloadFields.specReplicas(deployment) }
    var limits: RolloutLimits { RolloutLimits(deployment: deployment) }

    /// All live ReplicaSets, oldest first.
    var all: [Value] { replicaSets.values.filter { !deleted.contains(WorkloadFields.name($0)) }.sorted(by: WorkloadFields.olderFirst) }

    func rs(_ name: String) -> Value { replicaSets[name] ?? .emptyObject }

    /// `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's, ignoring
    /// the hash label (there can be two after an upgrade changed hashing; the oldest wins).
    var newName: String? {
        let template = DeploymentSpec.template(deployment)
        return all.first { PodTemplateHash.equalIgnoringHash($0[path: ["spec", "template"]] ?? .emptyObject, template) }
            .map(WorkloadFields.name)
    }

    /// Every ReplicaSet but the new one, oldest first.
    func oldNames(excluding new: String?) -> [String] {
        all.map(WorkloadFields.name).filter { $0 != new }
    }

    static func sumSpec(_ sets: [Value]) -> Int64 { sets.reduce(0) { $0 + WorkloadFields.specReplicas($1) } }
    static func sumStatus(_ sets: [Value], _ field: String) -> Int64 { sets.reduce(0) { $0 + WorkloadFields.status($1, field) } }

    /// `FilterActiveReplicaSets`: those asked for at least one pod.
    static func active(_ sets: [Value]) -> [Value] { sets.filter { WorkloadFields.specReplicas($0) > 0 } }

    // MARK: - Writing

    mutating func create(_ rs: Value) {
        let name = WorkloadFields.name(rs)
        replicaSets[name] = rs
        created.append(name)
    }

    mutating func update(_ rs: Value) {
        let name = WorkloadFields.name(rs)
        replicaSets[name] = rs
        if !created.contains(name) && !updated.contains(name) { updated.append(name) }
    }

    mutating func delete(_ name: String) {
        if !deleted.contains(name) { deleted.append(name) }
    }

    /// `scaleReplicaSet`: a new size and the replica annotations (desired = replicas, max = replicas +
    /// maxSurge) that proportional scaling reads later. Returns whether the size changed.
    @discardableResult
    mutating func scale(_ name: String, to size: Int64) -> Bool {
        var rs = rs(name)
        let sizeChanges = WorkloadFields.specReplicas(rs) != size
        let annotationsChange = Self.setReplicaAnnotations(&rs, desired: replicas, max: replicas + limits.maxSurge)
        guard sizeChanges || annotationsChange else { return false }
        rs[path: ["spec", "replicas"]] = .int(size)
        update(rs)
        return sizeChanges
    }

    /// `scaleReplicaSetAndRecordEvent`: nothing at all (not even annotations) when the size is already right.
    @discardableResult
    mutating func scaleIfNeeded(_ name: String, to size: Int64) -> Bool {
        guard WorkloadFields.specReplicas(rs(name)) != size else { return false }
        return scale(name, to: size)
    }

    /// `SetReplicasAnnotations`; returns whether either changed.
    static func setReplicaAnnotations(_ rs: inout Value, desired: Int64, max: Int64) -> Bool {
        var changed = false
        for (key, value) in [(WorkloadKeys.desiredReplicas, desired), (WorkloadKeys.maxReplicas, max)]
        where WorkloadFields.annotation(rs, key) != String(value) {
            WorkloadFields.setAnnotation(&rs, key, String(value))
            changed = true
        }
        return changed
    }

    /// The step: what was created, updated and deleted, and the Deployment if it changed.
    func step(original: Value, released: [Value]) -> DeploymentStep {
        var step = DeploymentStep()
        step.createReplicaSets = created.filter { !deleted.contains($0) }.compactMap { replicaSets[$0] }
        step.updateReplicaSets = released + updated.filter { !deleted.contains($0) }.compactMap { replicaSets[$0] }
        step.deleteReplicaSets = deleted
        step.deployment = deployment == original ? Value?.none : deployment
        step.requeueAfter = requeueAfter
        return step
    }
}

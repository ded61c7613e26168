import Foundation
import Resources

@testable import Controllers

/// A fixed moment the tests count from; fake time only.
let epoch = Date(timeIntervalSince1970: 1_800_000_000)

/// A defaulted Deployment `web` (selector app=web) running `image`.
func makeDeployment(
    replicas: Int64 = 10, image: String = "web:v1", strategy: Value? = nil, minReadySeconds: Int64 = 0,
    progressDeadline: Int64 = 600, revisionHistoryLimit: Int64 = 10
) -> Value {
    var d: Value = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": "web", "namespace": "shop", "uid": "uid-web", "generation": 1],
        "spec": [
            "replicas": .int(replicas), "selector": ["matchLabels": ["app": "web"]],
            "minReadySeconds": .int(minReadySeconds), "progressDeadlineSeconds": .int(progressDeadline),
            "revisionHistoryLimit": .int(revisionHistoryLimit),
            "template": [
                "metadata": ["labels": ["app": "web"]],
                "spec": ["containers": [["name": "web", "image": .string(image)]]],
            ],
        ],
    ]
    if let strategy { d[path: ["spec", "strategy"]] = strategy }
    Defaulting.apply(to: &d)
    return d
}

/// An in-memory cluster the pure controllers drive: it applies each step as the store would
/// (uids, creation times, generations) and lets a test decide when pods become ready.
struct WorkloadCluster {
    var deployment: Value
    var replicaSets: [Value] = []
    var pods: [Value] = []
    var now = epoch
    var names = SeededNameGenerator(seed: 42)
    /// When true, deleted pods linger as terminating (Running, with a deletionTimestamp) until
    /// `finishTerminating()`, as a real kubelet's grace period keeps them.
    var graceful = false
    private var nextUID = 0
    private(set) var lastStep = DeploymentStep()

    init(_ deployment: Value) { self.deployment = deployment }

    // MARK: Driving

    /// One deployment sync, applied.
    @discardableResult
    mutating func syncDeployment() -> DeploymentStep {
        let step = DeploymentController.sync(deployment: deployment, replicaSets: replicaSets, pods: pods, now: now)
        apply(step)
        lastStep = step
        return step
    }

    mutating func apply(_ step: DeploymentStep) {
        for var rs in step.createReplicaSets {
            stamp(&rs)
            replicaSets.append(rs)
        }
        for rs in step.updateReplicaSets {
            guard let i = replicaSets.firstIndex(where: { WorkloadFields.name($0) == WorkloadFields.name(rs) }) else { continue }
            var updated = rs
            if rs["spec"] != replicaSets[i]["spec"] {
                updated[path: ["metadata", "generation"]] = .int(WorkloadFields.generation(replicaSets[i]) + 1)
            }
            replicaSets[i] = updated
        }
        replicaSets.removeAll { step.deleteReplicaSets.contains(WorkloadFields.name($0)) }
        if let d = step.deployment { deployment = d }
    }

    /// Syncs every ReplicaSet until none wants anything (pods made, pods gone, status current).
    mutating func settleReplicaSets() {
        for _ in 0..<10 {
            var changed = false
            for i in replicaSets.indices {
                let step = ReplicaSetController.sync(replicaSet: replicaSets[i], pods: pods, now: now, names: &names)
                if step.isEmpty { continue }
                changed = true
                for var pod in step.createPods {
                    stamp(&pod)
                    pod["status"] = ["phase": "Pending"]
                    pods.append(pod)
                }
                for name in step.deletePods { deletePod(name) }
                if let rs = step.replicaSet { replicaSets[i] = rs }
            }
            if !changed { return }
        }
    }

    /// Deployment sync then ReplicaSets settled: one step of the rollout as a user watches it.
    @discardableResult
    mutating func step() -> DeploymentStep {
        let step = syncDeployment()
        settleReplicaSets()
        return step
    }

    /// Steps until the deployment controller has nothing more to write (marking pods ready each
    /// round when asked).
    mutating func converge(markingReady: Bool = true) {
        for _ in 0..<40 {
            settleReplicaSets()
            if markingReady { markReady() }
            settleReplicaSets()
            if syncDeployment().isEmpty { return }
        }
    }

    // MARK: Pods

    /// Schedules and readies pods (all not yet ready, or those `which` picks), ready from now.
    mutating func markReady(_ which: (Value) -> Bool = { _ in true }) {
        for i in pods.indices where !PodState.isReady(pods[i]) && !PodState.isTerminating(pods[i]) && which(pods[i]) {
            pods[i][path: ["spec", "nodeName"]] = "node-1"
            pods[i]["status"] = [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(Timestamp.rfc3339(now))]],
            ]
        }
        settleReplicaSets()
    }

    mutating func finishTerminating() { pods.removeAll(where: PodState.isTerminating) }

    mutating func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }

    /// A new template image, as a commit would change it; the API server bumps the generation.
    mutating func setImage(_ image: String) {
        deployment[path: ["spec", "template", "spec", "containers"]] = [["name": "web", "image": .string(image)]]
        bumpGeneration()
    }

    mutating func setReplicas(_ replicas: Int64) {
        deployment[path: ["spec", "replicas"]] = .int(replicas)
        bumpGeneration()
    }

    mutating func bumpGeneration() {
        deployment[path: ["metadata", "generation"]] = .int(WorkloadFields.generation(deployment) + 1)
    }

    // MARK: Reading

    /// spec.replicas of the ReplicaSet running `image`, 0 when there is none.
    func size(_ image: String) -> Int64 { replicaSet(image).map(WorkloadFields.specReplicas) ?? 0 }

    func replicaSet(_ image: String) -> Value? {
        replicaSets.first { $0[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue == image }
    }

    /// Live (not terminating) pods running `image`.
    func podCount(_ image: String) -> Int {
        pods.filter { !PodState.isTerminating($0) && $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue == image }.count
    }

    func condition(_ type: String) -> Value? { DeploymentConditions.get(deployment["status"] ?? .emptyObject, type) }

    func statusCount(_ field: String) -> Int64 { WorkloadFields.status(deployment, field) }

    // MARK: Private

    private mutating func stamp(_ object: inout Value) {
        nextUID += 1
        object[path: ["metadata", "uid"]] = .string(String(format: "uid-%04d", nextUID))
        object[path: ["metadata", "creationTimestamp"]] = .string(Timestamp.rfc3339(now))
        object[path: ["metadata", "generation"]] = 1
    }

    private mutating func deletePod(_ name: String) {
        guard let i = pods.firstIndex(where: { WorkloadFields.name($0) == name }) else { return }
        if graceful {
            pods[i][path: ["metadata", "deletionTimestamp"]] = .string(Timestamp.rfc3339(now))
        } else {
            pods.remove(at: i)
        }
    }
}

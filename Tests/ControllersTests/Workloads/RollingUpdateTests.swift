import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("Deployment rolling update")
struct RollingUpdateTests {
    /// 10 ready v1 pods, converged.
    static func runningV1(_ d: Value = makeDeployment()) -> WorkloadCluster {
        var cluster = WorkloadCluster(d)
        cluster.converge()
        return cluster
    }

    @Test("maxSurge rounds up, maxUnavailable rounds down, both 0 makes maxUnavailable 1", arguments: [
        // (replicas, maxSurge, maxUnavailable) → (surge, unavailable)
        (10, Value("25%"), Value("25%"), 3, 2),  // ⌈2.5⌉, ⌊2.5⌋
        (1, Value("25%"), Value("25%"), 1, 0),  // ⌈0.25⌉ = 1, ⌊0.25⌋ = 0
        (3, Value(0), Value("10%"), 0, 1),  // 0 and ⌊0.3⌋ = 0 → unavailable 1
        (4, Value(2), Value(7), 2, 4),  // unavailable capped at replicas
        (0, Value("25%"), Value(1), 0, 0),  // nothing is unavailable of 0
    ])
    func limits(replicas: Int64, surge: Value, unavailable: Value, wantSurge: Int64, wantUnavailable: Int64) {
        let d = makeDeployment(
            replicas: replicas, strategy: ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]])
        let limits = RolloutLimits(deployment: d)
        #expect(limits.maxSurge == wantSurge)
        #expect(limits.maxUnavailable == wantUnavailable)
    }

    @Test("10 replicas at 25%/25%: 3 surge, 2 unavailable, step by step as Kubernetes")
    func tenReplicas() {
        var cluster = Self.runningV1()
        #expect(cluster.size("web:v1") == 10 && cluster.podCount("web:v1") == 10)
        cluster.setImage("web:v2")

        // Sync 1: new RS created at min(10 + 3 − 10, 10 − 0) = 3 (13 pods); the old one may lose
        // 10 available − (10 − 2) = 2 → 8.
        cluster.step()
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (3, 8))
        #expect(cluster.podCount("web:v2") == 3 && cluster.podCount("web:v1") == 8)
        let v2 = cluster.replicaSet("web:v2")!
        #expect(WorkloadFields.annotation(v2, WorkloadKeys.revision) == "2")
        #expect(WorkloadFields.annotation(cluster.deployment, WorkloadKeys.revision) == "2")
        #expect(WorkloadFields.annotation(v2, WorkloadKeys.desiredReplicas) == "10")
        #expect(WorkloadFields.annotation(v2, WorkloadKeys.maxReplicas) == "13")

        // Sync 2: 8 + 3 = 11 pods, so the new one grows by min(13 − 11, 10 − 3) = 2 → 5.
        cluster.step()
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (5, 8))

        // Sync 3: no v2 pod is available: 13 − 8 − 5 unavailable = 0 old pods may go; nothing moves.
        let idle = cluster.step()
        #expect(idle.updateReplicaSets.isEmpty && idle.createReplicaSets.isEmpty)
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (5, 8))

        // The 5 v2 pods become ready. Sync 4: 13 available − 8 = 5 old pods go → 3.
        cluster.markReady()
        cluster.step()
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (5, 3))

        // Sync 5: 3 + 5 = 8 pods → the new one grows by min(13 − 8, 10 − 5) = 5 → 10.
        cluster.step()
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (10, 3))

        // Sync 6: 5 v2 pods unavailable → 13 − 8 − 5 = 0; nothing moves until they are ready.
        cluster.step()
        #expect(cluster.size("web:v1") == 3)

        // Sync 7: all 10 v2 available → old drops by min(3, 13 − 8) → 0.
        cluster.markReady()
        cluster.step()
        #expect((cluster.size("web:v2"), cluster.size("web:v1")) == (10, 0))

        cluster.converge()
        #expect(cluster.statusCount("updatedReplicas") == 10 && cluster.statusCount("availableReplicas") == 10)
        #expect(cluster.statusCount("replicas") == 10 && cluster.statusCount("unavailableReplicas") == 0)
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetAvailable")
        #expect(cluster.condition("Available")?["reason"] == "MinimumReplicasAvailable")
        // Converged: the same inputs ask for nothing more.
        #expect(DeploymentController.sync(deployment: cluster.deployment, replicaSets: cluster.replicaSets, pods: cluster.pods, now: cluster.now).isEmpty)
    }

    @Test("the new ReplicaSet is labelled, selected and owned by its hash")
    func newReplicaSetShape() {
        var cluster = Self.runningV1()
        cluster.setImage("web:v2")
        WorkloadFields.setAnnotation(&cluster.deployment, WorkloadKeys.changeCause, "bump to v2")
        let step = cluster.syncDeployment()
        let rs = try! #require(step.createReplicaSets.first)
        let hash = PodTemplateHash.compute(template: DeploymentSpec.template(cluster.deployment), collisionCount: nil)
        #expect(WorkloadFields.name(rs) == "web-\(hash)")
        #expect(rs[path: ["metadata", "labels", "pod-template-hash"]] == .string(hash))
        #expect(rs[path: ["spec", "selector", "matchLabels"]] == ["app": "web", "pod-template-hash": .string(hash)])
        #expect(rs[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]] == .string(hash))
        #expect(WorkloadFields.annotation(rs, WorkloadKeys.changeCause) == "bump to v2")
        let owner = try! #require(rs[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
        #expect(owner["uid"] == "uid-web" && owner["controller"] == true && owner["blockOwnerDeletion"] == true)
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetCreated")
        #expect(cluster.condition("Progressing")?["message"] == .string("Created new replica set \"web-\(hash)\""))
    }

    @Test("rollover: a template change mid-rollout scales the unavailable previous new ReplicaSet away first")
    func rollover() {
        var cluster = Self.runningV1()
        cluster.setImage("web:v2")
        cluster.step()
        cluster.step()
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (8, 5))

        // v3 starts at 0 (13 pods already). 13 − 8 − 0 = 5 may go: v2's 5 unavailable pods go
        // first (cleanupUnhealthyReplicas); v1's 8 available ones stay, availability is at 8.
        cluster.setImage("web:v3")
        cluster.step()
        #expect((cluster.size("web:v1"), cluster.size("web:v2"), cluster.size("web:v3")) == (8, 0, 0))
        #expect(WorkloadFields.annotation(cluster.replicaSet("web:v3")!, WorkloadKeys.revision) == "3")

        // 8 pods now: v3 grows by min(13 − 8, 10) = 5.
        cluster.step()
        #expect((cluster.size("web:v1"), cluster.size("web:v3")) == (8, 5))

        cluster.converge()
        #expect((cluster.size("web:v1"), cluster.size("web:v2"), cluster.size("web:v3")) == (0, 0, 10))
    }

    @Test("minReadySeconds: a ready pod counts as available only after 30 s, and old pods wait for it")
    func minReadySeconds() {
        var cluster = Self.runningV1(
            makeDeployment(
                replicas: 4, strategy: ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]],
                minReadySeconds: 30))
        cluster.advance(100)
        cluster.setImage("web:v2")
        cluster.step()  // v2 at min(5 − 4, 4) = 1; 5 − 4 − 1 unavailable = 0 old may go
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (4, 1))

        cluster.markReady()
        let v2 = cluster.replicaSet("web:v2")!
        #expect(WorkloadFields.status(v2, "readyReplicas") == 1 && WorkloadFields.status(v2, "availableReplicas") == 0)
        var names = SeededNameGenerator(seed: 1)
        let rsStep = ReplicaSetController.sync(replicaSet: v2, pods: cluster.pods, now: cluster.now, names: &names)
        #expect(rsStep.requeueAfter == 30)

        cluster.advance(29)
        cluster.settleReplicaSets()
        cluster.step()
        #expect(cluster.size("web:v1") == 4)  // 1 s short: still not available

        cluster.advance(1)
        cluster.settleReplicaSets()
        cluster.step()
        #expect(cluster.size("web:v1") == 3)  // 5 available − 4 = 1 old pod may go
    }
}

import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("Deployment scaling and pausing")
struct ScalingTests {
    /// Kubernetes' documented example: 10 replicas, maxSurge 3, maxUnavailable 2, a rollout whose
    /// new pods never get ready, stuck at old 8 + new 5.
    static func stuckRollout() -> WorkloadCluster {
        var cluster = WorkloadCluster(
            makeDeployment(strategy: ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 3, "maxUnavailable": 2]]))
        cluster.converge()
        cluster.setImage("web:v2")
        cluster.step()
        cluster.step()
        return cluster
    }

    @Test("proportional scaling mid-rollout", arguments: [
        // 15 replicas may have 18: +5. old round(8 × 18 / 13 = 11.08) − 8 = 3, new min(round(6.92) − 5, 2) = 2.
        (15, 11, 7),
        // 5 replicas may have 8: −5. old round(8 × 8 / 13 = 4.92) − 8 = −3, new round(3.08) − 5 = −2.
        (5, 5, 3),
        // 20 replicas may have 23: +10. old round(14.15) − 8 = 6, new min(round(8.85) − 5, 4) = 4.
        (20, 14, 9),
    ])
    func proportional(replicas: Int64, wantOld: Int64, wantNew: Int64) {
        var cluster = Self.stuckRollout()
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (8, 5))
        cluster.setReplicas(replicas)
        let step = cluster.syncDeployment()
        #expect(step.createReplicaSets.isEmpty)
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (wantOld, wantNew))
        for rs in cluster.replicaSets {
            #expect(WorkloadFields.annotation(rs, WorkloadKeys.desiredReplicas) == String(replicas))
            #expect(WorkloadFields.annotation(rs, WorkloadKeys.maxReplicas) == String(replicas + 3))
        }
        // The annotations now match, so the next sync is a rollout again, not another scaling.
        cluster.converge()
        #expect(cluster.size("web:v2") == replicas && cluster.size("web:v1") == 0)
    }

    @Test("rounding leftovers go to the largest ReplicaSet")
    func leftovers() {
        // Three active ReplicaSets of 3 pods each, sized for 8 replicas + 1 surge = max 9; the
        // Deployment now wants 12 + 1 surge = 13, so 4 more.
        // Each share is round(3 × 13 / 9 = 4.33) − 3 = 1, so 3 are handed out and 1 is left: it goes
        // to the first in order, the newest of the equally large ones when growing.
        let d = makeDeployment(replicas: 12, strategy: ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]])
        func rs(_ name: String, _ image: String, _ created: Double) -> Value {
            var v: Value = [
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": [
                    "name": .string(name), "namespace": "shop", "uid": .string("uid-" + name),
                    "creationTimestamp": .string(Timestamp.rfc3339(epoch.addingTimeInterval(created))),
                    "labels": ["app": "web"], "ownerReferences": [ControllerRef.make(for: d)],
                    "annotations": [
                        "deployment.kubernetes.io/desired-replicas": "8", "deployment.kubernetes.io/max-replicas": "9",
                        "deployment.kubernetes.io/revision": .string(String(Int(created) + 1)),
                    ],
                ],
                "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web"]], "template": DeploymentSpec.template(d)],
            ]
            v[path: ["spec", "template", "spec", "containers"]] = [["name": "web", "image": .string(image)]]
            return v
        }
        let sets = [rs("web-a", "web:a", 0), rs("web-b", "web:b", 1), rs("web-c", "web:c", 2)]
        let step = DeploymentController.sync(deployment: d, replicaSets: sets, pods: [], now: epoch)
        let sizes = Dictionary(uniqueKeysWithValues: step.updateReplicaSets.map { (WorkloadFields.name($0), WorkloadFields.specReplicas($0)) })
        #expect(sizes == ["web-a": 4, "web-b": 4, "web-c": 5])
    }

    @Test("paused: no rollout, but scaling applies; resuming rolls out")
    func paused() {
        var cluster = WorkloadCluster(makeDeployment(replicas: 4))
        cluster.converge()
        cluster.deployment[path: ["spec", "paused"]] = true
        cluster.setImage("web:v2")
        cluster.step()
        #expect(cluster.replicaSets.count == 1)  // no new ReplicaSet while paused
        let progressing = cluster.condition("Progressing")
        #expect(progressing?["status"] == "Unknown" && progressing?["reason"] == "DeploymentPaused")
        #expect(progressing?["message"] == "Deployment is paused")
        #expect(cluster.step().requeueAfter == nil)  // a pause does not run into the deadline

        cluster.setReplicas(6)
        cluster.step()
        #expect(cluster.size("web:v1") == 6)  // the only active ReplicaSet takes the whole count
        #expect(cluster.replicaSets.count == 1)

        cluster.deployment[path: ["spec", "paused"]] = false
        cluster.bumpGeneration()
        cluster.step()
        #expect(cluster.size("web:v2") == 2)  // ⌈6 × 25%⌉ = 2 surge
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetCreated")
        cluster.converge()
        #expect((cluster.size("web:v1"), cluster.size("web:v2")) == (0, 6))
    }

    @Test("resuming with nothing to roll out reports DeploymentResumed until progress is seen")
    func resumed() {
        var cluster = Self.stuckRollout()
        cluster.deployment[path: ["spec", "paused"]] = true
        cluster.step()
        #expect(cluster.condition("Progressing")?["reason"] == "DeploymentPaused")
        cluster.deployment[path: ["spec", "paused"]] = false
        cluster.step()
        #expect(cluster.condition("Progressing")?["reason"] == "DeploymentResumed")
        #expect(cluster.condition("Progressing")?["status"] == "Unknown")
    }
}

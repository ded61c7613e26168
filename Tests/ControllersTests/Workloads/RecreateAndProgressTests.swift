import Foundation
import Resources
import Testing

@testable import Controllers

@Suite("Deployment Recreate strategy and progress")
struct RecreateAndProgressTests {
    @Test("Recreate: old ReplicaSets go to 0, the new one waits until no old pod runs, then starts whole")
    func recreate() {
        var cluster = WorkloadCluster(makeDeployment(replicas: 3, strategy: ["type": "Recreate"]))
        cluster.graceful = true
        cluster.converge()
        #expect(cluster.size("web:v1") == 3 && cluster.podCount("web:v1") == 3)

        cluster.setImage("web:v2")
        cluster.step()
        #expect(cluster.size("web:v1") == 0)
        #expect(cluster.replicaSet("web:v2") == nil)  // not even created before old pods are gone
        #expect(cluster.pods.filter(PodState.isTerminating).count == 3)

        // The old ReplicaSet reports 0 pods, but 3 still run while terminating: wait.
        let waiting = cluster.step()
        #expect(waiting.createReplicaSets.isEmpty)

        cluster.finishTerminating()
        cluster.step()
        #expect(cluster.size("web:v2") == 3)  // all at once
        #expect(WorkloadFields.annotation(cluster.replicaSet("web:v2")!, WorkloadKeys.revision) == "2")

        cluster.converge()
        #expect(cluster.podCount("web:v2") == 3 && cluster.statusCount("availableReplicas") == 3)
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetAvailable")
    }

    @Test("Recreate needs every pod available for Available (maxUnavailable is 0)")
    func recreateAvailability() {
        var cluster = WorkloadCluster(makeDeployment(replicas: 3, strategy: ["type": "Recreate"]))
        cluster.step()
        let first = WorkloadFields.name(cluster.pods[0])
        cluster.markReady { WorkloadFields.name($0) == first }
        cluster.syncDeployment()
        #expect(cluster.statusCount("availableReplicas") == 1)
        #expect(cluster.condition("Available")?["status"] == "False")
        #expect(cluster.condition("Available")?["reason"] == "MinimumReplicasUnavailable")
    }

    @Test("progress deadline: 60 s without progress since lastUpdateTime → ProgressDeadlineExceeded")
    func deadlineExceeded() {
        // 2 replicas at 25%/25%: surge ⌈0.5⌉ = 1, unavailable ⌊0.5⌋ = 0.
        var cluster = WorkloadCluster(makeDeployment(replicas: 2, progressDeadline: 60))
        cluster.converge()
        cluster.advance(100)  // t = 100
        cluster.setImage("web:v2")

        // t = 100: new ReplicaSet created; the deadline is 100 + 60, checked again at 161.
        var step = cluster.step()
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetCreated")
        #expect(step.requeueAfter == 61)

        // t = 100: its pod exists now (updatedReplicas 0 → 1): progress, lastUpdateTime 100.
        step = cluster.step()
        #expect(cluster.condition("Progressing")?["reason"] == "ReplicaSetUpdated")
        #expect(cluster.condition("Progressing")?["lastUpdateTime"] == .string(Timestamp.rfc3339(cluster.now)))

        // t = 130: nothing moved; 30 s left, so check at 161.
        cluster.advance(30)
        step = cluster.step()
        #expect(step.requeueAfter == 31)
        #expect(cluster.condition("Progressing")?["status"] == "True")

        // t = 160 is not past 100 + 60; t = 161 is.
        cluster.advance(30)
        cluster.step()
        #expect(cluster.condition("Progressing")?["status"] == "True")
        cluster.advance(1)
        step = cluster.step()
        let progressing = cluster.condition("Progressing")
        #expect(progressing?["status"] == "False")
        #expect(progressing?["reason"] == "ProgressDeadlineExceeded")
        #expect(progressing?["message"] == .string("ReplicaSet \"\(WorkloadFields.name(cluster.replicaSet("web:v2")!))\" has timed out progressing."))
        #expect(progressing?["lastTransitionTime"] == .string(Timestamp.rfc3339(cluster.now)))
        #expect(step.requeueAfter == nil)

        // The rollout still goes on when pods turn ready, and completes.
        cluster.converge()
        #expect(cluster.condition("Progressing")?["reason"] == "NewReplicaSetAvailable")
        #expect(cluster.condition("Progressing")?["status"] == "True")
    }

    @Test("a complete rollout reports every count and keeps its conditions unchanged on resync")
    func completeStatus() {
        var cluster = WorkloadCluster(makeDeployment(replicas: 3))
        cluster.converge()
        let status = cluster.deployment["status"]!
        #expect(status["observedGeneration"] == 1 && status["replicas"] == 3 && status["updatedReplicas"] == 3)
        #expect(status["readyReplicas"] == 3 && status["availableReplicas"] == 3 && status["unavailableReplicas"] == nil)
        #expect(status["collisionCount"] == nil)
        cluster.advance(3600)
        #expect(cluster.syncDeployment().isEmpty)  // no time-only rewrites
    }
}

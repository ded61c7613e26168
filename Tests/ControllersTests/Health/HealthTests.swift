import Resources
import Testing

@testable import Controllers

@Suite struct HealthTests {
    static func deployment(replicas: Int64 = 3, generation: Int64 = 2, observed: Int64 = 2, updated: Int64 = 3,
        total: Int64 = 3, available: Int64 = 3, paused: Bool = false, progressingReason: String = "NewReplicaSetAvailable") -> Value {
        ["apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": ["name": "web", "generation": .int(generation)],
         "spec": ["replicas": .int(replicas), "paused": .bool(paused)],
         "status": ["observedGeneration": .int(observed), "updatedReplicas": .int(updated), "replicas": .int(total),
                    "availableReplicas": .int(available),
                    "conditions": [["type": "Progressing", "status": "True", "reason": .string(progressingReason)]]]]
    }

    @Test(arguments: [
        (deployment(), HealthStatus.healthy),
        (deployment(paused: true), .suspended),
        (deployment(observed: 1), .progressing),
        (deployment(updated: 1, total: 4), .progressing),
        (deployment(total: 5), .progressing),  // old replicas pending termination
        (deployment(available: 2), .progressing),
        (deployment(available: 1, progressingReason: "ProgressDeadlineExceeded"), .degraded),
    ])
    func deployments(object: Value, expected: HealthStatus) {
        #expect(Health.of(object).status == expected)
    }

    @Test func podsAndServicesAndMissing() {
        let crashing: Value = ["apiVersion": "v1", "kind": "Pod", "status": ["phase": "Running",
            "containerStatuses": [["name": "app", "state": ["waiting": ["reason": "CrashLoopBackOff"]]]]]]
        #expect(Health.of(crashing).status == .degraded)
        let ready: Value = ["apiVersion": "v1", "kind": "Pod", "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]]
        #expect(Health.of(ready).status == .healthy)
        let unschedulable: Value = ["apiVersion": "v1", "kind": "Pod", "status": ["phase": "Pending",
            "conditions": [["type": "PodScheduled", "status": "False", "message": "0/3 nodes are available"]]]]
        #expect(Health.of(unschedulable) == ResourceHealth(.progressing, "0/3 nodes are available"))
        #expect(Health.of(["apiVersion": "v1", "kind": "Service", "spec": ["type": "LoadBalancer"]]).status == .progressing)
        #expect(Health.of(nil).status == .missing)
        #expect(Health.of(["apiVersion": "v1", "kind": "ConfigMap"]).status == .healthy)
    }

    @Test func theWholeIsAsBadAsItsWorstPart() {
        #expect(Health.aggregate([ResourceHealth(.healthy), ResourceHealth(.progressing), ResourceHealth(.suspended)]) == .progressing)
        #expect(Health.aggregate([ResourceHealth(.missing), ResourceHealth(.degraded)]) == .degraded)
        #expect(Health.aggregate([]) == .healthy)
    }
}

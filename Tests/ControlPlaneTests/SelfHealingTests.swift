import Controllers
import Foundation
import Resources
import Store
import Testing

@testable import ControlPlane

/// Failures and how the graph heals them, in fake time with Kubernetes' default durations.
@Suite struct SelfHealingTests {
    func nodeOf(_ pod: Value) -> String? { pod[path: ["spec", "nodeName"]]?.stringValue }

    @Test func aFailedNodesPodsMoveToHealthyNodesAndEndpointsFollow() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 3), service("web")])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy && $0.endpoints("web").ready.count == 3 })
        let victim = try #require(bench.pods().compactMap(nodeOf).first)
        let onVictim = bench.pods().filter { nodeOf($0) == victim }
        let failedAt = bench.now
        try NodeOperations.fail(victim, in: bench.store)

        // Kubernetes' timeline: Unknown after the 50 s grace period, pods not ready at once (they
        // leave the endpoints), evicted after the 300 s default toleration, then replaced.
        #expect(try bench.run {
            PodState.condition($0.cache.get(.node(victim))!, "Ready")?["status"] == "Unknown"
        })
        // 50 s after the last heartbeat, which came up to 10 s before the crash.
        let unknownAfter = bench.now.timeIntervalSince(failedAt)
        #expect(unknownAfter >= 40 && unknownAfter <= 55, "\(unknownAfter)")
        let taints = bench.cache.get(.node(victim))?[path: ["spec", "taints"]]?.arrayValue ?? []
        #expect(taints.contains { $0["key"] == "node.kubernetes.io/unreachable" && $0["effect"] == "NoExecute" })
        try bench.advance(1)
        #expect(bench.endpoints("web").ready.count == 3 - onVictim.count)
        #expect(bench.endpoints("web").notReady.count == onVictim.count)

        #expect(try bench.run { bench in bench.pods().allSatisfy { self.nodeOf($0) != victim } && bench.health(.deployment, "web").status == .healthy })
        let movedAfter = bench.now.timeIntervalSince(failedAt)
        #expect(movedAfter >= 350, "evicted only after the toleration: \(movedAfter)")
        #expect(bench.pods().count == 3)
        #expect(try bench.run(for: 10) { $0.endpoints("web").ready.count == 3 })
        #expect(bench.endpoints("web").notReady.isEmpty)

        // The node comes back: Ready again, taints gone.
        try NodeOperations.recover(victim, in: bench.store)
        #expect(try bench.run(for: 60) { bench in
            let node = bench.cache.get(.node(victim))!
            return PodState.condition(node, "Ready")?["status"] == "True" && (node[path: ["spec", "taints"]]?.arrayValue ?? []).isEmpty
        })
    }

    @Test func aCrashingPodRestartsWithBackOff() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("crashy", replicas: 1, annotations: ["sim.berth.dev/crash-after": "30s"])])
        try bench.run { $0.pods().first.map(PodState.isReady) == true }
        try bench.advance(400)
        let pod = try #require(bench.pods().first)
        let status = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first
        // Started at 3 s, crashes every 30 s of running; back-off 0, 10, 20, 40, 80, 160 s between:
        // restarts at 33, 73, 123, 193, 303 s.
        #expect(status?["restartCount"] == 5, "\(status?.jsonString() ?? "")")
        #expect(bench.health(.pod, pod.metaName).status != .healthy)
        #expect(bench.errors.isEmpty, "\(bench.errors)")
    }

    @Test func aProgressDeadlineMarksTheDeploymentDegraded() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment(
            "stuck", replicas: 2, annotations: ["sim.berth.dev/never-ready": "true"], extraSpec: ["progressDeadlineSeconds": 30])])
        let start = bench.now
        #expect(try bench.run { $0.health(.deployment, "stuck").status == .degraded })
        #expect(bench.now.timeIntervalSince(start) >= 30)
        let progressing = PodState.condition(bench.deployment("stuck")!, "Progressing")
        #expect(progressing?["reason"] == "ProgressDeadlineExceeded")
        #expect(progressing?["status"] == "False")
    }

    @Test func deletingADeploymentCascadesToItsReplicaSetsAndPods() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 3)])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        try bench.delete(ObjectKey(group: "apps", kind: "Deployment", namespace: "default", name: "web"))
        #expect(try bench.run(for: 10) { $0.pods().isEmpty && $0.cache.list(.replicaSet).isEmpty })
    }

    @Test func aRestartDoesNotMistakeItsOwnDowntimeForFailedNodes() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 3)])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        // berth is down for ten minutes: no heartbeats were written meanwhile.
        bench.clock.advance(by: 600)
        let restarted = try Cluster(store: bench.store, clock: bench.clock, pollInterval: nil, seed: 7)
        try restarted.manager.start()
        _ = try restarted.manager.run(until: { false }, deadline: bench.now.addingTimeInterval(20))
        for node in restarted.manager.cache.list(.node) {
            #expect(PodState.condition(node, "Ready")?["status"] == "True", "\(node.metaName) after a restart")
            let taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
            #expect(taints.isEmpty)
        }
        #expect(Health.of(restarted.manager.cache.get(ObjectKey(group: "apps", kind: "Deployment", namespace: "default", name: "web"))).status == .healthy)
    }
}

import Controllers
import Foundation
import Resources
import Testing

@testable import ControlPlane

@Suite struct RolloutTests {
    @Test func aDeploymentRollsOutToReadyPodsBehindItsService() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 3), service("web")])
        let start = bench.now
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        #expect(bench.errors.isEmpty, "\(bench.errors)")
        let pods = bench.pods()
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { PodState.isReady($0) && $0[path: ["spec", "nodeName"]] != nil })
        // Bound at once, accepted after 1 s, containers started 2 s later: ready at 3 s.
        #expect(bench.now.timeIntervalSince(start) == 3)
        #expect(Set(pods.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }).count == 3, "spread over the 3 nodes")
        try bench.run(for: 5) { $0.endpoints("web").ready.count == 3 }
        #expect(bench.endpoints("web").ready.count == 3)
        let svc = bench.cache.get(ObjectKey(group: "", kind: "Service", namespace: "default", name: "web"))
        #expect(svc?[path: ["spec", "clusterIP"]]?.stringValue?.hasPrefix("10.") == true)
    }
}

@Suite struct BarePodTests {
    @Test func aBarePodFromGitIsScheduledAndRuns() throws {
        let bench = try ClusterBench()
        try bench.apply([[
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "solo", "namespace": "default"],
            "spec": ["containers": [["name": "app", "image": "busybox:1.36"]]],
        ]])
        #expect(try bench.run { $0.health(.pod, "solo").status == .healthy })
        let pod = try #require(bench.pods().first)
        #expect(pod[path: ["spec", "nodeName"]] != nil)
        #expect(PodState.phase(pod) == "Running")
        #expect(pod[path: ["status", "podIP"]]?.stringValue?.hasPrefix("10.244.") == true)
    }

    @Test func aPodRelabelledAwayFromItsServiceLeavesTheEndpoints() throws {
        let bench = try ClusterBench()
        try bench.apply([service("solo"), [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "solo", "namespace": "default", "labels": ["app": "solo"]],
            "spec": ["containers": [["name": "app", "image": "nginx:1.27", "ports": [["containerPort": 80, "name": "http"]]]]],
        ]])
        #expect(try bench.run { $0.endpoints("solo").ready.count == 1 })
        // Only its old labels tie the pod to the Service now.
        var pod = try #require(bench.pods().first)
        pod[path: ["metadata", "labels", "app"]] = "elsewhere"
        try bench.store.write { tx in try tx.update(pod, expectedResourceVersion: nil) }
        #expect(try bench.run(for: 60) { $0.endpoints("solo").ready.isEmpty })
    }
}

/// Rollouts through the whole graph, watched at every change the cache takes in.
@Suite struct RolloutStrategyTests {
    func image(_ pod: Value) -> String? {
        pod[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    @Test func rollingUpdateKeepsWithinSurgeAndUnavailable() throws {
        // 10 replicas at 25 %/25 %: maxSurge 3 (rounded up), maxUnavailable 2 (rounded down), so at
        // every instant at most 13 pods exist and at least 8 are available.
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 10)])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        var maxPods = 0
        var minAvailable = Int.max
        var sawBothVersions = false
        bench.cluster.manager.observer = { _ in
            let pods = bench.pods().filter { !PodState.isTerminating($0) }
            maxPods = max(maxPods, pods.count)
            minAvailable = min(minAvailable, pods.filter(PodState.isReady).count)
            if Set(pods.compactMap(self.image)).count == 2 { sawBothVersions = true }
        }
        try bench.apply([deployment("web", replicas: 10, image: "nginx:1.28")])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        #expect(maxPods == 13, "surge 3 above 10")
        #expect(minAvailable == 8, "never more than 2 unavailable")
        #expect(sawBothVersions)
        #expect(bench.pods().allSatisfy { image($0) == "nginx:1.28" })
        let replicaSets = bench.cache.list(.replicaSet)
        #expect(replicaSets.count == 2)
        #expect(replicaSets.map { $0[path: ["spec", "replicas"]]?.intValue ?? -1 }.sorted() == [0, 10])
    }

    @Test func recreateStopsEveryOldPodBeforeStartingNewOnes() throws {
        let bench = try ClusterBench()
        let recreate: [String: Value] = ["strategy": ["type": "Recreate"]]
        try bench.apply([deployment("db", replicas: 3, extraSpec: recreate)])
        #expect(try bench.run { $0.health(.deployment, "db").status == .healthy })
        var overlapped = false
        bench.cluster.manager.observer = { _ in
            if Set(bench.pods().compactMap(self.image)).count > 1 { overlapped = true }
        }
        try bench.apply([deployment("db", replicas: 3, image: "postgres:17", extraSpec: recreate)])
        #expect(try bench.run { $0.health(.deployment, "db").status == .healthy })
        #expect(!overlapped, "old and new pods never ran together")
        #expect(bench.pods().count == 3 && bench.pods().allSatisfy { image($0) == "postgres:17" })
    }

    @Test func undoToRevisionNAndRollover() throws {
        let bench = try ClusterBench()
        let key = ObjectKey(group: "apps", kind: "Deployment", namespace: "default", name: "web")
        for version in ["1.25", "1.26", "1.27"] {
            try bench.apply([deployment("web", replicas: 3, image: "nginx:\(version)")])
            #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        }
        let history = try RolloutOperations.history(of: key, in: bench.store)
        #expect(history.map(\.revision) == [1, 2, 3])

        // Undo to revision 1: its ReplicaSet is reused and becomes revision 4.
        #expect(try RolloutOperations.undo(key, toRevision: 1, in: bench.store) == 1)
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy && $0.pods().allSatisfy { self.image($0) == "nginx:1.25" } })
        #expect(try RolloutOperations.history(of: key, in: bench.store).map(\.revision) == [2, 3, 4])
        #expect(bench.cache.list(.replicaSet).count == 3, "no new ReplicaSet for a template seen before")
        #expect(throws: RollbackError.self) { try RolloutOperations.undo(key, toRevision: 9, in: bench.store) }

        // Rollover: a new template while a rollout is under way starts another ReplicaSet; the
        // half-rolled one is scaled down like any old one.
        try bench.apply([deployment("web", replicas: 3, image: "nginx:1.28")])
        try bench.run { $0.pods().contains { self.image($0) == "nginx:1.28" } }
        try bench.apply([deployment("web", replicas: 3, image: "nginx:1.29")])
        #expect(try bench.run { $0.health(.deployment, "web").status == .healthy })
        #expect(bench.pods().allSatisfy { image($0) == "nginx:1.29" })
        let active = bench.cache.list(.replicaSet).filter { ($0[path: ["spec", "replicas"]]?.intValue ?? 0) > 0 }
        #expect(active.count == 1)
    }
}

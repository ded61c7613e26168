import Controllers
import Foundation
import Resources
import Testing

@testable import ControlPlane

/// Scheduling through the whole graph: what the scheduler decides reaches the pods and their status.
@Suite struct SchedulingTests {
    static let antiAffinity: Value = [
        "podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
            ["labelSelector": ["matchLabels": ["app": "spread"]], "topologyKey": "kubernetes.io/hostname"],
        ]],
    ]

    @Test func antiAffinitySpreadsThreeAndLeavesAFourthPendingWithTheReason() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("spread", replicas: 4, podSpec: ["affinity": Self.antiAffinity])])
        try bench.run { $0.pods().filter(PodState.isReady).count == 3 }
        try bench.advance(10)
        let pods = bench.pods()
        #expect(pods.count == 4)
        let placed = pods.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }
        #expect(Set(placed) == ["node-1", "node-2", "node-3"], "one per node")
        let pending = try #require(pods.first { $0[path: ["spec", "nodeName"]] == nil })
        let condition = PodState.condition(pending, "PodScheduled")
        #expect(condition?["status"] == "False")
        #expect(condition?["reason"] == "Unschedulable")
        #expect(condition?["message"] == "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.")
        #expect(bench.health(.deployment, "spread").status == .progressing)

        // A fourth node arrives: the pending pod is tried again and placed there.
        var node = bench.cache.get(ObjectKey(group: "", kind: "Node", namespace: "", name: "node-3"))!
        node[path: ["metadata"]] = ["name": "node-4", "labels": ["kubernetes.io/hostname": "node-4"]]
        node[path: ["spec", "podCIDR"]] = "10.244.4.0/24"
        node[path: ["spec", "podCIDRs"]] = ["10.244.4.0/24"]
        try bench.store.write { tx in try tx.create(node) }
        #expect(try bench.run { $0.health(.deployment, "spread").status == .healthy })
    }

    @Test func theSchedulerFollowsChangesAfterItsFirstPass() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("spread", replicas: 4, podSpec: ["affinity": Self.antiAffinity])])
        try bench.run { $0.pods().filter(PodState.isReady).count == 3 }
        // A placed pod goes: its node has room again, and one of the pending pods takes it.
        let gone = try #require(bench.pods().first { $0[path: ["spec", "nodeName"]] == "node-2" })
        try bench.delete(ObjectKey(group: "", kind: "Pod", namespace: "default", name: gone.metaName))
        #expect(try bench.run(for: 60) { bench in
            bench.pods().contains { $0[path: ["spec", "nodeName"]] == "node-2" && PodState.isReady($0) }
        })
        // A node tainted since: new pods keep off it.
        var node = bench.cache.get(ObjectKey(group: "", kind: "Node", namespace: "", name: "node-1"))!
        node[path: ["spec", "taints"]] = [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]]
        try bench.store.write { tx in try tx.update(node, expectedResourceVersion: nil) }
        try bench.apply([deployment("plain", replicas: 4)])
        #expect(try bench.run { $0.health(.deployment, "plain").status == .healthy })
        let plain = bench.pods().filter { PodState.labels($0)["app"] == "plain" }
        #expect(Set(plain.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }) == ["node-2", "node-3"])
    }

    @Test func taintsKeepPodsOffUnlessTolerated() throws {
        let bench = try ClusterBench()
        for name in ["node-1", "node-2"] {
            var node = bench.cache.get(ObjectKey(group: "", kind: "Node", namespace: "", name: name))!
            node[path: ["spec", "taints"]] = [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]]
            try bench.store.write { tx in try tx.update(node, expectedResourceVersion: nil) }
        }
        let toleration: Value = [["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"]]
        try bench.apply([
            deployment("plain", replicas: 3),
            deployment("gpu", replicas: 3, podSpec: ["tolerations": toleration, "nodeSelector": ["kubernetes.io/hostname": "node-1"]]),
        ])
        #expect(try bench.run { $0.health(.deployment, "plain").status == .healthy && $0.health(.deployment, "gpu").status == .healthy })
        let nodes = { (app: String) in
            Set(bench.pods().filter { PodState.labels($0)["app"] == app }.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue })
        }
        #expect(nodes("plain") == ["node-3"], "the untolerated taint keeps them off node-1 and node-2")
        #expect(nodes("gpu") == ["node-1"])
    }

    @Test(arguments: [("LeastAllocated", [2, 2]), ("MostAllocated", [4, 0])])
    func binPackingVersusSpreading(scoring: String, expected: [Int]) throws {
        // Two nodes of 4 CPU and four pods of 1 CPU: LeastAllocated spreads them 2/2, MostAllocated
        // packs all four onto one node and leaves the other empty.
        let bench = try ClusterBench {
            $0.nodeCount = 2
            $0.scoring = scoring
        }
        try bench.apply([deployment("batch", replicas: 4, cpu: "1")])
        #expect(try bench.run { $0.health(.deployment, "batch").status == .healthy })
        let counts = ["node-1", "node-2"].map { node in bench.pods().filter { $0[path: ["spec", "nodeName"]]?.stringValue == node }.count }
        #expect(counts.sorted(by: >) == expected)
    }
}

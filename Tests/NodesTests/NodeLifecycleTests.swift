import Foundation
import Testing

@testable import Nodes
@testable import Resources

@Suite struct NodeLifecycleTests {
    typealias F = Fixtures

    static let lease = ClusterProfile.small.leaseObjects(now: F.t0)[0]

    /// A ready pod on node-1 with the default 300 s tolerations.
    static func pod(_ name: String, tolerations: [Value]? = nil) -> Value {
        var pod = F.run(F.pod(name: name), until: 10).pod
        if let tolerations {
            pod[path: ["spec", "tolerations"]] = .array(tolerations)
        } else {
            pod = Tolerations.addingDefaultTolerations(to: pod)
        }
        return pod
    }

    /// Evaluates the node at each of `times`, writing every decision back, as the controller would.
    static func drive(
        _ times: [Double], pods: [Value], lease: Value = lease, tracker: inout NodeHealthTracker
    ) -> (node: Value, pods: [Value], evicted: [String: Double], last: NodeLifecycleDecision?) {
        var node = F.node
        var pods = pods
        var evicted: [String: Double] = [:]
        var last: NodeLifecycleDecision?
        for t in times {
            let decision = NodeLifecycle.evaluate(node: node, lease: lease, pods: pods, tracker: &tracker, now: F.at(t))
            if let updated = decision.node { node = updated }
            for update in decision.podStatusUpdates {
                if let i = pods.firstIndex(where: { $0[path: ["metadata", "name"]] == update[path: ["metadata", "name"]] }) { pods[i] = update }
            }
            for eviction in decision.evictions {
                evicted[eviction.name] = t
                pods.removeAll { $0[path: ["metadata", "name"]]?.stringValue == eviction.name }
            }
            last = decision
        }
        return (node, pods, evicted, last)
    }

    // Lease last renewed at 0 and seen at 0. At 49 all is well; the next look is the earlier of the
    // monitor period (49 + 5 = 54) and the deadline (0 + 50 = 50): 1 s later.
    @Test func healthyUntilTheGracePeriodEnds() {
        var tracker = NodeHealthTracker()
        let result = Self.drive([0, 49], pods: [Self.pod("a")], tracker: &tracker)
        #expect(PodState.condition(result.node, "Ready")?["status"] == "True")
        #expect(result.node[path: ["spec", "taints"]] == nil)
        #expect(result.last?.requeueAfter == 1)
    }

    // At 50 (0 + 50 s grace) the node turns Unknown, gets both unreachable taints stamped 50, and its
    // pod turns not ready; the pod tolerates for 300 s so the next look is at 350.
    @Test func unknownTaintedAndPodsNotReadyAfterGrace() {
        var tracker = NodeHealthTracker()
        let result = Self.drive([0, 50], pods: [Self.pod("a")], tracker: &tracker)
        for type in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
            let condition = PodState.condition(result.node, type)
            #expect(condition?["status"] == "Unknown")
            #expect(condition?["reason"] == "NodeStatusUnknown")
            #expect(condition?["message"] == "Kubelet stopped posting node status.")
            #expect(condition?["lastTransitionTime"] == F.stamp(50))
            #expect(condition?["lastHeartbeatTime"] == F.stamp(0))
        }
        #expect(result.node[path: ["spec", "taints"]] == [
            ["key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": F.stamp(50)],
            ["key": "node.kubernetes.io/unreachable", "effect": "NoSchedule", "timeAdded": F.stamp(50)],
        ])
        #expect(F.condition(result.pods[0], "Ready").status == "False")
        #expect(F.condition(result.pods[0], "Ready").time == F.stamp(50))
        #expect(result.evicted.isEmpty)
        #expect(result.last?.requeueAfter == 5)
    }

    // Unreachable taint at 50. Default toleration 300 s → evicted at 350; tolerationSeconds 60 → 110;
    // no toleration → at once (50); Exists without tolerationSeconds → never.
    @Test(arguments: [
        ("default", nil as [Value]?, 350.0 as Double?),
        ("minute", [["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60]], 110),
        ("intolerant", [], 50),
        ("forever", [["operator": "Exists"]], nil),
    ] as [(String, [Value]?, Double?)])
    func evictionTimes(name: String, tolerations: [Value]?, evictedAt: Double?) {
        var tracker = NodeHealthTracker()
        let times = [0.0, 50, 109, 110, 349, 350, 1000]
        let result = Self.drive(times, pods: [Self.pod(name, tolerations: tolerations)], tracker: &tracker)
        #expect(result.evicted[name] == evictedAt)
    }

    @Test func evictionCarriesTheDisruptionTargetCondition() {
        var node = F.node
        node[path: ["spec", "taints"]] = [["key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": F.stamp(0)]]
        let result = TaintEviction.evaluate(node: node, pods: [Self.pod("a", tolerations: [])], now: F.at(1))
        #expect(result.evictions.map(\.name) == ["a"])
        #expect(result.evictions.first?.condition["reason"] == "DeletionByTaintManager")
    }

    // The lease renews again at 120: the kubelet restores its conditions and the next evaluation
    // drops both unreachable taints.
    @Test func taintsRemovedWhenTheNodeComesBack() {
        var tracker = NodeHealthTracker()
        var result = Self.drive([0, 60], pods: [], tracker: &tracker)
        let renewed = NodeAgent.heartbeat(node: result.node, lease: Self.lease, now: F.at(120))
        var node = result.node
        node["status"] = renewed.nodeStatus
        let decision = NodeLifecycle.evaluate(node: node, lease: renewed.lease, pods: [], tracker: &tracker, now: F.at(121))
        result.node = decision.node ?? node
        #expect(PodState.condition(result.node, "Ready")?["status"] == "True")
        #expect(result.node[path: ["spec", "taints"]] == nil)
        #expect(decision.requeueAfter == 5)
    }

    // berth was down: the lease was last renewed 10 minutes before the controller starts. A fresh
    // tracker counts from its first look (600), so the node is still Ready at 649 and Unknown at 650.
    @Test func restartedControllerGivesAFullGracePeriod() {
        var tracker = NodeHealthTracker()
        let stale = Self.drive([600, 649], pods: [Self.pod("a")], tracker: &tracker)
        #expect(PodState.condition(stale.node, "Ready")?["status"] == "True")
        #expect(F.condition(stale.pods[0], "Ready").status == "True")
        let later = Self.drive([600, 650], pods: [Self.pod("a")], tracker: &tracker)
        #expect(PodState.condition(later.node, "Ready")?["status"] == "Unknown")
    }

    @Test func aChangingRenewTimeMovesTheProbe() {
        var tracker = NodeHealthTracker()
        _ = tracker.observe(node: F.node, lease: Self.lease, now: F.at(0))
        let renewed = ClusterProfile.small.leaseObjects(now: F.at(30))[0]
        #expect(tracker.observe(node: F.node, lease: renewed, now: F.at(31)) == F.at(31))
        #expect(tracker.observe(node: F.node, lease: renewed, now: F.at(70)) == F.at(31))
    }

    @Test func cordonAddsTheUnschedulableTaint() {
        var tracker = NodeHealthTracker()
        let node = NodeMaintenance.cordon(F.node)!
        let decision = NodeLifecycle.evaluate(node: node, lease: Self.lease, pods: [], tracker: &tracker, now: F.at(1))
        #expect(decision.node?[path: ["spec", "taints"]] == [["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": F.stamp(1)]])
        let uncordoned = NodeMaintenance.uncordon(decision.node!)!
        let after = NodeLifecycle.evaluate(node: uncordoned, lease: Self.lease, pods: [], tracker: &tracker, now: F.at(2))
        #expect(after.node?[path: ["spec", "taints"]] == nil)
        #expect(after.node?[path: ["spec", "unschedulable"]] == nil)
        #expect(NodeMaintenance.cordon(node) == nil)
    }
}

@Suite struct TolerationAndDrainTests {
    typealias F = Fixtures

    @Test(arguments: [
        (["key": "k", "operator": "Equal", "value": "v", "effect": "NoExecute"] as Value, true),
        (["key": "k", "value": "v"], true),  // no operator means Equal; no effect matches all
        (["key": "k", "value": "w"], false),
        (["key": "k", "operator": "Exists"], true),
        (["operator": "Exists"], true),
        (["key": "other", "operator": "Exists"], false),
        (["key": "k", "operator": "Exists", "effect": "NoSchedule"], false),
    ] as [(Value, Bool)])
    func tolerationMatching(toleration: Value, tolerates: Bool) {
        #expect(Tolerations.tolerates(toleration, ["key": "k", "value": "v", "effect": "NoExecute"]) == tolerates)
    }

    @Test func defaultTolerationsAddedOnlyWhenMissing() {
        let pod = Tolerations.addingDefaultTolerations(to: F.pod())
        #expect(pod[path: ["spec", "tolerations"]] == [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
        ])
        #expect(Tolerations.addingDefaultTolerations(to: pod) == pod)
        var custom = F.pod()
        custom[path: ["spec", "tolerations"]] = [["key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 10]]
        #expect(Tolerations.addingDefaultTolerations(to: custom)[path: ["spec", "tolerations"]]?.arrayValue?.count == 2)
    }

    @Test func drainCordonsAndEvictsAllButDaemonSetAndMirrorPods() {
        var daemon = F.pod(name: "logs")
        daemon[path: ["metadata", "ownerReferences"]] = [["kind": "DaemonSet", "name": "logs", "controller": true]]
        var mirror = F.pod(name: "static")
        mirror[path: ["metadata", "annotations"]] = ["kubernetes.io/config.mirror": "abc"]
        var replica = F.pod(name: "web-1")
        replica[path: ["metadata", "ownerReferences"]] = [["kind": "ReplicaSet", "name": "web", "controller": true]]
        var elsewhere = F.pod(name: "other")
        elsewhere[path: ["spec", "nodeName"]] = "node-2"
        let plan = NodeMaintenance.drain(node: F.node, pods: [daemon, mirror, replica, F.pod(name: "bare"), elsewhere])
        #expect(plan.node?[path: ["spec", "unschedulable"]] == true)
        #expect(plan.evict.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["web-1", "bare"])
        #expect(plan.skipped.map(\.reason) == ["DaemonSet-managed", "mirror pod"])
    }
}

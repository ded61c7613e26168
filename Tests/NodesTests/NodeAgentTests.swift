import Foundation
import Testing

@testable import Nodes
@testable import Resources

@Suite struct NodeAgentTests {
    typealias F = Fixtures

    static let lease = ClusterProfile.small.leaseObjects(now: F.t0)[0]

    // Lease renewed at 0: not due at 9, due at 10 (every 10 s); status reported at 0 is due at 300.
    @Test(arguments: [(9.0, false, 10.0), (10, true, 20), (25, true, 35)])
    func renewsTheLeaseEveryInterval(at seconds: Double, renews: Bool, nextWake: Double) {
        let beat = NodeAgent.heartbeat(node: F.node, lease: Self.lease, now: F.at(seconds))
        #expect((beat.lease != nil) == renews)
        if renews { #expect(beat.lease?[path: ["spec", "renewTime"]] == .string(MicroTime.format(F.at(seconds)))) }
        #expect(beat.nodeStatus == nil)
        #expect(beat.nextWake == F.at(nextWake))
    }

    @Test func reportsStatusEveryFiveMinutes() {
        let beat = NodeAgent.heartbeat(node: F.node, lease: Self.lease, now: F.at(300))
        let ready = beat.nodeStatus?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        #expect(ready?["lastHeartbeatTime"] == F.stamp(300))
        #expect(ready?["lastTransitionTime"] == F.stamp(0))
    }

    @Test func restoresConditionsSetUnknownAtOnce() {
        var node = F.node
        NodeLifecycle.markUnknown(&node, now: F.at(60))
        let beat = NodeAgent.heartbeat(node: node, lease: Self.lease, now: F.at(61))
        let ready = beat.nodeStatus?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        #expect(ready?["status"] == "True")
        #expect(ready?["lastTransitionTime"] == F.stamp(61))
    }

    @Test func createsAMissingLease() {
        let beat = NodeAgent.heartbeat(node: F.node, lease: nil, now: F.at(5))
        #expect(beat.lease?[path: ["metadata", "namespace"]] == "kube-node-lease")
        #expect(beat.lease?[path: ["spec", "holderIdentity"]] == "node-1")
    }

    @Test func aFailedNodeIsSilent() {
        var node = F.node
        node[path: ["metadata", "annotations"]] = [SimulationAnnotations.failed: "true"]
        #expect(NodeAgent.heartbeat(node: node, lease: Self.lease, now: F.at(100)) == Heartbeat(lease: nil, nodeStatus: nil, nextWake: nil))
    }
}

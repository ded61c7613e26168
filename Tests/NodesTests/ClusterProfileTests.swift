import Foundation
import Testing

@testable import Nodes
@testable import Resources

@Suite struct ClusterProfileTests {
    typealias F = Fixtures

    @Test func smallClusterNodesHaveKubernetesShape() {
        let nodes = ClusterProfile.small.nodeObjects(now: F.t0)
        #expect(nodes.count == 3)
        let second = nodes[1]
        #expect(second["apiVersion"] == "v1")
        #expect(second["kind"] == "Node")
        #expect(second[path: ["metadata", "name"]] == "node-2")
        #expect(second[path: ["metadata", "labels", "kubernetes.io/hostname"]] == "node-2")
        #expect(second[path: ["metadata", "labels", "kubernetes.io/os"]] == "linux")
        #expect(second[path: ["metadata", "labels", "kubernetes.io/arch"]] == "amd64")
        #expect(second[path: ["metadata", "labels", "topology.kubernetes.io/zone"]] == "zone-b")
        #expect(second[path: ["spec", "podCIDR"]] == "10.244.2.0/24")
        #expect(second[path: ["spec", "podCIDRs"]] == ["10.244.2.0/24"])
        #expect(second[path: ["status", "capacity", "cpu"]] == "4")
        #expect(second[path: ["status", "capacity", "memory"]] == "8Gi")
        #expect(second[path: ["status", "allocatable", "pods"]] == "110")
        #expect(second[path: ["status", "nodeInfo", "kubeletVersion"]] == "v1.33.0")
        #expect(second[path: ["status", "addresses"]]?.arrayValue?.first == ["type": "InternalIP", "address": "172.18.0.3"])
        let types = second[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
        let ready = PodState.condition(second, "Ready")
        #expect(ready?["status"] == "True")
        #expect(ready?["reason"] == "KubeletReady")
        #expect(ready?["lastHeartbeatTime"] == F.stamp(0))
    }

    // Round-robin over three zones: node-4 is back in zone-a.
    @Test(arguments: [(1, "zone-a"), (2, "zone-b"), (3, "zone-c"), (4, "zone-a")])
    func zonesRoundRobin(index: Int, zone: String) throws {
        let profile = try ClusterProfile(nodeCount: 4)
        #expect(profile.zone(ofNode: index) == zone)
    }

    @Test func leasesInKubeNodeLease() {
        let lease = ClusterProfile.small.leaseObjects(now: F.at(0.25))[0]
        #expect(lease["apiVersion"] == "coordination.k8s.io/v1")
        #expect(lease[path: ["metadata", "namespace"]] == "kube-node-lease")
        #expect(lease[path: ["spec", "holderIdentity"]] == "node-1")
        #expect(lease[path: ["spec", "leaseDurationSeconds"]] == 40)
        #expect(lease[path: ["spec", "renewTime"]] == .string("2027-01-15T08:00:00.250000Z"))
    }

    @Test func taintsAndLabelsFromTheProfile() throws {
        let node = try NodeProfile(labels: ["tier": "edge"], taints: [Taint(key: "dedicated", value: "edge", effect: .noSchedule)])
        let object = try ClusterProfile(nodeCount: 1, node: node).nodeObjects(now: F.t0)[0]
        #expect(object[path: ["metadata", "labels", "tier"]] == "edge")
        #expect(object[path: ["spec", "taints"]] == [["key": "dedicated", "value": "edge", "effect": "NoSchedule"]])
    }

    @Test func refusesBadProfiles() {
        #expect(throws: ClusterProfileError.self) { try NodeProfile(cpu: "lots") }
        #expect(throws: ClusterProfileError.self) { try NodeProfile(memory: "0") }
        #expect(throws: ClusterProfileError.self) { try NodeProfile(pods: 0) }
        #expect(throws: ClusterProfileError.self) { try ClusterProfile(namePrefix: "Node_") }
        #expect(throws: ClusterProfileError.self) { try ClusterProfile(podCIDR: "10.244.0.1/16") }
        // A /16 holds 256 /24s; subnet 0 is unused, so 255 nodes fit and 256 do not.
        #expect(throws: ClusterProfileError.podCIDRTooSmall(cidr: "10.244.0.0/16", prefixLength: 24, nodes: 256, capacity: 255)) {
            try ClusterProfile(nodeCount: 256)
        }
        #expect((try? ClusterProfile(nodeCount: 255)) != nil)
    }
}

@Suite struct PodIPAllocatorTests {
    typealias F = Fixtures

    static func pod(_ name: String, ip: String? = nil, phase: String = "Running") -> Value {
        var pod: Value = ["metadata": ["name": .string(name), "namespace": "default", "uid": .string(name)], "status": ["phase": .string(phase)]]
        if let ip { pod[path: ["status", "podIP"]] = .string(ip) }
        return pod
    }

    // node-1's CIDR is 10.244.1.0/24: .0 network, .1 gateway; .2 and .4 held; a's .3 was released
    // when it failed. New pods get .3 then .5; a held IP stays with its pod.
    @Test func uniqueAndStableFromTheNodeCIDR() {
        let held = [Self.pod("a", ip: "10.244.1.3", phase: "Failed"), Self.pod("b", ip: "10.244.1.2"), Self.pod("c", ip: "10.244.1.4")]
        var allocator = PodIPAllocator(node: F.node, pods: held)
        #expect(allocator.address(for: Self.pod("d")) == "10.244.1.3")
        #expect(allocator.address(for: Self.pod("e")) == "10.244.1.5")
        #expect(allocator.address(for: Self.pod("d")) == "10.244.1.3")
        #expect(allocator.address(for: held[2]) == "10.244.1.4")
        #expect(allocator.addressesInUse == 4)
    }

    @Test func aFullNodeGivesNoAddress() throws {
        var node = F.node
        node[path: ["spec", "podCIDR"]] = "10.244.1.0/30"  // .0 network, .1 gateway, .2 the only one, .3 broadcast
        var allocator = PodIPAllocator(node: node, pods: [])
        #expect(allocator.address(for: Self.pod("a")) == "10.244.1.2")
        #expect(allocator.address(for: Self.pod("b")) == nil)
    }

    @Test func podsOnDifferentNodesDrawFromTheirOwnCIDR() {
        let nodes = ClusterProfile.small.nodeObjects(now: F.t0)
        var first = PodIPAllocator(node: nodes[0], pods: [])
        var third = PodIPAllocator(node: nodes[2], pods: [])
        #expect(first.address(for: Self.pod("a")) == "10.244.1.2")
        #expect(third.address(for: Self.pod("b")) == "10.244.3.2")
    }
}

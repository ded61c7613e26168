import Controllers
import Foundation
import Resources
import Testing

@testable import ControlPlane
import Nodes

@Suite struct DebugTests {
    @Test func debug() throws {
        let bench = try ClusterBench()
        try bench.apply([deployment("web", replicas: 1)])
        try bench.advance(5)
        print("ERRORS", bench.errors)
        for pod in bench.pods() { print("POD", pod.jsonString()) }
        let events = try bench.store.changes(after: 0).filter { $0.key.kind == "Pod" }
        let pod = events[1].object
        let node = bench.cache.get(ObjectKey(group: "", kind: "Node", namespace: "", name: pod[path: ["spec", "nodeName"]]!.stringValue!))!
        var alloc = PodIPAllocator(node: node, pods: [])
        for t in [0.0, 0.5, 1, 2, 3] {
            let step = PodSimulator.step(pod: pod, node: node, addresses: &alloc, timings: .standard, now: Date(timeIntervalSince1970: 1_800_000_000 + t))
            print("STEP", t, step.status?.jsonString() ?? "nil", step.nextWake ?? "nil")
        }
    }
}

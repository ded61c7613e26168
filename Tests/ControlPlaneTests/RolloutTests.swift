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

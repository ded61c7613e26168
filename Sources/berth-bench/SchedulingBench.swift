import Foundation
import Resources
import Scheduler

/// Placing pods one by one against an incrementally updated snapshot, as the scheduler controller does.
enum SchedulingBench {
    static func podsPerSecond(pods count: Int, nodes: Int, antiAffinity: Bool) -> Double {
        let nodeObjects: [Value] = (1...nodes).map { i in
            ["apiVersion": "v1", "kind": "Node",
             "metadata": ["name": .string("node-\(i)"), "labels": ["kubernetes.io/hostname": .string("node-\(i)"),
                                                                   "topology.kubernetes.io/zone": .string("zone-\(i % 3)")]],
             "status": ["allocatable": ["cpu": "32", "memory": "128Gi", "pods": "110"],
                        "conditions": [["type": "Ready", "status": "True"]]]]
        }
        var snapshot = ClusterSnapshot(nodes: nodeObjects)
        var scheduler = Scheduler()
        var affinity = Fields()
        if antiAffinity {
            affinity["podAntiAffinity"] = ["requiredDuringSchedulingIgnoredDuringExecution": [
                ["labelSelector": ["matchLabels": ["app": "spread"]], "topologyKey": "kubernetes.io/hostname"],
            ]]
        }
        let pods: [Value] = (0..<count).map { i in
            var spec: Value = ["containers": [["name": "c", "image": "i", "resources": ["requests": ["cpu": "100m", "memory": "64Mi"]]]]]
            if antiAffinity { spec["affinity"] = .object(affinity) }
            return ["apiVersion": "v1", "kind": "Pod",
                    "metadata": ["name": .string("pod-\(i)"), "namespace": "default", "labels": ["app": .string(antiAffinity ? "spread" : "app-\(i % 50)")]],
                    "spec": spec]
        }
        let start = Date()
        for pod in pods {
            if case .scheduled(let node) = scheduler.schedule(pod, in: snapshot) { snapshot.add(pod: pod, to: node) }
        }
        return Double(count) / Date().timeIntervalSince(start)
    }
}

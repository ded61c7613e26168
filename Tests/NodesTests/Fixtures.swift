import Foundation
import Resources

@testable import Nodes

/// Fixed instants and small builders shared by the suites. Every time is `t0` plus whole seconds.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func stamp(_ seconds: Double) -> Value { .string(Timestamp.rfc3339(at(seconds))) }

    static var node: Value { ClusterProfile.small.nodeObjects(now: t0)[0] }

    /// A pod bound to node-1 at t0 (PodScheduled at t0), with the given spec parts.
    static func pod(
        name: String = "web", containers: [Value] = [["name": "app", "image": "nginx"]], initContainers: [Value] = [],
        annotations: [String: String] = [:], restartPolicy: String = "Always"
    ) -> Value {
        var spec: Fields = ["nodeName": "node-1", "containers": .array(containers), "restartPolicy": .string(restartPolicy)]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        var metadata: Fields = ["name": .string(name), "namespace": "default", "uid": .string("uid-\(name)")]
        if !annotations.isEmpty { metadata["annotations"] = .object(Fields(annotations.map { ($0.key, Value.string($0.value)) })) }
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(spec),
            "status": ["phase": "Pending", "conditions": [["type": "PodScheduled", "status": "True", "lastTransitionTime": stamp(0)]]],
        ]
    }

    /// Runs the simulator as a kubelet would: at each `nextWake`, writing each new status back, until
    /// `end`; returns the pod at `end` and every wake time visited (seconds after t0).
    static func run(_ pod: Value, until end: Double, timings: PodLifecycleTimings = .standard) -> (pod: Value, wakes: [Double]) {
        var pod = pod
        var now = t0
        var wakes: [Double] = []
        var addresses = PodIPAllocator(node: node, pods: [])
        while now <= at(end) {
            let step = PodSimulator.step(pod: pod, node: node, addresses: &addresses, timings: timings, now: now)
            if let status = step.status { pod["status"] = status }
            guard let next = step.nextWake, next <= at(end) else { break }
            wakes.append(next.timeIntervalSince(t0))
            now = next
        }
        if now < at(end) {
            let step = PodSimulator.step(pod: pod, node: node, addresses: &addresses, timings: timings, now: at(end))
            if let status = step.status { pod["status"] = status }
        }
        return (pod, wakes)
    }

    static func condition(_ pod: Value, _ type: String) -> (status: String?, time: Value?) {
        let c = PodState.condition(pod, type)
        return (c?["status"]?.stringValue, c?["lastTransitionTime"])
    }

    static func containerStatus(_ pod: Value, _ name: String, init isInit: Bool = false) -> Value? {
        pod[path: ["status", isInit ? "initContainerStatuses" : "containerStatuses"]]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }
}

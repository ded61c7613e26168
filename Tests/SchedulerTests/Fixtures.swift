import Resources

@testable import Scheduler

/// Nodes and pods in Kubernetes' JSON shape, with only what a test varies.
enum Fixture {
    static func node(
        _ name: String, cpu: String = "4", memory: String = "8Gi", pods: Int64 = 110, labels: [String: String] = [:],
        taints: [Value] = [], unschedulable: Bool = false
    ) -> Value {
        var allLabels = labels
        allLabels["kubernetes.io/hostname"] = name
        var node: Value = [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": .object(Fields(allLabels.map { ($0.key, Value.string($0.value)) }))],
            "spec": [:],
            "status": ["allocatable": ["cpu": .string(cpu), "memory": .string(memory), "pods": .int(pods)]],
        ]
        if !taints.isEmpty { node[path: ["spec", "taints"]] = .array(taints) }
        if unschedulable { node[path: ["spec", "unschedulable"]] = true }
        return node
    }

    static func taint(_ key: String, _ value: String = "", _ effect: String = "NoSchedule") -> Value {
        value.isEmpty ? ["key": .string(key), "effect": .string(effect)] : ["key": .string(key), "value": .string(value), "effect": .string(effect)]
    }

    /// A pod with one container requesting `cpu`/`memory` (nil leaves the request out).
    static func pod(
        _ name: String, namespace: String = "default", labels: [String: String] = [:], cpu: String? = nil,
        memory: String? = nil, nodeName: String? = nil, spec: [String: Value] = [:]
    ) -> Value {
        var requests = Fields()
        if let cpu { requests["cpu"] = .string(cpu) }
        if let memory { requests["memory"] = .string(memory) }
        var podSpec: Value = [
            "containers": [["name": "app", "image": "app:1", "resources": ["requests": .object(requests)]]]
        ]
        if let nodeName { podSpec["nodeName"] = .string(nodeName) }
        for (key, value) in spec { podSpec[key] = value }
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(name), "namespace": .string(namespace),
                "labels": .object(Fields(labels.map { ($0.key, Value.string($0.value)) })),
            ],
            "spec": podSpec,
        ]
    }

    static func selector(_ labels: [String: String]) -> Value {
        ["matchLabels": .object(Fields(labels.map { ($0.key, Value.string($0.value)) }))]
    }

    static func podAffinityTerm(_ labels: [String: String], topologyKey: String = "kubernetes.io/hostname") -> Value {
        ["labelSelector": selector(labels), "topologyKey": .string(topologyKey)]
    }

    /// Schedules `pods` one after another, adding each placed pod to the snapshot as the scheduler's
    /// assume step does; returns the node of each (nil when unschedulable).
    static func placeAll(_ pods: [Value], scheduler: inout Scheduler, snapshot: inout ClusterSnapshot) -> [String?] {
        pods.map { pod in
            guard case .scheduled(let node) = scheduler.schedule(pod, in: snapshot) else { return nil }
            snapshot.add(pod: pod, to: node)
            return node
        }
    }

    static func failure(_ result: ScheduleResult) -> FitFailure? {
        if case .unschedulable(let failure) = result { return failure }
        return nil
    }

    static func node(of result: ScheduleResult) -> String? {
        if case .scheduled(let node) = result { return node }
        return nil
    }
}

import Controllers
import FoundationEssentials
import Nodes
import Resources
import Store

/// What `berth node list` shows of one node.
public struct NodeSummary: Sendable {
    public var name: String
    /// Ready, NotReady or Unknown, with ",SchedulingDisabled" when cordoned and ",Failed" when a
    /// simulated crash is in force.
    public var status: String
    public var zone: String
    public var requested: ResourceRequests
    public var allocatable: ResourceRequests
    public var pods: Int
    public var maxPods: Int64
    public var taints: [String]
    public var created: String?
}

/// `berth node …`: simulated failures and maintenance, written to the store; the controllers act
/// on them the next time they run.
public enum NodeOperations {
    public struct UnknownNode: Error, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var description: String {
            "node \"\(name)\" not found" + (known.isEmpty ? "" : "; nodes are \(known.joined(separator: ", "))")
        }
    }

    public static func summaries(in view: ClusterView) -> [NodeSummary] {
        let pods = view.list(.pod).filter { !PodState.isTerminal($0) }
        var byNode: [String: [Value]] = [:]
        for pod in pods { if let node = pod[path: ["spec", "nodeName"]]?.stringValue { byNode[node, default: []].append(pod) } }
        return view.list(.node).map { node in
            let name = node.metaName
            let onNode = byNode[name] ?? []
            let ready = PodState.condition(node, "Ready")?["status"]?.stringValue
            var status = ready == "True" ? "Ready" : ready == "Unknown" ? "Unknown" : "NotReady"
            if node[path: ["spec", "unschedulable"]]?.boolValue == true { status += ",SchedulingDisabled" }
            if SimulationAnnotations.isFailed(node: node) { status += ",Failed" }
            let taints = (node[path: ["spec", "taints"]]?.arrayValue ?? []).map { taint in
                "\(taint["key"]?.stringValue ?? ""):\(taint["effect"]?.stringValue ?? "")"
            }
            return NodeSummary(
                name: name, status: status,
                zone: node[path: ["metadata", "labels", "topology.kubernetes.io/zone"]]?.stringValue ?? "",
                requested: onNode.reduce(ResourceRequests.zero) { $0 + ResourceRequests(podSpec: $1["spec"] ?? .emptyObject) },
                allocatable: ResourceRequests(resourceList: node[path: ["status", "allocatable"]]),
                pods: onNode.count,
                maxPods: node[path: ["status", "allocatable", "pods"]]?.stringValue.flatMap(Int64.init) ?? 0,
                taints: taints, created: node[path: ["metadata", "creationTimestamp"]]?.stringValue)
        }
    }

    /// Applies `change` to the named node; nil from `change` means nothing to do.
    static func update(_ name: String, in store: any ObjectStore, _ change: (Value) -> Value?) throws -> Bool {
        try store.write { tx in
            guard let node = try tx.get(.node(name)) else {
                throw UnknownNode(name: name, known: try tx.list(group: "", kind: "Node", namespace: nil).map(\.key.name))
            }
            guard let updated = change(node.value) else { return false }
            try tx.update(updated, expectedResourceVersion: node.resourceVersion)
            return true
        }
    }

    /// Simulates a node crash: its agent stops heartbeating and stops updating its pods.
    @discardableResult
    public static func fail(_ name: String, in store: any ObjectStore) throws -> Bool {
        try update(name, in: store) { node in
            guard !SimulationAnnotations.isFailed(node: node) else { return nil }
            var failed = node
            failed[path: ["metadata", "annotations", SimulationAnnotations.failed]] = "true"
            return failed
        }
    }

    /// Ends a simulated crash: the agent heartbeats again and the node comes back.
    @discardableResult
    public static func recover(_ name: String, in store: any ObjectStore) throws -> Bool {
        try update(name, in: store) { node in
            guard SimulationAnnotations.isFailed(node: node) else { return nil }
            var recovered = node
            recovered[path: ["metadata", "annotations", SimulationAnnotations.failed]] = nil
            if recovered[path: ["metadata", "annotations"]]?.objectValue?.isEmpty == true {
                recovered[path: ["metadata", "annotations"]] = nil
            }
            return recovered
        }
    }

    @discardableResult
    public static func cordon(_ name: String, in store: any ObjectStore) throws -> Bool {
        try update(name, in: store, NodeMaintenance.cordon)
    }

    @discardableResult
    public static func uncordon(_ name: String, in store: any ObjectStore) throws -> Bool {
        try update(name, in: store, NodeMaintenance.uncordon)
    }

    /// Cordons the node and evicts its pods as `kubectl drain --ignore-daemonsets --force` does;
    /// returns the evicted pods and the skipped ones with why.
    public static func drain(_ name: String, in store: any ObjectStore) throws -> (evicted: [ObjectKey], skipped: [(ObjectKey, String)]) {
        try store.write { tx in
            guard let node = try tx.get(.node(name)) else {
                throw UnknownNode(name: name, known: try tx.list(group: "", kind: "Node", namespace: nil).map(\.key.name))
            }
            let pods = try tx.list(group: "", kind: "Pod", namespace: nil).map(\.value)
                .filter { $0[path: ["spec", "nodeName"]]?.stringValue == name }
            let plan = NodeMaintenance.drain(node: node.value, pods: pods)
            if let cordoned = plan.node { try tx.update(cordoned, expectedResourceVersion: node.resourceVersion) }
            var evicted: [ObjectKey] = []
            for pod in plan.evict {
                let key = ObjectKey.pod(pod.metaNamespace, pod.metaName)
                try tx.delete(key, expectedResourceVersion: pod.metaResourceVersion)
                evicted.append(key)
            }
            return (evicted, plan.skipped.map { (ObjectKey.pod($0.pod.metaNamespace, $0.pod.metaName), $0.reason) })
        }
    }
}

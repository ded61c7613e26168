import Resources

/// The cluster as one scheduling decision sees it: the nodes, the pods bound to each, and indexes
/// kept current as pods are added ("assumed") and removed, so that a batch of decisions never re-reads
/// the objects.
///
/// Nodes keep the order they were given in; the scheduler examines them in that order, starting from a
/// rotating index.
public struct ClusterSnapshot: Sendable {
    var nodes: [NodeRecord] = []
    var nodeIndexByName: [String: Int] = [:]
    /// The pod table; a removed pod leaves a hole that the next added pod fills.
    var pods: [PodInfo?] = []
    /// The node index of each pod in `pods`.
    var podNode: [Int] = []
    var freePodIDs: [Int] = []
    var podIDByKey: [PodKey: Int] = [:]
    /// label key=value → pods carrying it: how selectors find their pods without a scan.
    var podsByLabel: [LabelPair: Set<Int>] = [:]
    var namespaceLabels: [String: [String: String]] = [:]
    /// Existing pods' required anti-affinity terms → topology value → how many pods hold the term
    /// there. Replicas share one term, so the symmetry check is one lookup per distinct term.
    var requiredAntiAffinityIndex: [AffinityTerm: [String: Int]] = [:]
    /// Existing pods' required affinity terms, for InterPodAffinity's hard-affinity score.
    var requiredAffinityIndex: [AffinityTerm: [String: Int]] = [:]
    /// Existing pods' preferred terms (weight signed: + affinity, − anti-affinity).
    var preferredAffinityIndex: [WeightedAffinityTerm: [String: Int]] = [:]

    /// `nodes` are Node objects; each pod with `spec.nodeName` naming one of them counts on it unless
    /// it has finished (Succeeded/Failed). `namespaces` give the labels that `namespaceSelector`s see.
    public init(nodes: [Value], pods: [Value] = [], namespaces: [Value] = []) {
        for node in nodes { update(node: node) }
        for namespace in namespaces { update(namespace: namespace) }
        for pod in pods where !PodState.isTerminal(pod) {
            if let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue { add(pod: pod, to: nodeName) }
        }
    }

    /// The node names in examination order.
    public var nodeNames: [String] { nodes.map(\.name) }

    /// How many pods are bound in the snapshot.
    public var podCount: Int { podIDByKey.count }

    /// The number of pods on a node; nil for an unknown node.
    public func podCount(onNode name: String) -> Int? { nodeIndexByName[name].map { nodes[$0].podCount } }

    /// Counts a pod on a node, as the scheduler's "assume" step does, so that later decisions in a
    /// batch see it. A pod already in the snapshot (same namespace and name) moves. Returns false, and
    /// changes nothing, for an unknown node.
    @discardableResult
    public mutating func add(pod: Value, to nodeName: String) -> Bool {
        guard let nodeIndex = nodeIndexByName[nodeName] else { return false }
        let info = PodInfo(pod)
        if let existing = podIDByKey[info.key] { removePod(id: existing) }
        let id: Int
        if let free = freePodIDs.popLast() {
            id = free
            pods[id] = info
            podNode[id] = nodeIndex
        } else {
            id = pods.count
            pods.append(info)
            podNode.append(nodeIndex)
        }
        podIDByKey[info.key] = id
        nodes[nodeIndex].account(info, id: id)
        index(podID: id)
        return true
    }

    /// Forgets a pod (deleted, finished, or an assumption that did not bind).
    public mutating func remove(podNamed name: String, namespace: String) {
        if let id = podIDByKey[PodKey(namespace: namespace, name: name)] { removePod(id: id) }
    }

    /// Forgets a pod, by its metadata.
    public mutating func remove(pod: Value) {
        let info = (pod[path: ["metadata", "namespace"]]?.stringValue ?? "default", pod[path: ["metadata", "name"]]?.stringValue ?? "")
        remove(podNamed: info.1, namespace: info.0)
    }

    /// Adds a node, or re-reads one (labels, taints, allocatable, unschedulable) keeping its pods.
    public mutating func update(node: Value) {
        var record = NodeRecord(node)
        guard let i = nodeIndexByName[record.name] else {
            nodeIndexByName[record.name] = nodes.count
            nodes.append(record)
            return
        }
        // Topology values may change with the labels: take the pods out of the indexes under the old
        // labels and put them back under the new.
        let ids = nodes[i].podIDs
        for id in ids { unindex(podID: id) }
        record.inheritPods(from: nodes[i])
        nodes[i] = record
        for id in ids { index(podID: id) }
    }

    /// Removes a node and the pods counted on it.
    public mutating func remove(nodeNamed name: String) {
        guard let i = nodeIndexByName[name] else { return }
        for id in nodes[i].podIDs { removePod(id: id) }
        nodes.remove(at: i)
        nodeIndexByName = [:]
        for (j, node) in nodes.enumerated() { nodeIndexByName[node.name] = j }
        for id in pods.indices where pods[id] != nil && podNode[id] > i { podNode[id] -= 1 }
    }

    /// Records a Namespace's labels (plus `kubernetes.io/metadata.name`, which the API server sets).
    public mutating func update(namespace: Value) {
        guard let name = namespace[path: ["metadata", "name"]]?.stringValue else { return }
        var labels = PodState.labels(namespace)
        labels["kubernetes.io/metadata.name"] = name
        namespaceLabels[name] = labels
    }

    mutating func removePod(id: Int) {
        guard let info = pods[id] else { return }
        unindex(podID: id)
        nodes[podNode[id]].unaccount(info, id: id)
        podIDByKey[info.key] = nil
        pods[id] = nil
        freePodIDs.append(id)
    }

    /// The labels a namespace selector sees for a namespace; every namespace at least carries its name.
    func labels(ofNamespace name: String) -> [String: String] {
        namespaceLabels[name] ?? ["kubernetes.io/metadata.name": name]
    }
}

/// One label, as the pod index keys it.
struct LabelPair: Sendable, Hashable {
    var key: String
    var value: String
}

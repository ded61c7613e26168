import Resources

/// A node as the scheduler keeps it: what was read from the Node once, plus what the pods bound to it
/// add up to, kept current as pods come and go.
struct NodeRecord: Sendable {
    var name: String
    var labels: [String: String]
    var unschedulable: Bool
    /// NoSchedule and NoExecute taints: the filter's concern.
    var blockingTaints: [Taint]
    /// PreferNoSchedule taints: the score's concern.
    var preferTaints: [Taint]
    /// `status.allocatable` without `pods`.
    var allocatable: ResourceRequests
    /// `status.allocatable.pods`; a node that states none takes no pods, as in Kubernetes.
    var allowedPods: Int

    var requested = ResourceRequests.zero
    var scoringCPUMilli: Int64 = 0
    var scoringMemoryBytes: Int64 = 0
    var usedPorts: [HostPort] = []
    /// Ids of the pods on this node in the snapshot's pod table.
    var podIDs: Set<Int> = []

    init(_ node: Value) {
        name = node[path: ["metadata", "name"]]?.stringValue ?? ""
        labels = PodState.labels(node)
        unschedulable = node[path: ["spec", "unschedulable"]]?.boolValue ?? false
        let taints = (node[path: ["spec", "taints"]]?.arrayValue ?? []).compactMap(Taint.init)
        blockingTaints = taints.filter(\.blocksScheduling)
        preferTaints = taints.filter { $0.effect == Taint.preferNoSchedule }
        var allocatable = ResourceRequests(resourceList: node[path: ["status", "allocatable"]])
        allowedPods = Int(allocatable.other.removeValue(forKey: "pods") ?? 0)
        self.allocatable = allocatable
    }

    var podCount: Int { podIDs.count }

    mutating func account(_ pod: PodInfo, id: Int) {
        podIDs.insert(id)
        requested = requested + pod.requests
        scoringCPUMilli += pod.scoringCPUMilli
        scoringMemoryBytes += pod.scoringMemoryBytes
        usedPorts += pod.hostPorts
    }

    mutating func unaccount(_ pod: PodInfo, id: Int) {
        podIDs.remove(id)
        requested.cpuMilli -= pod.requests.cpuMilli
        requested.memoryBytes -= pod.requests.memoryBytes
        for (name, amount) in pod.requests.other {
            let left = (requested.other[name] ?? 0) - amount
            requested.other[name] = left == 0 ? nil : left
        }
        scoringCPUMilli -= pod.scoringCPUMilli
        scoringMemoryBytes -= pod.scoringMemoryBytes
        for port in pod.hostPorts {
            if let i = usedPorts.firstIndex(of: port) { usedPorts.remove(at: i) }
        }
    }

    /// Moves the pod aggregates of `old` onto this freshly read node.
    mutating func inheritPods(from old: NodeRecord) {
        requested = old.requested
        scoringCPUMilli = old.scoringCPUMilli
        scoringMemoryBytes = old.scoringMemoryBytes
        usedPorts = old.usedPorts
        podIDs = old.podIDs
    }
}

import Resources

/// One pod's scheduling cycle: the pod parsed once, plus what the PreFilter steps computed over the
/// whole snapshot, then each node filtered in kube-scheduler's plugin order. A node is rejected by the
/// first plugin that fails, as Kubernetes' framework stops there.
struct SchedulingCycle {
    let pod: PodInfo
    let snapshot: ClusterSnapshot
    let toleratesUnschedulable: Bool
    let spread: SpreadFilterState?
    let interPod: InterPodAffinityFilterState?

    init(pod: PodInfo, snapshot: ClusterSnapshot) {
        self.pod = pod
        self.snapshot = snapshot
        toleratesUnschedulable = pod.tolerations.tolerate(
            Taint(key: "node.kubernetes.io/unschedulable", effect: Taint.noSchedule))
        spread = SpreadFilterState(pod: pod, snapshot: snapshot)
        interPod = InterPodAffinityFilterState(pod: pod, snapshot: snapshot)
    }

    /// nil when the node passes every filter; otherwise the reasons of the first filter that failed.
    func filter(_ nodeIndex: Int) -> [String]? {
        let node = snapshot.nodes[nodeIndex]
        // NodeUnschedulable
        if node.unschedulable && !toleratesUnschedulable { return [FilterReason.unschedulable] }
        // NodeName
        if let wanted = pod.nodeName, wanted != node.name { return [FilterReason.nodeName] }
        // TaintToleration
        if !node.blockingTaints.isEmpty, let taint = pod.tolerations.firstUntolerated(node.blockingTaints) {
            return [FilterReason.untoleratedTaint(taint)]
        }
        // NodeAffinity
        if pod.requiredNodeAffinity.isConstraining
            && !pod.requiredNodeAffinity.matches(labels: node.labels, nodeName: node.name)
        {
            return [FilterReason.nodeAffinity]
        }
        // NodePorts
        if !pod.hostPorts.isEmpty && !node.usedPorts.isEmpty
            && pod.hostPorts.contains(where: { wanted in node.usedPorts.contains { wanted.conflicts(with: $0) } })
        {
            return [FilterReason.nodePorts]
        }
        if let insufficient = insufficientResources(node) { return insufficient }
        if let spread, let reason = spread.filter(pod: pod, node: node) { return [reason] }
        if let interPod, let reason = interPod.filter(node: node) { return [reason] }
        return nil
    }

    /// NodeResourcesFit: the pod count first, then each requested resource that does not fit in what
    /// is left of allocatable. A resource the pod does not request never fails.
    func insufficientResources(_ node: NodeRecord) -> [String]? {
        var reasons: [String] = []
        if node.podCount + 1 > node.allowedPods { reasons.append(FilterReason.tooManyPods) }
        let want = pod.requests
        let have = node.allocatable
        let used = node.requested
        if want.cpuMilli > 0 && want.cpuMilli > have.cpuMilli - used.cpuMilli {
            reasons.append(FilterReason.insufficient("cpu"))
        }
        if want.memoryBytes > 0 && want.memoryBytes > have.memoryBytes - used.memoryBytes {
            reasons.append(FilterReason.insufficient("memory"))
        }
        if !want.other.isEmpty {
            for name in want.other.keys.sorted() {
                let amount = want.other[name] ?? 0
                if amount > 0 && amount > (have.other[name] ?? 0) - (used.other[name] ?? 0) {
                    reasons.append(FilterReason.insufficient(name))
                }
            }
        }
        return reasons.isEmpty ? nil : reasons
    }
}

import Resources

extension ClusterSnapshot {
    /// Adds a pod's labels and affinity terms to the indexes, under its node's current labels.
    mutating func index(podID id: Int) {
        guard let pod = pods[id] else { return }
        for (key, value) in pod.labels { podsByLabel[LabelPair(key: key, value: value), default: []].insert(id) }
        if pod.affinity.isEmpty { return }
        let nodeLabels = nodes[podNode[id]].labels
        for term in pod.affinity.requiredAnti {
            if let v = nodeLabels[term.topologyKey] { requiredAntiAffinityIndex[term, default: [:]][v, default: 0] += 1 }
        }
        for term in pod.affinity.required {
            if let v = nodeLabels[term.topologyKey] { requiredAffinityIndex[term, default: [:]][v, default: 0] += 1 }
        }
        for weighted in pod.affinity.preferred {
            if let v = nodeLabels[weighted.term.topologyKey] {
                preferredAffinityIndex[weighted, default: [:]][v, default: 0] += 1
            }
        }
    }

    /// The inverse of `index(podID:)`; empty entries are dropped so that "no such pods" is an empty map.
    mutating func unindex(podID id: Int) {
        guard let pod = pods[id] else { return }
        for (key, value) in pod.labels {
            let pair = LabelPair(key: key, value: value)
            podsByLabel[pair]?.remove(id)
            if podsByLabel[pair]?.isEmpty == true { podsByLabel[pair] = nil }
        }
        if pod.affinity.isEmpty { return }
        let nodeLabels = nodes[podNode[id]].labels
        for term in pod.affinity.requiredAnti {
            if let v = nodeLabels[term.topologyKey] { ClusterSnapshot.decrement(&requiredAntiAffinityIndex, term, v) }
        }
        for term in pod.affinity.required {
            if let v = nodeLabels[term.topologyKey] { ClusterSnapshot.decrement(&requiredAffinityIndex, term, v) }
        }
        for weighted in pod.affinity.preferred {
            if let v = nodeLabels[weighted.term.topologyKey] { ClusterSnapshot.decrement(&preferredAffinityIndex, weighted, v) }
        }
    }

    private static func decrement<K: Hashable>(_ index: inout [K: [String: Int]], _ key: K, _ value: String) {
        guard var counts = index[key], let n = counts[value] else { return }
        counts[value] = n > 1 ? n - 1 : nil
        index[key] = counts.isEmpty ? nil : counts
    }

    /// Pods a selector might match, from the label index: for each `In` requirement the union of its
    /// values' pods, the smallest such set. nil when the selector has no `In` requirement (every pod
    /// is a candidate).
    func candidatePods(for selector: LabelSelector) -> Set<Int>? {
        var best: Set<Int>? = nil
        for requirement in selector.requirements where requirement.op == .in {
            var union = Set<Int>()
            if requirement.values.count == 1 {
                // The common `matchLabels` case: share the index's set instead of copying it.
                union = podsByLabel[LabelPair(key: requirement.key, value: requirement.values[0])] ?? []
            } else {
                for value in requirement.values {
                    if let ids = podsByLabel[LabelPair(key: requirement.key, value: value)] { union.formUnion(ids) }
                }
            }
            if best == nil || union.count < best!.count { best = union }
            if union.isEmpty { break }
        }
        return best
    }

    /// Calls `body` with the id of every pod whose namespace and labels `term` selects.
    func forEachPod(selectedBy term: AffinityTerm, _ body: (Int) -> Void) {
        guard let selector = term.selector else { return }
        func check(_ id: Int) {
            guard let pod = pods[id] else { return }
            if term.matches(namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels) { body(id) }
        }
        if let candidates = candidatePods(for: selector) {
            for id in candidates { check(id) }
        } else {
            for id in pods.indices { check(id) }
        }
    }

    /// Calls `body` with every pod in `namespace` that `selector` matches and that is not being deleted
    /// (PodTopologySpread does not count terminating pods).
    func forEachLivePod(in namespace: String, selectedBy selector: LabelSelector, _ body: (Int) -> Void) {
        func check(_ id: Int) {
            guard let pod = pods[id], !pod.isTerminating, pod.namespace == namespace,
                selector.matches(labels: pod.labels)
            else { return }
            body(id)
        }
        if let candidates = candidatePods(for: selector) {
            for id in candidates { check(id) }
        } else {
            for id in pods.indices { check(id) }
        }
    }
}

import Resources

extension ClusterSnapshot {
    /// The topology value of the node a pod is on, for a key; nil when that node lacks the label.
    func topologyValue(ofPod id: Int, key: String) -> String? { nodes[podNode[id]].labels[key] }

    func podMatches(_ id: Int, _ term: AffinityTerm) -> Bool {
        guard let pod = pods[id] else { return false }
        return term.matches(namespace: pod.namespace, labels: pod.labels, namespaceLabels: namespaceLabels)
    }
}

extension AffinityTerm {
    func matches(_ pod: PodInfo, in snapshot: ClusterSnapshot) -> Bool {
        matches(namespace: pod.namespace, labels: pod.labels, namespaceLabels: snapshot.namespaceLabels)
    }
}

/// InterPodAffinity's PreFilter state: per topology value, how many existing pods the incoming pod's
/// required terms select, and which existing pods' required anti-affinity selects the incoming pod.
struct InterPodAffinityFilterState {
    var affinityTerms: [AffinityTerm]
    /// Per required affinity term: topology value → pods matching *all* the terms there.
    var affinityCounts: [[String: Int]]
    var anyAffinityMatch: Bool
    /// The pod matches its own required affinity terms: the first of a group may start it.
    var selfMatchesAffinity: Bool
    var antiTerms: [AffinityTerm]
    var antiCounts: [[String: Int]]
    /// The symmetry rule: for each existing required anti-affinity term that selects the incoming pod,
    /// its topology key and the topology values where pods holding it run.
    var existingAnti: [(key: String, counts: [String: Int])]

    init?(pod: PodInfo, snapshot: ClusterSnapshot) {
        affinityTerms = pod.affinity.required
        antiTerms = pod.affinity.requiredAnti
        existingAnti = snapshot.requiredAntiAffinityIndex.compactMap { term, counts in
            term.matches(pod, in: snapshot) ? (term.topologyKey, counts) : nil
        }
        if affinityTerms.isEmpty && antiTerms.isEmpty && existingAnti.isEmpty { return nil }
        affinityCounts = Array(repeating: [:], count: affinityTerms.count)
        anyAffinityMatch = false
        if let first = affinityTerms.first {
            let terms = affinityTerms
            var counts = affinityCounts
            var any = false
            snapshot.forEachPod(selectedBy: first) { id in
                guard terms.dropFirst().allSatisfy({ snapshot.podMatches(id, $0) }) else { return }
                for (i, term) in terms.enumerated() {
                    if let v = snapshot.topologyValue(ofPod: id, key: term.topologyKey) {
                        counts[i][v, default: 0] += 1
                        any = true
                    }
                }
            }
            affinityCounts = counts
            anyAffinityMatch = any
        }
        selfMatchesAffinity = affinityTerms.allSatisfy { $0.matches(pod, in: snapshot) }
        antiCounts = antiTerms.map { term in
            var counts: [String: Int] = [:]
            snapshot.forEachPod(selectedBy: term) { id in
                if let v = snapshot.topologyValue(ofPod: id, key: term.topologyKey) { counts[v, default: 0] += 1 }
            }
            return counts
        }
    }

    /// Affinity, then anti-affinity, then the existing pods' anti-affinity, as Kubernetes checks them.
    func filter(node: NodeRecord) -> String? {
        if !affinityTerms.isEmpty {
            var podsExist = true
            for (i, term) in affinityTerms.enumerated() {
                // Every topology key must be on the node, even for the first pod of a group.
                guard let v = node.labels[term.topologyKey] else { return FilterReason.podAffinity }
                if (affinityCounts[i][v] ?? 0) <= 0 { podsExist = false }
            }
            // No pod anywhere matches yet and the pod matches its own terms: let it start the group.
            if !podsExist && !(!anyAffinityMatch && selfMatchesAffinity) { return FilterReason.podAffinity }
        }
        for (i, term) in antiTerms.enumerated() {
            if let v = node.labels[term.topologyKey], (antiCounts[i][v] ?? 0) > 0 { return FilterReason.podAntiAffinity }
        }
        for (key, counts) in existingAnti {
            if let v = node.labels[key], (counts[v] ?? 0) > 0 { return FilterReason.existingAntiAffinity }
        }
        return nil
    }
}

/// InterPodAffinity's PreScore state: per topology key and value, the summed weights of preferred
/// terms (the incoming pod's over existing pods, and existing pods' over the incoming pod) plus
/// `hardPodAffinityWeight` for each existing pod whose required affinity selects the incoming pod.
struct InterPodAffinityScoreState {
    var topologyScore: [String: [String: Int64]] = [:]

    init?(pod: PodInfo, snapshot: ClusterSnapshot, hardPodAffinityWeight: Int64) {
        var score: [String: [String: Int64]] = [:]
        for weighted in pod.affinity.preferred {
            let key = weighted.term.topologyKey
            snapshot.forEachPod(selectedBy: weighted.term) { id in
                if let v = snapshot.topologyValue(ofPod: id, key: key) { score[key, default: [:]][v, default: 0] += weighted.weight }
            }
        }
        for (weighted, counts) in snapshot.preferredAffinityIndex where weighted.term.matches(pod, in: snapshot) {
            for (v, n) in counts { score[weighted.term.topologyKey, default: [:]][v, default: 0] += weighted.weight * Int64(n) }
        }
        if hardPodAffinityWeight > 0 {
            for (term, counts) in snapshot.requiredAffinityIndex where term.matches(pod, in: snapshot) {
                for (v, n) in counts { score[term.topologyKey, default: [:]][v, default: 0] += hardPodAffinityWeight * Int64(n) }
            }
        }
        if score.isEmpty { return nil }
        topologyScore = score
    }

    func rawScore(_ node: NodeRecord) -> Int64 {
        var total: Int64 = 0
        for (key, values) in topologyScore {
            if let v = node.labels[key] { total += values[v] ?? 0 }
        }
        return total
    }

    /// Min–max onto 0…100, as Kubernetes' NormalizeScore: raw −5, 0, 15 → 0, 25, 100; all equal → 0.
    static func normalize(_ raw: [Int64]) -> [Int64] {
        guard let lo = raw.min(), let hi = raw.max(), hi > lo else { return raw.map { _ in 0 } }
        return raw.map { Int64(100 * (Double($0 - lo) / Double(hi - lo))) }
    }
}

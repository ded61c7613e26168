import FoundationEssentials
import Glibc
import Resources

extension SpreadConstraint {
    /// Whether a node forms a domain for this constraint under its inclusion policies
    /// (Kubernetes' `matchNodeInclusionPolicies`).
    func includes(_ node: NodeRecord, for pod: PodInfo) -> Bool {
        if honorNodeAffinity && !pod.requiredNodeAffinity.matches(labels: node.labels, nodeName: node.name) {
            return false
        }
        if honorNodeTaints && pod.tolerations.firstUntolerated(node.blockingTaints) != nil { return false }
        return true
    }

    /// Matching pods (same namespace as the incoming pod, not terminating) per node index.
    func matchingPodsPerNode(for pod: PodInfo, in snapshot: ClusterSnapshot) -> [Int: Int] {
        var perNode: [Int: Int] = [:]
        guard let selector else { return perNode }
        snapshot.forEachLivePod(in: pod.namespace, selectedBy: selector) { id in perNode[snapshot.podNode[id], default: 0] += 1 }
        return perNode
    }
}

extension NodeRecord {
    func hasAllTopologyKeys(_ constraints: [SpreadConstraint]) -> Bool {
        constraints.allSatisfy { labels[$0.topologyKey] != nil }
    }
}

/// PodTopologySpread's PreFilter state for DoNotSchedule constraints: matching pods per domain over
/// every node that has all the constraints' topology keys and passes the inclusion policies.
struct SpreadFilterState {
    var constraints: [SpreadConstraint]
    /// Per constraint: topology value → matching pods there.
    var counts: [[String: Int]]
    /// Per constraint: the global minimum the skew is measured from; 0 while there are fewer domains
    /// than minDomains.
    var minimum: [Int]

    init?(pod: PodInfo, snapshot: ClusterSnapshot) {
        constraints = pod.spreadConstraints.filter(\.hard)
        if constraints.isEmpty { return nil }
        let perNode = constraints.map { $0.matchingPodsPerNode(for: pod, in: snapshot) }
        counts = Array(repeating: [:], count: constraints.count)
        for (j, node) in snapshot.nodes.enumerated() where node.hasAllTopologyKeys(constraints) {
            for (i, c) in constraints.enumerated() where c.includes(node, for: pod) {
                counts[i][node.labels[c.topologyKey]!, default: 0] += perNode[i][j] ?? 0
            }
        }
        minimum = zip(constraints, counts).map { c, domains in
            // No domain at all: nothing to be skewed against (Kubernetes starts from MaxInt32).
            domains.count < c.minDomains ? 0 : (domains.values.min() ?? Int.max)
        }
    }

    /// Worked through: zones a/b/c hold 2/1/1 matching pods, maxSkew 1, the pod matches itself.
    /// Zone a: 2 + 1 − 1 = 2 > 1, rejected; zone b: 1 + 1 − 1 = 1, accepted.
    func filter(pod: PodInfo, node: NodeRecord) -> String? {
        for (i, c) in constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else { return FilterReason.topologySpreadMissingLabel }
            let selfMatch = c.selects(pod.labels) ? 1 : 0
            let skew = (counts[i][value] ?? 0) + selfMatch - minimum[i]
            if skew > c.maxSkew { return FilterReason.topologySpread }
        }
        return nil
    }
}

/// PodTopologySpread's PreScore state for ScheduleAnyway constraints.
struct SpreadScoreState {
    var constraints: [SpreadConstraint]
    /// Feasible nodes that lack a topology key while the pod constrains node labels: scored 0.
    var ignored: Set<Int>
    /// Per constraint (not hostname): topology value → matching pods, for domains of feasible nodes.
    var counts: [[String: Int]]
    /// Per constraint: matching pods per node index (what hostname constraints count).
    var perNode: [[Int: Int]]
    /// Per constraint: log(domains + 2), so a constraint over many domains weighs more per pod.
    var weights: [Double]

    init?(pod: PodInfo, snapshot: ClusterSnapshot, feasible: [Int]) {
        constraints = pod.spreadConstraints.filter { !$0.hard }
        if constraints.isEmpty { return nil }
        let requireAllTopologies = pod.requiredNodeAffinity.isConstraining
        ignored = []
        counts = Array(repeating: [:], count: constraints.count)
        for j in feasible {
            let node = snapshot.nodes[j]
            if requireAllTopologies && !node.hasAllTopologyKeys(constraints) {
                ignored.insert(j)
                continue
            }
            // A node without the key registers the "" domain, as Kubernetes' map lookup does.
            for (i, c) in constraints.enumerated() where c.topologyKey != SpreadConstraint.hostnameKey {
                if counts[i][node.labels[c.topologyKey] ?? ""] == nil { counts[i][node.labels[c.topologyKey] ?? ""] = 0 }
            }
        }
        perNode = constraints.map { $0.matchingPodsPerNode(for: pod, in: snapshot) }
        for (j, node) in snapshot.nodes.enumerated() where node.hasAllTopologyKeys(constraints) {
            for (i, c) in constraints.enumerated() where c.topologyKey != SpreadConstraint.hostnameKey && c.includes(node, for: pod) {
                let value = node.labels[c.topologyKey]!
                if counts[i][value] != nil { counts[i][value]! += perNode[i][j] ?? 0 }
            }
        }
        let scoredNodes = feasible.count - ignored.count
        weights = zip(constraints, counts).map { c, domains in
            log(Double((c.topologyKey == SpreadConstraint.hostnameKey ? scoredNodes : domains.count) + 2))
        }
    }

    /// Lower is better before normalising: Σ matching × weight + (maxSkew − 1). nil for an ignored node.
    func rawScore(_ j: Int, node: NodeRecord) -> Int64? {
        if ignored.contains(j) { return nil }
        var score = 0.0
        for (i, c) in constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else { continue }
            let count = c.topologyKey == SpreadConstraint.hostnameKey ? (perNode[i][j] ?? 0) : (counts[i][value] ?? 0)
            score += Double(count) * weights[i] + Double(c.maxSkew - 1)
        }
        return Int64(score.rounded())
    }

    /// Kubernetes' NormalizeScore: 100 × (max + min − s) / max; all zero → 100; ignored nodes → 0.
    /// Worked through: raw 0, 3, 6 → 100 × (6+0−0)/6 = 100, 100 × 3/6 = 50, 0.
    static func normalize(_ raw: [Int64?]) -> [Int64] {
        let scored = raw.compactMap { $0 }
        let minimum = scored.min() ?? 0
        let maximum = max(scored.max() ?? 0, 0)
        return raw.map { s in
            guard let s else { return 0 }
            if maximum == 0 { return 100 }
            return 100 * (maximum + minimum - s) / maximum
        }
    }
}

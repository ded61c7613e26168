import Resources

/// Places one pod at a time, as kube-scheduler's default profile does: filter nodes (stopping once
/// enough are feasible), score the feasible ones, take the highest total.
///
/// The scheduler keeps two pieces of state between decisions, which is why `schedule` is mutating:
/// the rotating index the node search starts from (Kubernetes' `nextStartNodeIndex`, so that a
/// partial search does not always favour the first nodes) and the tie-breaking generator.
public struct Scheduler: Sendable {
    public let configuration: SchedulerConfiguration
    /// Where the next search for feasible nodes starts.
    public private(set) var nextStartNodeIndex = 0
    private var generator: SplitMix64?

    public init(configuration: SchedulerConfiguration = .default) {
        self.configuration = configuration
        if case .random(let seed) = configuration.tieBreak { generator = SplitMix64(seed: seed) }
    }

    /// Picks a node for the pod, or says why none fits. The snapshot is not changed: add the pod to it
    /// (`add(pod:to:)`) before scheduling the next one of a batch.
    public mutating func schedule(_ pod: Value, in snapshot: ClusterSnapshot) -> ScheduleResult {
        let count = snapshot.nodes.count
        guard count > 0 else { return .unschedulable(FitFailure(reasons: [:], nodeCount: 0)) }
        let cycle = SchedulingCycle(pod: PodInfo(pod), snapshot: snapshot)
        let wanted = configuration.feasibleNodesToFind(amongNodes: count)
        let search = findFeasibleNodes(cycle, from: nextStartNodeIndex, wanted: wanted)
        nextStartNodeIndex = (nextStartNodeIndex + search.examined) % count
        if search.feasible.isEmpty { return .unschedulable(FitFailure(reasons: search.reasons, nodeCount: count)) }
        // One feasible node needs no scoring.
        if search.feasible.count == 1 { return .scheduled(node: snapshot.nodes[search.feasible[0]].name) }
        let totals = cycle.scoreTable(feasible: search.feasible, configuration: configuration).totals
        return .scheduled(node: snapshot.nodes[search.feasible[selectHost(totals)]].name)
    }

    /// Every feasible node with its total and each plugin's normalised score, in node order; the whole
    /// cluster is searched. For explaining a decision (`describe`, tests), not for the hot path.
    public func scores(for pod: Value, in snapshot: ClusterSnapshot) -> [NodeScore] {
        let cycle = SchedulingCycle(pod: PodInfo(pod), snapshot: snapshot)
        let feasible = findFeasibleNodes(cycle, from: 0, wanted: snapshot.nodes.count).feasible
        let table = cycle.scoreTable(feasible: feasible, configuration: configuration)
        let totals = table.totals
        return feasible.enumerated().map { i, j in
            var plugins: [String: Int64] = [:]
            for column in table.columns { plugins[column.plugin] = column.scores[i] }
            return NodeScore(node: snapshot.nodes[j].name, total: totals.isEmpty ? 0 : totals[i], plugins: plugins)
        }
    }

    /// Kubernetes' `findNodesThatPassFilters`, sequential: examine nodes from `start` round the ring
    /// until `wanted` are feasible or all were examined; count each failing node's reasons.
    private func findFeasibleNodes(_ cycle: SchedulingCycle, from start: Int, wanted: Int)
        -> (feasible: [Int], reasons: [String: Int], examined: Int)
    {
        let count = cycle.snapshot.nodes.count
        var feasible: [Int] = []
        feasible.reserveCapacity(min(wanted, count))
        var reasons: [String: Int] = [:]
        var examined = 0
        while examined < count && feasible.count < wanted {
            let j = (start + examined) % count
            examined += 1
            if let failed = cycle.filter(j) {
                for reason in failed { reasons[reason, default: 0] += 1 }
            } else {
                feasible.append(j)
            }
        }
        return (feasible, reasons, examined)
    }

    /// The index of a highest total: the first in examination order, or one drawn uniformly among the
    /// tied by reservoir sampling (Kubernetes' `selectHost`).
    private mutating func selectHost(_ totals: [Int64]) -> Int {
        var best = 0
        var tied = 1
        for i in totals.indices.dropFirst() {
            if totals[i] > totals[best] {
                best = i
                tied = 1
            } else if totals[i] == totals[best], generator != nil {
                tied += 1
                if generator!.next() % UInt64(tied) == 0 { best = i }
            }
        }
        return best
    }
}

/// A feasible node's scores: the weighted total and each plugin's normalised 0–100 score (plugins
/// skipped for this pod are absent).
public struct NodeScore: Sendable, Hashable {
    public var node: String
    public var total: Int64
    public var plugins: [String: Int64]
}

/// A small seeded generator (SplitMix64): the same seed gives the same tie-breaks on every platform.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

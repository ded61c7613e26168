/// How the scheduler ranks nodes and how far it searches: kube-scheduler's default profile unless told
/// otherwise.
public struct SchedulerConfiguration: Sendable, Hashable {
    /// NodeResourcesFit's scoring strategy.
    public enum Scoring: Sendable, Hashable {
        /// Prefer the emptiest node: pods spread out (Kubernetes' default).
        case leastAllocated
        /// Prefer the fullest node that still fits: pods pack together (bin packing).
        case mostAllocated
    }

    /// How one node is picked among nodes with the same highest total score.
    public enum TieBreak: Sendable, Hashable {
        /// The first of the tied nodes in the order they were examined. Deterministic; because the
        /// search starts from a rotating index, ties still move around the cluster.
        case examinationOrder
        /// Uniformly among the tied nodes, as Kubernetes' `selectHost` does with reservoir sampling, from
        /// a seeded generator so that a run can be repeated.
        case random(seed: UInt64)
    }

    /// The weight each score plugin's 0–100 score is multiplied by before the scores are summed.
    public struct Weights: Sendable, Hashable {
        public var taintToleration: Int64
        public var nodeAffinity: Int64
        public var podTopologySpread: Int64
        public var interPodAffinity: Int64
        public var nodeResourcesFit: Int64
        public var balancedAllocation: Int64

        /// Kubernetes' default profile: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
        /// InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1.
        public init(
            taintToleration: Int64 = 3, nodeAffinity: Int64 = 2, podTopologySpread: Int64 = 2,
            interPodAffinity: Int64 = 2, nodeResourcesFit: Int64 = 1, balancedAllocation: Int64 = 1
        ) {
            self.taintToleration = taintToleration
            self.nodeAffinity = nodeAffinity
            self.podTopologySpread = podTopologySpread
            self.interPodAffinity = interPodAffinity
            self.nodeResourcesFit = nodeResourcesFit
            self.balancedAllocation = balancedAllocation
        }

        var all: [Int64] {
            [taintToleration, nodeAffinity, podTopologySpread, interPodAffinity, nodeResourcesFit, balancedAllocation]
        }
    }

    public var scoring: Scoring
    /// Stop looking for feasible nodes once this share of the cluster has been found feasible.
    /// nil (or 0) is Kubernetes' adaptive default: 50 % − 1 % per 125 nodes, at least 5 %, and never
    /// fewer than 100 nodes.
    public var percentageOfNodesToScore: Int?
    public var weights: Weights
    public var tieBreak: TieBreak
    /// What an existing pod's *required* affinity to the incoming pod adds to InterPodAffinity's
    /// score (Kubernetes' `hardPodAffinityWeight`, default 1).
    public var hardPodAffinityWeight: Int64

    /// The default profile: LeastAllocated, adaptive search, default weights, ties by examination order.
    public static let `default` = SchedulerConfiguration(
        uncheckedScoring: .leastAllocated, percentage: nil, weights: Weights(), tieBreak: .examinationOrder,
        hardPodAffinityWeight: 1)

    /// Checks the numbers as kube-scheduler's configuration validation does.
    public init(
        scoring: Scoring = .leastAllocated, percentageOfNodesToScore: Int? = nil, weights: Weights = Weights(),
        tieBreak: TieBreak = .examinationOrder, hardPodAffinityWeight: Int64 = 1
    ) throws(SchedulerConfigurationError) {
        if let p = percentageOfNodesToScore, !(0...100).contains(p) {
            throw SchedulerConfigurationError("percentageOfNodesToScore must be between 0 and 100, found \(p)")
        }
        if let negative = weights.all.first(where: { $0 < 0 }) {
            throw SchedulerConfigurationError("plugin weights must not be negative, found \(negative)")
        }
        guard (0...100).contains(hardPodAffinityWeight) else {
            throw SchedulerConfigurationError("hardPodAffinityWeight must be between 0 and 100, found \(hardPodAffinityWeight)")
        }
        self.init(
            uncheckedScoring: scoring, percentage: percentageOfNodesToScore, weights: weights, tieBreak: tieBreak,
            hardPodAffinityWeight: hardPodAffinityWeight)
    }

    private init(uncheckedScoring: Scoring, percentage: Int?, weights: Weights, tieBreak: TieBreak, hardPodAffinityWeight: Int64) {
        self.scoring = uncheckedScoring
        self.percentageOfNodesToScore = percentage
        self.weights = weights
        self.tieBreak = tieBreak
        self.hardPodAffinityWeight = hardPodAffinityWeight
    }

    /// How many feasible nodes to find before scoring (Kubernetes' `numFeasibleNodesToFind`).
    ///
    /// Worked through: 5,000 nodes, adaptive → 50 − 5000/125 = 10 % → 500 nodes; 20,000 nodes →
    /// 50 − 160 < 5 → 5 % → 1,000; 150 nodes → 50 − 1 = 49 % → 73, raised to the floor of 100;
    /// under 100 nodes every node is examined.
    public func feasibleNodesToFind(amongNodes count: Int) -> Int {
        let minimumNodes = 100
        let minimumPercentage = 5
        if count < minimumNodes { return count }
        var percentage = percentageOfNodesToScore ?? 0
        if percentage == 0 {
            percentage = max(50 - count / 125, minimumPercentage)
        }
        if percentage >= 100 { return count }
        return max(count * percentage / 100, minimumNodes)
    }
}

/// A scheduler configuration that kube-scheduler would refuse.
public struct SchedulerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

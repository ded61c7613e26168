import Resources

/// The normalised 0–100 scores of each score plugin that ran, over the feasible nodes.
struct ScoreTable {
    struct Column {
        var plugin: String
        var weight: Int64
        var scores: [Int64]
    }

    var columns: [Column] = []

    /// Σ weight × score per node.
    var totals: [Int64] {
        guard let first = columns.first else { return [] }
        var totals = [Int64](repeating: 0, count: first.scores.count)
        for column in columns {
            for (i, s) in column.scores.enumerated() { totals[i] += column.weight * s }
        }
        return totals
    }
}

extension SchedulingCycle {
    /// Runs the score plugins over the feasible nodes. A plugin with nothing to say for this pod (no
    /// preferred terms, no ScheduleAnyway constraints, no requests for BalancedAllocation) is skipped,
    /// as its PreScore returns Skip in Kubernetes.
    func scoreTable(feasible: [Int], configuration: SchedulerConfiguration) -> ScoreTable {
        let weights = configuration.weights
        var table = ScoreTable()
        table.columns.append(.init(plugin: "TaintToleration", weight: weights.taintToleration, scores: taintScores(feasible)))
        if !pod.preferredNodeTerms.isEmpty {
            let raw = feasible.map { j in
                let node = snapshot.nodes[j]
                return pod.preferredNodeTerms.reduce(Int64(0)) { sum, preferred in
                    sum + (preferred.term.matches(labels: node.labels, nodeName: node.name) ? preferred.weight : 0)
                }
            }
            table.columns.append(
                .init(plugin: "NodeAffinity", weight: weights.nodeAffinity, scores: ResourceScores.normalize(raw, reverse: false)))
        }
        if let spread = SpreadScoreState(pod: pod, snapshot: snapshot, feasible: feasible) {
            let raw = feasible.map { spread.rawScore($0, node: snapshot.nodes[$0]) }
            table.columns.append(
                .init(plugin: "PodTopologySpread", weight: weights.podTopologySpread, scores: SpreadScoreState.normalize(raw)))
        }
        if let affinity = InterPodAffinityScoreState(
            pod: pod, snapshot: snapshot, hardPodAffinityWeight: configuration.hardPodAffinityWeight)
        {
            let raw = feasible.map { affinity.rawScore(snapshot.nodes[$0]) }
            table.columns.append(
                .init(plugin: "InterPodAffinity", weight: weights.interPodAffinity, scores: InterPodAffinityScoreState.normalize(raw)))
        }
        table.columns.append(
            .init(plugin: "NodeResourcesFit", weight: weights.nodeResourcesFit, scores: fitScores(feasible, configuration.scoring)))
        if !pod.requestsNothing {
            table.columns.append(
                .init(plugin: "NodeResourcesBalancedAllocation", weight: weights.balancedAllocation, scores: balancedScores(feasible)))
        }
        return table
    }

    /// Untolerated PreferNoSchedule taints per node, fewer is better. Only tolerations whose effect is
    /// PreferNoSchedule or empty count here, as in Kubernetes.
    func taintScores(_ feasible: [Int]) -> [Int64] {
        let tolerations = pod.tolerations.filter { $0.effect.isEmpty || $0.effect == Taint.preferNoSchedule }
        let raw = feasible.map { j in
            Int64(snapshot.nodes[j].preferTaints.count { !tolerations.tolerate($0) })
        }
        return ResourceScores.normalize(raw, reverse: true)
    }

    /// LeastAllocated or MostAllocated over requests with the non-zero defaults (100m, 200 MiB).
    func fitScores(_ feasible: [Int], _ scoring: SchedulerConfiguration.Scoring) -> [Int64] {
        feasible.map { j in
            let node = snapshot.nodes[j]
            let cpu = ResourceUse(requested: node.scoringCPUMilli + pod.scoringCPUMilli, allocatable: node.allocatable.cpuMilli)
            let memory = ResourceUse(
                requested: node.scoringMemoryBytes + pod.scoringMemoryBytes, allocatable: node.allocatable.memoryBytes)
            switch scoring {
            case .leastAllocated: return ResourceScores.leastAllocated(cpu, memory)
            case .mostAllocated: return ResourceScores.mostAllocated(cpu, memory)
            }
        }
    }

    /// BalancedAllocation over the actual requests (no defaults), pod included.
    func balancedScores(_ feasible: [Int]) -> [Int64] {
        feasible.map { j in
            let node = snapshot.nodes[j]
            return ResourceScores.balanced(
                ResourceUse(requested: node.requested.cpuMilli + pod.requests.cpuMilli, allocatable: node.allocatable.cpuMilli),
                ResourceUse(
                    requested: node.requested.memoryBytes + pod.requests.memoryBytes, allocatable: node.allocatable.memoryBytes))
        }
    }
}

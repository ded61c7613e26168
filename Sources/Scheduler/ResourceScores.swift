/// How much of one resource a node would have in use with the pod on it.
struct ResourceUse: Sendable, Hashable {
    var requested: Int64
    var allocatable: Int64
}

/// NodeResourcesFit's and NodeResourcesBalancedAllocation's scores over CPU and memory (Kubernetes'
/// default resources, weight 1 each), in Kubernetes' integer arithmetic.
enum ResourceScores {
    static let maxNodeScore: Int64 = 100

    /// LeastAllocated: (allocatable − requested) × 100 / allocatable per resource, averaged; a resource
    /// the node does not have is left out.
    ///
    /// Worked through: 4 CPU / 8 GiB node already running 1 CPU / 2 GiB, pod asks 1 CPU / 2 GiB →
    /// CPU (4000 − 2000) × 100 / 4000 = 50, memory (8 − 4) × 100 / 8 = 50 → 50.
    static func leastAllocated(_ cpu: ResourceUse, _ memory: ResourceUse) -> Int64 {
        average(cpu, memory) { req, cap in req > cap ? 0 : (cap - req) * maxNodeScore / cap }
    }

    /// MostAllocated: requested × 100 / allocatable (requested capped at allocatable), averaged.
    /// Same node as above → 50; with 3 CPU already running → (4000 × 100 / 4000 + 50) / 2 = 75.
    static func mostAllocated(_ cpu: ResourceUse, _ memory: ResourceUse) -> Int64 {
        average(cpu, memory) { req, cap in min(req, cap) * maxNodeScore / cap }
    }

    @inline(__always)
    private static func average(_ a: ResourceUse, _ b: ResourceUse, _ score: (Int64, Int64) -> Int64) -> Int64 {
        var total: Int64 = 0
        var weights: Int64 = 0
        for use in [a, b] where use.allocatable > 0 {
            total += score(use.requested, use.allocatable)
            weights += 1
        }
        return weights == 0 ? 0 : total / weights
    }

    /// BalancedAllocation: (1 − standard deviation of the used fractions) × 100, truncated. With two
    /// resources the deviation is |a − b| / 2: CPU at 0.5 and memory at 0.25 → (1 − 0.125) × 100 = 87.5 → 87.
    static func balanced(_ cpu: ResourceUse, _ memory: ResourceUse) -> Int64 {
        let fractions = [cpu, memory].compactMap { use -> Double? in
            use.allocatable > 0 ? min(Double(use.requested) / Double(use.allocatable), 1) : nil
        }
        // One resource (or none) has no spread to measure.
        let deviation = fractions.count == 2 ? abs((fractions[0] - fractions[1]) / 2) : 0
        return Int64((1 - deviation) * Double(maxNodeScore))
    }

    /// Kubernetes' `DefaultNormalizeScore`: scale so the highest is 100; `reverse` turns "more is
    /// worse" counts into scores. Worked through, reversed: counts 0, 1, 2 → 100, 50, 0; all 0 → 100.
    static func normalize(_ raw: [Int64], reverse: Bool) -> [Int64] {
        let highest = raw.max() ?? 0
        if highest == 0 { return raw.map { _ in reverse ? maxNodeScore : 0 } }
        return raw.map { s in
            let scaled = maxNodeScore * s / highest
            return reverse ? maxNodeScore - scaled : scaled
        }
    }
}

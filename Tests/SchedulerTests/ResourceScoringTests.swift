import Resources
import Testing

@testable import Scheduler

@Suite struct ResourceScoringTests {
    /// 4 pods of 1 CPU onto 2 nodes of 4 CPU, each pod added to the snapshot before the next decision.
    /// LeastAllocated alternates (the emptier node always scores higher): 2/2.
    /// MostAllocated keeps filling the fuller node: 4/0.
    @Test(arguments: [
        (SchedulerConfiguration.Scoring.leastAllocated, ["a": 2, "b": 2]),
        (.mostAllocated, ["a": 4]),
    ])
    func spreadingVersusBinPacking(scoring: SchedulerConfiguration.Scoring, expected: [String: Int]) throws {
        var scheduler = Scheduler(configuration: try SchedulerConfiguration(scoring: scoring))
        var snapshot = ClusterSnapshot(nodes: [Fixture.node("a"), Fixture.node("b")])
        let pods = (1...4).map { Fixture.pod("p\($0)", cpu: "1", memory: "1Gi") }
        let placed = Fixture.placeAll(pods, scheduler: &scheduler, snapshot: &snapshot)
        var perNode: [String: Int] = [:]
        for node in placed { perNode[node ?? "none", default: 0] += 1 }
        #expect(perNode == expected)
    }

    /// The score functions with worked numbers (CPU in millicores, memory in bytes).
    @Test(arguments: [
        // (CPU req, CPU alloc, mem req, mem alloc) → least, most, balanced
        // 2000/4000 and 4/8: least 50, most 50, fractions equal → balanced 100
        (2000, 4000, 4, 8, 50, 50, 100),
        // 1000/4000 → least 75, most 25; 6/8 → least 25, most 75; averages 50 and 50;
        // fractions 0.25 and 0.75 → deviation 0.25 → balanced 75
        (1000, 4000, 6, 8, 50, 50, 75),
        // 3000/4000: least 25 most 75; 2/8: least 75 most 25; fractions .75/.25 → 75
        (3000, 4000, 2, 8, 50, 50, 75),
        // 2000/4000 and 2/8: least (50 + 75) / 2 = 62, most (50 + 25) / 2 = 37; .5/.25 → 87
        (2000, 4000, 2, 8, 62, 37, 87),
        // over-committed CPU 5000/4000: least 0, most capped 100; memory 0/8: least 100, most 0;
        // fraction capped at 1 vs 0 → deviation 0.5 → 50
        (5000, 4000, 0, 8, 50, 50, 50),
        // a node without memory: only CPU counts → least 50, most 50, one fraction → balanced 100
        (2000, 4000, 0, 0, 50, 50, 100),
    ] as [(Int64, Int64, Int64, Int64, Int64, Int64, Int64)])
    func scoreNumbers(cpu: Int64, cpuAlloc: Int64, mem: Int64, memAlloc: Int64, least: Int64, most: Int64, balanced: Int64) {
        let c = ResourceUse(requested: cpu, allocatable: cpuAlloc)
        let m = ResourceUse(requested: mem, allocatable: memAlloc)
        #expect(ResourceScores.leastAllocated(c, m) == least)
        #expect(ResourceScores.mostAllocated(c, m) == most)
        #expect(ResourceScores.balanced(c, m) == balanced)
    }

    /// Through the scheduler: node a runs 1 CPU / 1 GiB of 4 CPU / 8 GiB; the pod asks 1 CPU / 3 GiB.
    /// a: CPU 2000/4000, memory 4/8 GiB → least 50, balanced 100.
    /// b (empty): CPU 1000/4000 → 75, memory 3/8 → (8−3)×100/8 = 62 → least (75+62)/2 = 68;
    /// fractions 0.25 and 0.375 → deviation 0.0625 → balanced 93.
    @Test func balancedAllocationThroughScheduler() {
        let snapshot = ClusterSnapshot(
            nodes: [Fixture.node("a"), Fixture.node("b")], pods: [Fixture.pod("q", cpu: "1", memory: "1Gi", nodeName: "a")])
        let scores = Scheduler().scores(for: Fixture.pod("p", cpu: "1", memory: "3Gi"), in: snapshot)
        #expect(scores.map { $0.plugins["NodeResourcesBalancedAllocation"] } == [100, 93])
        #expect(scores.map { $0.plugins["NodeResourcesFit"] } == [50, 68])
        // Totals: taint 100 × 3 + fit + balanced → a 300 + 50 + 100 = 450, b 300 + 68 + 93 = 461.
        #expect(scores.map(\.total) == [450, 461])
    }

    /// Pods without requests score as 100m / 200 MiB each, so they still spread; BalancedAllocation is
    /// skipped for them (Kubernetes skips best-effort pods there).
    /// Node a runs one such pod: CPU 200/4000 → 95, memory 400 MiB of 8 GiB → 95 → 95; b: 97, 97 → 97.
    @Test func podsWithoutRequestsUseDefaultsForScoring() {
        let snapshot = ClusterSnapshot(nodes: [Fixture.node("a"), Fixture.node("b")], pods: [Fixture.pod("q", nodeName: "a")])
        let scores = Scheduler().scores(for: Fixture.pod("p"), in: snapshot)
        #expect(scores.map { $0.plugins["NodeResourcesFit"] } == [95, 97])
        #expect(scores.allSatisfy { $0.plugins["NodeResourcesBalancedAllocation"] == nil })
        var scheduler = Scheduler()
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("p"), in: snapshot)) == "b")
        // For the filter the default does not count: a 4 CPU node full to the last millicore of
        // requests still takes a pod without requests.
        let full = ClusterSnapshot(nodes: [Fixture.node("a")], pods: [Fixture.pod("q", cpu: "4", nodeName: "a")])
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("p"), in: full)) == "a")
    }

    @Test(arguments: [
        ([0, 1, 2] as [Int64], true, [100, 50, 0] as [Int64]),
        ([0, 0] as [Int64], true, [100, 100] as [Int64]),
        ([20, 60, 0] as [Int64], false, [33, 100, 0] as [Int64]),
        ([0, 0] as [Int64], false, [0, 0] as [Int64]),
    ])
    func defaultNormalize(raw: [Int64], reverse: Bool, expected: [Int64]) {
        #expect(ResourceScores.normalize(raw, reverse: reverse) == expected)
    }
}

import Resources
import Testing

@testable import Scheduler

@Suite struct SearchAndSnapshotTests {
    /// Kubernetes' numFeasibleNodesToFind with worked numbers.
    @Test(arguments: [
        (nil, 50, 50),  // under 100 nodes: all
        (nil, 150, 100),  // 50 − 1 = 49 % → 73, floor of 100
        (nil, 1_000, 420),  // 50 − 8 = 42 %
        (nil, 5_000, 500),  // 50 − 40 = 10 %
        (nil, 20_000, 1_000),  // 50 − 160 < 5 → 5 %
        (0, 5_000, 500),  // 0 means adaptive too
        (30, 5_000, 1_500),
        (1, 5_000, 100),  // 50 nodes raised to the floor
        (100, 5_000, 5_000),
    ] as [(Int?, Int, Int)])
    func feasibleNodesToFind(percentage: Int?, nodes: Int, expected: Int) throws {
        let configuration = try SchedulerConfiguration(percentageOfNodesToScore: percentage)
        #expect(configuration.feasibleNodesToFind(amongNodes: nodes) == expected)
    }

    @Test func configurationValidation() {
        #expect(throws: SchedulerConfigurationError.self) { try SchedulerConfiguration(percentageOfNodesToScore: 101) }
        #expect(throws: SchedulerConfigurationError.self) { try SchedulerConfiguration(weights: .init(nodeAffinity: -1)) }
        #expect(throws: SchedulerConfigurationError.self) { try SchedulerConfiguration(hardPodAffinityWeight: 101) }
    }

    /// 300 identical nodes at 10 % → 30, raised to the floor of 100 to find: the search examines 100,
    /// the next one starts at 100, then 200, then wraps to 0; each pick is the first node examined (all
    /// tie), so picks rotate too. (Adaptive would be 50 − 300/125 = 48 % → 144.)
    @Test func searchStartsFromARotatingIndex() throws {
        let snapshot = ClusterSnapshot(nodes: (0..<300).map { Fixture.node("n\($0)") })
        var scheduler = Scheduler(configuration: try SchedulerConfiguration(percentageOfNodesToScore: 10))
        var picks: [String?] = []
        var starts: [Int] = []
        for i in 0..<4 {
            picks.append(Fixture.node(of: scheduler.schedule(Fixture.pod("p\(i)"), in: snapshot)))
            starts.append(scheduler.nextStartNodeIndex)
        }
        #expect(starts == [100, 200, 0, 100])
        #expect(picks == ["n0", "n100", "n200", "n0"])
    }

    /// Seeded random tie-breaking repeats with the same seed and spreads over tied nodes.
    @Test func seededTieBreak() throws {
        let snapshot = ClusterSnapshot(nodes: (0..<10).map { Fixture.node("n\($0)") })
        func picks(seed: UInt64) throws -> [String?] {
            var scheduler = Scheduler(configuration: try SchedulerConfiguration(tieBreak: .random(seed: seed)))
            return (0..<20).map { Fixture.node(of: scheduler.schedule(Fixture.pod("p\($0)"), in: snapshot)) }
        }
        let first = try picks(seed: 7)
        #expect(try picks(seed: 7) == first)
        #expect(Set(first.compactMap { $0 }).count > 3)
    }

    /// Adding, moving and removing pods keeps the node aggregates right.
    @Test func podAccounting() {
        var snapshot = ClusterSnapshot(nodes: [Fixture.node("a"), Fixture.node("b")])
        let pod = Fixture.pod("p", cpu: "3")
        let added = snapshot.add(pod: pod, to: "a")
        let addedNowhere = snapshot.add(pod: pod, to: "nowhere")
        #expect(added && !addedNowhere)
        #expect(snapshot.podCount(onNode: "a") == 1)
        var scheduler = Scheduler()
        // 3 of 4 CPU used on a: a 2 CPU pod goes to b.
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("q", cpu: "2"), in: snapshot)) == "b")
        // Adding the same pod to b moves it.
        snapshot.add(pod: pod, to: "b")
        #expect(snapshot.podCount(onNode: "a") == 0 && snapshot.podCount(onNode: "b") == 1)
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("q", cpu: "2"), in: snapshot)) == "a")
        snapshot.remove(pod: pod)
        #expect(snapshot.podCount == 0)
        #expect(snapshot.nodes.allSatisfy { $0.requested.cpuMilli == 0 && $0.scoringCPUMilli == 0 })
    }

    /// Updating a node keeps its pods and re-reads taints; relabelling moves anti-affinity counts to
    /// the new topology value.
    @Test func nodeUpdates() {
        var snapshot = ClusterSnapshot(nodes: [Fixture.node("a", labels: ["zone": "x"]), Fixture.node("b", labels: ["zone": "y"])])
        let zonal = Fixture.pod("z1", labels: ["app": "z"], spec: [
            "affinity": ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                Fixture.podAffinityTerm(["app": "z"], topologyKey: "zone")
            ]]]
        ])
        snapshot.add(pod: zonal, to: "a")
        var scheduler = Scheduler()
        var second = zonal
        second[path: ["metadata", "name"]] = "z2"
        #expect(Fixture.node(of: scheduler.schedule(second, in: snapshot)) == "b")
        // Node a moves into zone y: now both nodes are in the zone holding z1.
        snapshot.update(node: Fixture.node("a", labels: ["zone": "y"]))
        #expect(snapshot.podCount(onNode: "a") == 1)
        #expect(Fixture.failure(scheduler.schedule(second, in: snapshot))?.reasons == ["node(s) didn't match pod anti-affinity rules": 2])
        // Cordoning b and removing a.
        snapshot.update(node: Fixture.node("b", labels: ["zone": "q"], unschedulable: true))
        snapshot.remove(nodeNamed: "a")
        #expect(snapshot.nodeNames == ["b"] && snapshot.podCount == 0)
        #expect(Fixture.failure(scheduler.schedule(second, in: snapshot))?.message == "0/1 nodes are available: 1 node(s) were unschedulable.")
    }

    /// namespaceSelector terms see Namespace labels given to the snapshot.
    @Test func namespaceSelector() {
        let nodes = [Fixture.node("a")]
        let prodPod = Fixture.pod("x", namespace: "shop", labels: ["app": "web"], nodeName: "a")
        let namespaces: [Value] = [["metadata": ["name": "shop", "labels": ["env": "prod"]]]]
        let snapshot = ClusterSnapshot(nodes: nodes, pods: [prodPod], namespaces: namespaces)
        func pod(_ selector: Value) -> Value {
            Fixture.pod("p", labels: ["app": "web"], spec: [
                "affinity": ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                    ["labelSelector": Fixture.selector(["app": "web"]), "topologyKey": "kubernetes.io/hostname", "namespaceSelector": selector]
                ]]]
            ])
        }
        var scheduler = Scheduler()
        #expect(Fixture.failure(scheduler.schedule(pod(Fixture.selector(["env": "prod"])), in: snapshot)) != nil)
        #expect(Fixture.node(of: scheduler.schedule(pod(Fixture.selector(["env": "dev"])), in: snapshot)) == "a")
        #expect(Fixture.failure(scheduler.schedule(pod(Fixture.selector(["kubernetes.io/metadata.name": "shop"])), in: snapshot)) != nil)
    }
}

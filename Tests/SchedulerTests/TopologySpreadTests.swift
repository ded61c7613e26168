import Resources
import Testing

@testable import Scheduler

@Suite struct TopologySpreadTests {
    static let zones = [
        Fixture.node("a1", labels: ["zone": "a"]), Fixture.node("a2", labels: ["zone": "a"]),
        Fixture.node("b1", labels: ["zone": "b"]), Fixture.node("c1", labels: ["zone": "c"]),
    ]

    static func spread(_ name: String, whenUnsatisfiable: String = "DoNotSchedule", extra: [String: Value] = [:]) -> Value {
        var constraint: Value = [
            "maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": .string(whenUnsatisfiable),
            "labelSelector": Fixture.selector(["app": "web"]),
        ]
        for (k, v) in extra { constraint[k] = v }
        return Fixture.pod(name, labels: ["app": "web"], cpu: "100m", spec: ["topologySpreadConstraints": [constraint]])
    }

    static func zone(of node: String?) -> String? {
        zones.first { $0[path: ["metadata", "name"]]?.stringValue == node }?[path: ["metadata", "labels", "zone"]]?.stringValue
    }

    /// maxSkew 1 over zones a (two nodes), b, c: six pods go 2/2/2 however the nodes are ordered,
    /// although zone a has twice the room (LeastAllocated alone would favour it).
    @Test func maxSkewOneOverThreeZones() {
        var scheduler = Scheduler()
        var snapshot = ClusterSnapshot(nodes: Self.zones)
        let placed = Fixture.placeAll((1...6).map { Self.spread("w\($0)") }, scheduler: &scheduler, snapshot: &snapshot)
        var perZone: [String: Int] = [:]
        for node in placed { perZone[Self.zone(of: node) ?? "none", default: 0] += 1 }
        #expect(perZone == ["a": 2, "b": 2, "c": 2])
    }

    /// Zones hold 2/1/1 matching pods: the next pod may go to b or c (1 + 1 − 1 = 1) but not to a
    /// (2 + 1 − 1 = 2 > 1).
    @Test func skewArithmetic() {
        let existing = [
            Fixture.pod("e1", labels: ["app": "web"], nodeName: "a1"), Fixture.pod("e2", labels: ["app": "web"], nodeName: "a2"),
            Fixture.pod("e3", labels: ["app": "web"], nodeName: "b1"), Fixture.pod("e4", labels: ["app": "web"], nodeName: "c1"),
        ]
        let snapshot = ClusterSnapshot(nodes: Self.zones, pods: existing)
        var scheduler = Scheduler()
        let feasible = scheduler.scores(for: Self.spread("p"), in: snapshot).map(\.node)
        #expect(feasible == ["b1", "c1"])
        let placed = Fixture.node(of: scheduler.schedule(Self.spread("p"), in: snapshot))
        #expect(placed == "b1" || placed == "c1")
        // Only zone a allowed by nodeSelector: zone a's nodes are the only domain left under
        // nodeAffinityPolicy Honor, so the minimum is a's own count and the pod fits there …
        var pinned = Self.spread("p")
        pinned[path: ["spec", "nodeSelector"]] = ["zone": "a"]
        #expect(Self.zone(of: Fixture.node(of: scheduler.schedule(pinned, in: snapshot))) == "a")
        // … while with nodeAffinityPolicy Ignore zones b and c count: 2 + 1 − 1 = 2 > 1.
        var ignoring = Self.spread("p", extra: ["nodeAffinityPolicy": "Ignore"])
        ignoring[path: ["spec", "nodeSelector"]] = ["zone": "a"]
        let refused = Fixture.failure(scheduler.schedule(ignoring, in: snapshot))
        #expect(refused?.message == "0/4 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod topology spread constraints.")
    }

    /// A node without the topology key fails with the "missing required label" reason.
    @Test func missingTopologyLabel() {
        var scheduler = Scheduler()
        let result = scheduler.schedule(Self.spread("p"), in: ClusterSnapshot(nodes: [Fixture.node("bare")]))
        #expect(Fixture.failure(result)?.reasons == ["node(s) didn't match pod topology spread constraints (missing required label)": 1])
    }

    /// minDomains 3 with only two zones: the global minimum counts as 0, so a zone already holding one
    /// matching pod is full for maxSkew 1 (1 + 1 − 0 = 2 > 1).
    @Test func minDomains() {
        let nodes = [Fixture.node("a1", labels: ["zone": "a"]), Fixture.node("b1", labels: ["zone": "b"])]
        let existing = [Fixture.pod("e1", labels: ["app": "web"], nodeName: "a1"), Fixture.pod("e2", labels: ["app": "web"], nodeName: "b1")]
        let snapshot = ClusterSnapshot(nodes: nodes, pods: existing)
        var scheduler = Scheduler()
        #expect(Fixture.node(of: scheduler.schedule(Self.spread("p"), in: snapshot)) != nil)
        let result = scheduler.schedule(Self.spread("p", extra: ["minDomains": 3]), in: snapshot)
        #expect(Fixture.failure(result)?.reasons == ["node(s) didn't match pod topology spread constraints": 2])
    }

    /// ScheduleAnyway only scores: zone a holds 2 matching pods, b 1, c 0. With 3 domains the weight
    /// is ln(5) ≈ 1.609: raw a 3.2 → 3, b 1.6 → 2, c 0 → normalised 100 × (3 + 0 − s) / 3:
    /// a 0, b 33, c 100.
    @Test func scheduleAnywayScores() {
        let existing = [
            Fixture.pod("e1", labels: ["app": "web"], nodeName: "a1"), Fixture.pod("e2", labels: ["app": "web"], nodeName: "a2"),
            Fixture.pod("e3", labels: ["app": "web"], nodeName: "b1"),
        ]
        let snapshot = ClusterSnapshot(nodes: Self.zones, pods: existing)
        let scores = Scheduler().scores(for: Self.spread("p", whenUnsatisfiable: "ScheduleAnyway"), in: snapshot)
        #expect(scores.map { $0.plugins["PodTopologySpread"] } == [0, 0, 33, 100])
        var scheduler = Scheduler()
        #expect(Fixture.node(of: scheduler.schedule(Self.spread("p", whenUnsatisfiable: "ScheduleAnyway"), in: snapshot)) == "c1")
    }
}

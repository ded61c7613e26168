import Resources
import Testing

@testable import Scheduler

@Suite struct TolerationTests {
    /// Kubernetes' `ToleratesTaint` against taint `dedicated=db:NoSchedule`.
    @Test(arguments: [
        ("Equal with same key, value and effect", ["key": "dedicated", "operator": "Equal", "value": "db", "effect": "NoSchedule"] as Value, true),
        ("empty operator means Equal", ["key": "dedicated", "value": "db", "effect": "NoSchedule"] as Value, true),
        ("Equal with another value", ["key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"] as Value, false),
        ("Exists ignores the value", ["key": "dedicated", "operator": "Exists", "effect": "NoSchedule"] as Value, true),
        ("empty effect matches every effect", ["key": "dedicated", "operator": "Exists"] as Value, true),
        ("other effect does not match", ["key": "dedicated", "operator": "Exists", "effect": "NoExecute"] as Value, false),
        ("empty key with Exists tolerates everything", ["operator": "Exists"] as Value, true),
        ("other key", ["key": "gpu", "operator": "Exists"] as Value, false),
        ("tolerationSeconds does not matter for scheduling",
         ["key": "dedicated", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 0] as Value, true),
        ("unknown operator tolerates nothing", ["key": "dedicated", "operator": "Like", "value": "db"] as Value, false),
    ])
    func tolerates(_ label: String, toleration: Value, expected: Bool) {
        #expect(Toleration(toleration).tolerates(Taint(key: "dedicated", value: "db", effect: "NoSchedule")) == expected, "\(label)")
    }

    /// The scheduler reports the first untolerated NoSchedule/NoExecute taint; tolerationSeconds on a
    /// NoExecute toleration still lets the pod schedule (it only bounds how long it may stay).
    @Test(arguments: [
        ([] as [Value], "node(s) had untolerated taint {node.kubernetes.io/unreachable: }" as String?),
        ([["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]] as [Value], nil),
        ([["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoSchedule"]] as [Value],
         "node(s) had untolerated taint {node.kubernetes.io/unreachable: }"),
        ([["operator": "Exists"]] as [Value], nil),
    ])
    func noExecuteTaint(tolerations: [Value], reason: String?) {
        let node = Fixture.node("n", taints: [Fixture.taint("node.kubernetes.io/unreachable", "", "NoExecute")])
        let pod = Fixture.pod("p", spec: ["tolerations": .array(tolerations)])
        #expect(FilterTests.reasons(pod: pod, node: node) == reason.map { [$0: 1] })
    }

    /// Two PreferNoSchedule taints, one and none: reversed normalisation gives 0, 50, 100, and the pod
    /// goes to the untainted node even though it is listed last.
    @Test func preferNoScheduleScores() {
        let nodes = [
            Fixture.node("two", taints: [Fixture.taint("a", "", "PreferNoSchedule"), Fixture.taint("b", "", "PreferNoSchedule")]),
            Fixture.node("one", taints: [Fixture.taint("a", "", "PreferNoSchedule")]),
            Fixture.node("none"),
        ]
        let snapshot = ClusterSnapshot(nodes: nodes)
        var scheduler = Scheduler()
        let scores = scheduler.scores(for: Fixture.pod("p"), in: snapshot).map { $0.plugins["TaintToleration"] }
        #expect(scores == [0, 50, 100])
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("p"), in: snapshot)) == "none")
        // Tolerating `a` with a PreferNoSchedule toleration: counts 1, 0, 0 → 0, 100, 100.
        let tolerant = Fixture.pod("p", spec: ["tolerations": [["key": "a", "operator": "Exists", "effect": "PreferNoSchedule"]]])
        #expect(scheduler.scores(for: tolerant, in: snapshot).map { $0.plugins["TaintToleration"] } == [0, 100, 100])
    }
}

import Resources
import Testing

@testable import Scheduler

@Suite struct NodeAffinityTests {
    static let labels = ["zone": "a", "cores": "8", "gpu": "true"]

    /// One requirement against a node labelled zone=a, cores=8, gpu=true.
    @Test(arguments: [
        ("In hit", "zone", "In", ["a", "b"], true),
        ("In miss", "zone", "In", ["c"], false),
        ("In on a missing label", "rack", "In", ["1"], false),
        ("NotIn hit", "zone", "NotIn", ["a"], false),
        ("NotIn miss", "zone", "NotIn", ["b"], true),
        ("NotIn on a missing label holds", "rack", "NotIn", ["1"], true),
        ("Exists", "gpu", "Exists", [], true),
        ("Exists on a missing label", "rack", "Exists", [], false),
        ("DoesNotExist", "gpu", "DoesNotExist", [], false),
        ("DoesNotExist on a missing label", "rack", "DoesNotExist", [], true),
        ("Gt 4 with 8", "cores", "Gt", ["4"], true),
        ("Gt 8 with 8", "cores", "Gt", ["8"], false),
        ("Lt 16 with 8", "cores", "Lt", ["16"], true),
        ("Lt on a non-number label", "zone", "Lt", ["16"], false),
        ("Gt with a non-number value", "cores", "Gt", ["four"], false),
    ])
    func requirement(_ label: String, key: String, op: String, values: [String], expected: Bool) {
        let requirement = NodeSelectorRequirement(
            ["key": .string(key), "operator": .string(op), "values": .array(values.map(Value.string))])
        #expect(requirement?.matches(Self.labels) == expected, "\(label)")
    }

    static func affinity(_ terms: [Value]) -> [String: Value] {
        ["affinity": ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": .array(terms)]]]]
    }

    static func term(_ expressions: [Value] = [], fields: [Value] = []) -> Value {
        var term: Value = [:]
        if !expressions.isEmpty { term["matchExpressions"] = .array(expressions) }
        if !fields.isEmpty { term["matchFields"] = .array(fields) }
        return term
    }

    static func expr(_ key: String, _ op: String, _ values: [String] = []) -> Value {
        ["key": .string(key), "operator": .string(op), "values": .array(values.map(Value.string))]
    }

    /// Terms are ORed, expressions within a term ANDed; matchFields knows metadata.name; an empty
    /// term matches nothing; nodeSelector must hold as well.
    @Test(arguments: [
        ("one term, both expressions hold", [term([expr("zone", "In", ["a"]), expr("gpu", "Exists")])], [:], true),
        ("one term, one expression fails", [term([expr("zone", "In", ["a"]), expr("gpu", "DoesNotExist")])], [:], false),
        ("second term holds", [term([expr("zone", "In", ["z"])]), term([expr("cores", "Gt", ["2"])])], [:], true),
        ("matchFields metadata.name", [term(fields: [expr("metadata.name", "In", ["n"])])], [:], true),
        ("matchFields other name", [term(fields: [expr("metadata.name", "In", ["m"])])], [:], false),
        ("empty term matches nothing", [term()], [:], false),
        ("term holds but nodeSelector fails", [term([expr("zone", "In", ["a"])])], ["gpu": "false"] as [String: String], false),
    ] as [(String, [Value], [String: String], Bool)])
    func requiredTerms(_ label: String, terms: [Value], nodeSelector: [String: String], fits: Bool) {
        var spec = Self.affinity(terms)
        if !nodeSelector.isEmpty { spec["nodeSelector"] = .object(Fields(nodeSelector.map { ($0.key, Value.string($0.value)) })) }
        let reasons = FilterTests.reasons(pod: Fixture.pod("p", spec: spec), node: Fixture.node("n", labels: Self.labels))
        #expect(reasons == (fits ? nil : ["node(s) didn't match Pod's node affinity/selector": 1]), "\(label)")
    }

    /// Preferred terms: zone=b weight 20, gpu weight 60. Node c 0, b 20, a 60 → normalised
    /// 0, 100 × 20 / 60 = 33, 100. The nodes are equally empty, so the preference alone decides.
    @Test func preferredWeights() {
        let nodes = [
            Fixture.node("c", labels: ["zone": "c"]), Fixture.node("b", labels: ["zone": "b"]),
            Fixture.node("a", labels: ["zone": "a", "gpu": "true"]),
        ]
        let preferred: Value = [
            ["weight": 20, "preference": Self.term([Self.expr("zone", "In", ["b"])])],
            ["weight": 60, "preference": Self.term([Self.expr("gpu", "Exists")])],
        ]
        let pod = Fixture.pod("p", cpu: "100m", spec: ["affinity": ["nodeAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": preferred]]])
        var scheduler = Scheduler()
        let snapshot = ClusterSnapshot(nodes: nodes)
        #expect(scheduler.scores(for: pod, in: snapshot).map { $0.plugins["NodeAffinity"] } == [0, 33, 100])
        #expect(Fixture.node(of: scheduler.schedule(pod, in: snapshot)) == "a")
    }

    /// A preference (normalised 100, × plugin weight 2 = 200 points) outweighs a resource difference.
    /// Node busy runs 2 of 4 CPU, idle none; the pod asks 1 CPU and 0 memory and prefers disk=ssd (busy).
    /// busy: fit (CPU 25 + memory 100) / 2 = 62, balanced |0.75 − 0| / 2 → 62; total 124.
    /// idle: fit (75 + 100) / 2 = 87, balanced |0.25 − 0| / 2 → 87; total 174.
    /// With the preference busy gets 124 + 200 = 324 > 174.
    @Test func preferenceBeatsLeastAllocated() {
        let nodes = [Fixture.node("idle"), Fixture.node("busy", labels: ["disk": "ssd"])]
        let snapshot = ClusterSnapshot(nodes: nodes, pods: [Fixture.pod("q", cpu: "2", memory: "0", nodeName: "busy")])
        let preferred: Value = [["weight": 1, "preference": Self.term([Self.expr("disk", "In", ["ssd"])])]]
        let plain = Fixture.pod("p", cpu: "1", memory: "0")
        let preferring = Fixture.pod("p", cpu: "1", memory: "0",
            spec: ["affinity": ["nodeAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": preferred]]])
        var scheduler = Scheduler()
        #expect(Fixture.node(of: scheduler.schedule(plain, in: snapshot)) == "idle")
        #expect(Fixture.node(of: scheduler.schedule(preferring, in: snapshot)) == "busy")
    }
}

import Resources
import Testing

@testable import Scheduler

@Suite struct FilterTests {
    /// One node, one pod: does the pod fit, and if not, with which reasons?
    static func reasons(pod: Value, node: Value, others: [Value] = []) -> [String: Int]? {
        var scheduler = Scheduler()
        let snapshot = ClusterSnapshot(nodes: [node], pods: others)
        switch scheduler.schedule(pod, in: snapshot) {
        case .scheduled: return nil
        case .unschedulable(let failure): return failure.reasons
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var node: Value
        var pod: Value
        var others: [Value] = []
        /// nil: the pod fits.
        var reason: [String: Int]?
    }

    static let cases: [Case] = [
        Case(description: "unschedulable node rejects", node: Fixture.node("n", unschedulable: true), pod: Fixture.pod("p"),
             reason: ["node(s) were unschedulable": 1]),
        Case(description: "unschedulable node takes a pod tolerating node.kubernetes.io/unschedulable:NoSchedule",
             node: Fixture.node("n", unschedulable: true),
             pod: Fixture.pod("p", spec: ["tolerations": [["key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"]]])),
        Case(description: "nodeName elsewhere rejects", node: Fixture.node("n"), pod: Fixture.pod("p", nodeName: "other"),
             reason: ["node(s) didn't match the requested node name": 1]),
        Case(description: "nodeName here fits", node: Fixture.node("n"), pod: Fixture.pod("p", nodeName: "n")),
        Case(description: "NoSchedule taint rejects with {key: value}", node: Fixture.node("n", taints: [Fixture.taint("gpu", "true")]),
             pod: Fixture.pod("p"), reason: ["node(s) had untolerated taint {gpu: true}": 1]),
        Case(description: "NoExecute taint without value rejects with {key: }",
             node: Fixture.node("n", taints: [Fixture.taint("node.kubernetes.io/unreachable", "", "NoExecute")]),
             pod: Fixture.pod("p"), reason: ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }": 1]),
        Case(description: "PreferNoSchedule taint does not filter",
             node: Fixture.node("n", taints: [Fixture.taint("spot", "", "PreferNoSchedule")]), pod: Fixture.pod("p")),
        Case(description: "nodeSelector mismatch rejects", node: Fixture.node("n", labels: ["disk": "hdd"]),
             pod: Fixture.pod("p", spec: ["nodeSelector": ["disk": "ssd"]]), reason: ["node(s) didn't match Pod's node affinity/selector": 1]),
        Case(description: "nodeSelector match fits", node: Fixture.node("n", labels: ["disk": "ssd"]),
             pod: Fixture.pod("p", spec: ["nodeSelector": ["disk": "ssd"]])),
        Case(description: "too many pods: allocatable pods 1 with one pod running", node: Fixture.node("n", pods: 1),
             pod: Fixture.pod("p"), others: [Fixture.pod("q", nodeName: "n")], reason: ["Too many pods": 1]),
        Case(description: "cpu and memory both short give two reasons", node: Fixture.node("n", cpu: "1", memory: "1Gi"),
             pod: Fixture.pod("p", cpu: "1500m", memory: "2Gi"), reason: ["Insufficient cpu": 1, "Insufficient memory": 1]),
        Case(description: "3 of 4 CPU used, 1 CPU still fits exactly", node: Fixture.node("n"),
             pod: Fixture.pod("p", cpu: "1"), others: [Fixture.pod("q", cpu: "3", nodeName: "n")]),
        Case(description: "3 of 4 CPU used, 1001m does not fit", node: Fixture.node("n"),
             pod: Fixture.pod("p", cpu: "1001m"), others: [Fixture.pod("q", cpu: "3", nodeName: "n")], reason: ["Insufficient cpu": 1]),
        Case(description: "finished pods free their requests", node: Fixture.node("n"), pod: Fixture.pod("p", cpu: "2"),
             others: [{ var q = Fixture.pod("q", cpu: "3", nodeName: "n"); q[path: ["status", "phase"]] = "Succeeded"; return q }()]),
        Case(description: "extended resource the node lacks", node: Fixture.node("n"),
             pod: Fixture.pod("p", spec: ["containers": [["name": "a", "resources": ["requests": ["nvidia.com/gpu": 1]]]]]),
             reason: ["Insufficient nvidia.com/gpu": 1]),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) {
        #expect(Self.reasons(pod: c.pod, node: c.node, others: c.others) == c.reason)
    }

    /// Init containers run one at a time beside sidecars started before them; the pod needs the larger
    /// of that peak and containers + sidecars. Node: 4 CPU.
    @Test(arguments: [
        // init 3 CPU alone vs app 1 CPU → needs 3: fits
        ("init 3 + app 1 → 3 fits", [["name": "i", "resources": ["requests": ["cpu": "3"]]]] as Value, "1", true),
        // sidecar 1 (always) + init 3.5 after it → peak 4.5: does not fit
        ("sidecar 1 then init 3.5 → 4.5 does not fit",
         [["name": "s", "restartPolicy": "Always", "resources": ["requests": ["cpu": "1"]]],
          ["name": "i", "resources": ["requests": ["cpu": "3500m"]]]] as Value, "1", false),
        // sidecar 1 + app 3 → 4 fits exactly
        ("sidecar 1 + app 3 → 4 fits", [["name": "s", "restartPolicy": "Always", "resources": ["requests": ["cpu": "1"]]]] as Value, "3", true),
        // sidecar 2 + app 2.5 → 4.5 does not fit
        ("sidecar 2 + app 2.5 → 4.5 does not fit",
         [["name": "s", "restartPolicy": "Always", "resources": ["requests": ["cpu": "2"]]]] as Value, "2500m", false),
    ])
    func initContainersAndSidecars(_ label: String, initContainers: Value, appCPU: String, fits: Bool) {
        let pod = Fixture.pod("p", cpu: appCPU, spec: ["initContainers": initContainers])
        let reasons = Self.reasons(pod: pod, node: Fixture.node("n"))
        #expect(reasons == (fits ? nil : ["Insufficient cpu": 1]), "\(label)")
    }

    /// Host ports conflict on the same protocol and port when either address is 0.0.0.0 or both are equal.
    @Test(arguments: [
        ("same port, both any address", 8080, "", "TCP", 8080, "", "TCP", false),
        ("same port, other protocol", 8080, "", "UDP", 8080, "", "TCP", true),
        ("other port", 8081, "", "TCP", 8080, "", "TCP", true),
        ("specific address vs existing 0.0.0.0", 8080, "10.0.0.1", "TCP", 8080, "", "TCP", false),
        ("0.0.0.0 vs existing specific address", 8080, "", "TCP", 8080, "10.0.0.1", "TCP", false),
        ("two different specific addresses", 8080, "10.0.0.2", "TCP", 8080, "10.0.0.1", "TCP", true),
        ("hostPort 0 binds nothing", 0, "", "TCP", 8080, "", "TCP", true),
    ])
    func hostPorts(_ label: String, port: Int64, ip: String, proto: String, usedPort: Int64, usedIP: String, usedProto: String, fits: Bool) {
        func ported(_ name: String, _ port: Int64, _ ip: String, _ proto: String, nodeName: String? = nil) -> Value {
            var p = Fixture.pod(name, nodeName: nodeName)
            var container = p[path: ["spec", "containers"]]!.arrayValue![0]
            var portSpec: Value = ["containerPort": 80, "hostPort": .int(port), "protocol": .string(proto)]
            if !ip.isEmpty { portSpec["hostIP"] = .string(ip) }
            container["ports"] = [portSpec]
            p[path: ["spec", "containers"]] = [container]
            return p
        }
        let reasons = Self.reasons(
            pod: ported("p", port, ip, proto), node: Fixture.node("n"), others: [ported("q", usedPort, usedIP, usedProto, nodeName: "n")])
        #expect(reasons == (fits ? nil : ["node(s) didn't have free ports for the requested pod ports": 1]), "\(label)")
    }

    /// Five nodes failing for different reasons; the message counts per reason in Kubernetes' order
    /// (sorted "count reason" strings). The first failing filter decides each node's reason, so the
    /// tainted node that is also full counts only as tainted.
    @Test func mixedClusterMessage() {
        let unreachable = Fixture.taint("node.kubernetes.io/unreachable", "", "NoExecute")
        let nodes = [
            Fixture.node("a", cpu: "1"), Fixture.node("b", cpu: "1"),
            Fixture.node("c", taints: [unreachable]), Fixture.node("d", cpu: "1", taints: [unreachable]),
            Fixture.node("e", taints: [unreachable]),
        ]
        var scheduler = Scheduler()
        let result = scheduler.schedule(Fixture.pod("p", cpu: "2"), in: ClusterSnapshot(nodes: nodes))
        #expect(
            Fixture.failure(result)?.message
                == "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.")
    }

    /// Kubernetes sorts "count reason" text, so 10 nodes sort before 2.
    @Test func messageSortsByCountText() {
        let failure = FitFailure(reasons: ["Insufficient cpu": 2, "node(s) were unschedulable": 10, "Insufficient memory": 2], nodeCount: 12)
        #expect(failure.message == "0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu, 2 Insufficient memory.")
    }

    @Test func noNodes() {
        var scheduler = Scheduler()
        let result = scheduler.schedule(Fixture.pod("p"), in: ClusterSnapshot(nodes: []))
        #expect(Fixture.failure(result)?.message == "no nodes available to schedule pods")
    }

    @Test func nodeNamePicksThatNodeAmongMany() {
        var scheduler = Scheduler()
        let snapshot = ClusterSnapshot(nodes: ["a", "b", "c"].map { Fixture.node($0) })
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("p", nodeName: "c"), in: snapshot)) == "c")
        let failure = Fixture.failure(scheduler.schedule(Fixture.pod("p", nodeName: "x"), in: snapshot))
        #expect(failure?.message == "0/3 nodes are available: 3 node(s) didn't match the requested node name.")
    }
}

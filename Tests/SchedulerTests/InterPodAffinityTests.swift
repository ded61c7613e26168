import Resources
import Testing

@testable import Scheduler

@Suite struct InterPodAffinityTests {
    static func antiAffine(_ name: String, app: String = "web", topologyKey: String = "kubernetes.io/hostname") -> Value {
        Fixture.pod(name, labels: ["app": app], cpu: "100m", spec: [
            "affinity": ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                Fixture.podAffinityTerm(["app": app], topologyKey: topologyKey)
            ]]]
        ])
    }

    static func affine(_ name: String, labels: [String: String], to target: [String: String], topologyKey: String = "zone") -> Value {
        Fixture.pod(name, labels: labels, cpu: "100m", spec: [
            "affinity": ["podAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                Fixture.podAffinityTerm(target, topologyKey: topologyKey)
            ]]]
        ])
    }

    /// Three replicas that refuse to share a host land on three hosts; the fourth has nowhere to go.
    @Test func requiredAntiAffinitySpreadsReplicas() {
        var scheduler = Scheduler()
        var snapshot = ClusterSnapshot(nodes: ["n1", "n2", "n3"].map { Fixture.node($0) })
        let placed = Fixture.placeAll((1...3).map { Self.antiAffine("web-\($0)") }, scheduler: &scheduler, snapshot: &snapshot)
        #expect(Set(placed.compactMap { $0 }) == ["n1", "n2", "n3"])
        let fourth = scheduler.schedule(Self.antiAffine("web-4"), in: snapshot)
        #expect(Fixture.failure(fourth)?.message == "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.")
        // A pod of another app without affinity of its own still fits anywhere …
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("db", labels: ["app": "db"]), in: snapshot)) != nil)
        // … but a pod labelled app=web without anti-affinity is kept off by the replicas' terms (symmetry).
        let plainWeb = scheduler.schedule(Fixture.pod("stray", labels: ["app": "web"]), in: snapshot)
        #expect(Fixture.failure(plainWeb)?.message == "0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules.")
    }

    /// Removing a replica frees its host for the next one.
    @Test func removingAPodReleasesItsHost() {
        var scheduler = Scheduler()
        var snapshot = ClusterSnapshot(nodes: ["n1", "n2"].map { Fixture.node($0) })
        let placed = Fixture.placeAll([Self.antiAffine("a"), Self.antiAffine("b")], scheduler: &scheduler, snapshot: &snapshot)
        snapshot.remove(podNamed: "a", namespace: "default")
        #expect(Fixture.node(of: scheduler.schedule(Self.antiAffine("c"), in: snapshot)) == placed[0])
    }

    /// Anti-affinity only counts pods in the term's namespaces (by default the pod's own).
    @Test func antiAffinityIsPerNamespaceByDefault() {
        var scheduler = Scheduler()
        let other = Fixture.pod("web-x", namespace: "other", labels: ["app": "web"], nodeName: "n1")
        let snapshot = ClusterSnapshot(nodes: [Fixture.node("n1")], pods: [other])
        #expect(Fixture.node(of: scheduler.schedule(Self.antiAffine("web-1"), in: snapshot)) == "n1")
        // With namespaceSelector {} every namespace counts.
        var pod = Self.antiAffine("web-1")
        pod[path: ["spec", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"]] = [
            ["labelSelector": Fixture.selector(["app": "web"]), "topologyKey": "kubernetes.io/hostname", "namespaceSelector": [:]]
        ]
        #expect(Fixture.failure(scheduler.schedule(pod, in: snapshot)) != nil)
    }

    /// Required pod affinity by zone: the pod goes where a cache pod runs. The first pod of a group
    /// with affinity to its own labels may start anywhere while no pod anywhere matches; once one
    /// exists, the rest follow it into its zone.
    @Test func podAffinityAndTheFirstPod() {
        let nodes = [
            Fixture.node("a1", labels: ["zone": "a"]), Fixture.node("b1", labels: ["zone": "b"]),
            Fixture.node("b2", labels: ["zone": "b"]),
        ]
        var scheduler = Scheduler()
        // No cache pod anywhere, and the pod is not a cache pod itself: nothing fits.
        let lonely = scheduler.schedule(Self.affine("web", labels: ["app": "web"], to: ["app": "cache"]), in: ClusterSnapshot(nodes: nodes))
        #expect(Fixture.failure(lonely)?.message == "0/3 nodes are available: 3 node(s) didn't match pod affinity rules.")
        // A cache pod in zone b: the web pod follows it to zone b.
        let withCache = ClusterSnapshot(nodes: nodes, pods: [Fixture.pod("cache", labels: ["app": "cache"], nodeName: "b1")])
        let placed = Fixture.node(of: scheduler.schedule(Self.affine("web", labels: ["app": "web"], to: ["app": "cache"]), in: withCache))
        #expect(placed == "b1" || placed == "b2")
        // Self-affinity: the first pod starts the group, the next ones join its zone.
        var snapshot = ClusterSnapshot(nodes: nodes)
        let group = (1...3).map { Self.affine("g\($0)", labels: ["app": "g"], to: ["app": "g"]) }
        let zones = Fixture.placeAll(group, scheduler: &scheduler, snapshot: &snapshot).map { node in
            nodes.first { $0[path: ["metadata", "name"]]?.stringValue == node }?[path: ["metadata", "labels", "zone"]]?.stringValue
        }
        #expect(zones.allSatisfy { $0 != nil && $0 == zones[0] })
    }

    /// A node without the term's topology key never satisfies required affinity, not even for the
    /// first pod of a group.
    @Test func affinityNeedsTheTopologyKey() {
        var scheduler = Scheduler()
        let result = scheduler.schedule(
            Self.affine("g1", labels: ["app": "g"], to: ["app": "g"]), in: ClusterSnapshot(nodes: [Fixture.node("n")]))
        #expect(Fixture.failure(result)?.reasons == ["node(s) didn't match pod affinity rules": 1])
    }

    /// Preferred affinity (weight 50 to app=cache by host) and preferred anti-affinity (weight 50
    /// away from app=noisy by host) steer the pod: a holds cache (+50), b holds noisy (−50), c nothing.
    /// Raw 50, −50, 0 → min–max 100, 0, 50.
    @Test func preferredWeightsChangeTheChoice() {
        let nodes = ["a", "b", "c"].map { Fixture.node($0) }
        let pods = [
            Fixture.pod("cache", labels: ["app": "cache"], cpu: "1", nodeName: "a"),
            Fixture.pod("noisy", labels: ["app": "noisy"], cpu: "1", nodeName: "b"),
        ]
        let snapshot = ClusterSnapshot(nodes: nodes, pods: pods)
        let pod = Fixture.pod("p", cpu: "100m", spec: [
            "affinity": [
                "podAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                    ["weight": 50, "podAffinityTerm": Fixture.podAffinityTerm(["app": "cache"])]
                ]],
                "podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                    ["weight": 50, "podAffinityTerm": Fixture.podAffinityTerm(["app": "noisy"])]
                ]],
            ]
        ])
        var scheduler = Scheduler()
        #expect(scheduler.scores(for: pod, in: snapshot).map { $0.plugins["InterPodAffinity"] } == [100, 0, 50])
        #expect(Fixture.node(of: scheduler.schedule(pod, in: snapshot)) == "a")
        // Without the preferences the empty node c wins on resources.
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("p", cpu: "100m"), in: snapshot)) == "c")
    }

    /// Existing pods' preferred anti-affinity pushes the incoming pod away (symmetry in scoring):
    /// a runs a pod that prefers (weight 100) no app=batch on its host.
    @Test func existingPodsPreferencesCount() {
        let shy = Fixture.pod("shy", labels: ["app": "shy"], nodeName: "a", spec: [
            "affinity": ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                ["weight": 100, "podAffinityTerm": Fixture.podAffinityTerm(["app": "batch"])]
            ]]]
        ])
        // b is busier (2 CPU requested) so resources alone would pick a.
        let busy = Fixture.pod("busy", cpu: "2", nodeName: "b")
        let snapshot = ClusterSnapshot(nodes: [Fixture.node("a"), Fixture.node("b")], pods: [shy, busy])
        var scheduler = Scheduler()
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("x", cpu: "100m"), in: snapshot)) == "a")
        #expect(Fixture.node(of: scheduler.schedule(Fixture.pod("y", labels: ["app": "batch"], cpu: "100m"), in: snapshot)) == "b")
    }
}

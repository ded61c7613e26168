import Controllers
import FoundationEssentials
import Nodes
import Resources
import Scheduler
import Store

/// The embedded cluster: its configuration, its simulated nodes, and the graph of controllers that
/// drives what was applied to reality.
public final class Cluster {
    public let store: any ObjectStore
    public let configuration: ClusterConfiguration
    public let manager: ControllerManager

    /// `pollInterval`: how often to look for other processes' writes while idle (nil under a fake
    /// clock, which then jumps from timer to timer). `seed` makes generated pod names repeatable.
    public init(
        store: any ObjectStore, clock: any ControllerClock, pollInterval: Double? = 0.05,
        seed: UInt64 = UInt64.random(in: 1...UInt64.max)
    ) throws {
        self.store = store
        configuration = try Self.configuration(in: store)
        manager = ControllerManager(
            store: store, clock: clock, controllers: try Self.controllers(configuration, seed: seed), pollInterval: pollInterval)
    }

    /// The stored configuration, or the defaults when `berth cluster init` was never run.
    public static func configuration(in store: any ObjectStore) throws -> ClusterConfiguration {
        guard let stored = try store.get(ClusterConfiguration.key) else { return ClusterConfiguration() }
        return try ClusterConfiguration(value: stored.value)
    }

    /// The controller graph, in the order the runtime visits it.
    public static func controllers(_ configuration: ClusterConfiguration, seed: UInt64) throws -> [any Controller] {
        let scheduler = try SchedulerConfiguration(scoring: configuration.scoring == "MostAllocated" ? .mostAllocated : .leastAllocated)
        let timings = try PodLifecycleTimings(
            accept: configuration.podAcceptDelay, containerStart: configuration.containerStartDelay,
            initContainerRun: configuration.initContainerRunTime)
        let heartbeat = try HeartbeatConfig(leaseRenewInterval: configuration.heartbeatInterval)
        let lifecycle = try NodeLifecycleConfig(
            monitorPeriod: min(5, configuration.heartbeatInterval), gracePeriod: configuration.nodeMonitorGracePeriod,
            startupGracePeriod: max(configuration.nodeMonitorGracePeriod, 60))
        return [
            DeploymentReconciler(),
            ReplicaSetReconciler(seed: seed, defaultTolerationSeconds: configuration.defaultTolerationSeconds),
            SchedulerController(configuration: scheduler),
            NodeAgentController(timings: timings, heartbeat: heartbeat),
            NodeLifecycleController(config: lifecycle),
            ServiceAllocationController(serviceCIDR: configuration.serviceCIDR, nodePorts: configuration.nodePortRange),
            EndpointsController(),
            GarbageCollector(),
        ]
    }

    /// The simulated nodes of a configuration, with their leases.
    public static func nodeObjects(_ configuration: ClusterConfiguration, now: Date) throws -> [Value] {
        let profile = try ClusterProfile(
            nodeCount: configuration.nodeCount,
            node: try NodeProfile(
                cpu: configuration.nodeCPU, memory: configuration.nodeMemory,
                pods: configuration.nodeMaxPods),
            zones: configuration.zones,
            // A /24 of pods per node: flannel's 10.244.0.0/16 holds 255 nodes; larger clusters take
            // 10.128.0.0/9, which stays clear of the service range 10.96.0.0/12.
            podCIDR: configuration.nodeCount > 255 ? "10.128.0.0/9" : "10.244.0.0/16")
        return profile.nodeObjects(now: now) + profile.leaseObjects(now: now)
    }

    static let systemNamespaces = ["kube-system", ClusterProfile.leaseNamespace]

    /// Makes what a fresh state lacks: the system namespaces and, when there are no nodes yet, the
    /// configured simulated nodes. Safe to run any number of times.
    public func bootstrap(now: Date) throws {
        let hasNodes = try !store.list(group: "", kind: "Node").items.isEmpty
        let nodes = hasNodes ? [] : try Self.nodeObjects(configuration, now: now)
        try store.write { tx in
            for name in Self.systemNamespaces {
                let key = ObjectKey(group: "", kind: "Namespace", namespace: "", name: name)
                if try tx.get(key) == nil {
                    try tx.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
                }
            }
            for object in nodes { try tx.create(object) }
        }
    }

    /// `berth cluster init`: stores the configuration and, with `replaceNodes`, swaps the simulated
    /// nodes for the configured ones (pods on removed nodes are deleted; their controllers replace them).
    public static func initialize(store: any ObjectStore, configuration: ClusterConfiguration, replaceNodes: Bool, now: Date) throws {
        try configuration.validate()
        let nodes = try nodeObjects(configuration, now: now)
        try store.write { tx in
            if let current = try tx.get(ClusterConfiguration.key) {
                try tx.update(configuration.value, expectedResourceVersion: current.resourceVersion)
            } else {
                try tx.create(configuration.value)
            }
            let existing = try tx.list(group: "", kind: "Node", namespace: nil)
            guard replaceNodes || existing.isEmpty else { return }
            for node in existing { try tx.delete(node.key, expectedResourceVersion: nil) }
            for lease in try tx.list(group: "coordination.k8s.io", kind: "Lease", namespace: ClusterProfile.leaseNamespace) {
                try tx.delete(lease.key, expectedResourceVersion: nil)
            }
            for pod in try tx.list(group: "", kind: "Pod", namespace: nil) where pod.value[path: ["spec", "nodeName"]] != nil {
                try tx.delete(pod.key, expectedResourceVersion: nil)
            }
            for name in systemNamespaces {
                let key = ObjectKey(group: "", kind: "Namespace", namespace: "", name: name)
                if try tx.get(key) == nil {
                    try tx.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
                }
            }
            for object in nodes { try tx.create(object) }
        }
    }
}

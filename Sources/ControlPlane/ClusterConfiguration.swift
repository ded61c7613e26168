import FoundationEssentials
import Resources

/// How the embedded cluster is shaped and how fast its simulated parts move. Kept in the store as
/// `berth.dev/v1alpha1 ClusterConfiguration cluster`, written by `berth cluster init`; a state
/// without one gets the defaults below.
public struct ClusterConfiguration: Sendable, Hashable {
    /// The default cluster: 3 nodes of 4 CPU, 8 GiB and 110 pods, spread over zones a, b and c.
    public var nodeCount = 3
    public var nodeCPU = "4"
    public var nodeMemory = "8Gi"
    public var nodeMaxPods: Int64 = 110
    public var zones = ["zone-a", "zone-b", "zone-c"]

    /// Seconds from binding until the node agent takes the pod (status ContainerCreating).
    public var podAcceptDelay = 1.0
    /// Seconds for an image pull and a container start.
    public var containerStartDelay = 2.0
    /// Seconds an init container runs before it completes.
    public var initContainerRunTime = 1.0

    /// Node heartbeats (Lease renewals), Kubernetes' 10 s.
    public var heartbeatInterval = 10.0
    /// Seconds without a heartbeat before a node is Unknown, Kubernetes' 50 s.
    public var nodeMonitorGracePeriod = 50.0
    /// How long pods tolerate an unreachable or not-ready node before eviction, Kubernetes' 300 s.
    public var defaultTolerationSeconds: Int64 = 300

    /// LeastAllocated (spread, Kubernetes' default) or MostAllocated (bin packing).
    public var scoring = "LeastAllocated"

    public var serviceCIDR = "10.96.0.0/12"
    public var nodePortRange: ClosedRange<Int64> = 30000...32767

    public init() {}

    public static let key = ObjectKey(group: "berth.dev", kind: "ClusterConfiguration", namespace: "", name: "cluster")

    /// The stored form.
    public var value: Value {
        [
            "apiVersion": "berth.dev/v1alpha1", "kind": "ClusterConfiguration", "metadata": ["name": "cluster"],
            "spec": [
                "nodes": [
                    "count": .int(Int64(nodeCount)), "cpu": .string(nodeCPU), "memory": .string(nodeMemory),
                    "maxPods": .int(nodeMaxPods), "zones": .array(zones.map(Value.string)),
                ],
                "pods": [
                    "acceptDelay": .string(DurationText.format(podAcceptDelay)),
                    "containerStartDelay": .string(DurationText.format(containerStartDelay)),
                    "initContainerRunTime": .string(DurationText.format(initContainerRunTime)),
                ],
                "nodeLifecycle": [
                    "heartbeatInterval": .string(DurationText.format(heartbeatInterval)),
                    "gracePeriod": .string(DurationText.format(nodeMonitorGracePeriod)),
                    "defaultTolerationSeconds": .int(defaultTolerationSeconds),
                ],
                "scheduler": ["scoring": .string(scoring)],
                "network": [
                    "serviceCIDR": .string(serviceCIDR),
                    "nodePortRange": .string("\(nodePortRange.lowerBound)-\(nodePortRange.upperBound)"),
                ],
            ],
        ]
    }

    /// Reads the stored form; fields it lacks keep their defaults.
    public init(value: Value) throws(ConfigurationError) {
        self.init()
        let spec = value["spec"] ?? .emptyObject
        func duration(_ path: [String]) throws(ConfigurationError) -> Double? {
            guard let field = spec[path: path] else { return nil }
            guard let text = field.stringValue, let seconds = DurationText.parse(text) else {
                throw ConfigurationError("spec.\(path.joined(separator: ".")): expected a duration such as 10s, found \(field.jsonString())")
            }
            return seconds
        }
        if let n = spec[path: ["nodes", "count"]]?.intValue { nodeCount = Int(n) }
        if let s = spec[path: ["nodes", "cpu"]]?.stringValue { nodeCPU = s }
        if let s = spec[path: ["nodes", "memory"]]?.stringValue { nodeMemory = s }
        if let n = spec[path: ["nodes", "maxPods"]]?.intValue { nodeMaxPods = n }
        if let z = spec[path: ["nodes", "zones"]]?.arrayValue { zones = z.compactMap(\.stringValue) }
        podAcceptDelay = try duration(["pods", "acceptDelay"]) ?? podAcceptDelay
        containerStartDelay = try duration(["pods", "containerStartDelay"]) ?? containerStartDelay
        initContainerRunTime = try duration(["pods", "initContainerRunTime"]) ?? initContainerRunTime
        heartbeatInterval = try duration(["nodeLifecycle", "heartbeatInterval"]) ?? heartbeatInterval
        nodeMonitorGracePeriod = try duration(["nodeLifecycle", "gracePeriod"]) ?? nodeMonitorGracePeriod
        if let n = spec[path: ["nodeLifecycle", "defaultTolerationSeconds"]]?.intValue { defaultTolerationSeconds = n }
        if let s = spec[path: ["scheduler", "scoring"]]?.stringValue { scoring = s }
        if let s = spec[path: ["network", "serviceCIDR"]]?.stringValue { serviceCIDR = s }
        if let s = spec[path: ["network", "nodePortRange"]]?.stringValue {
            let parts = s.split(separator: "-").compactMap { Int64($0) }
            guard parts.count == 2, parts[0] <= parts[1] else {
                throw ConfigurationError("spec.network.nodePortRange: expected low-high such as 30000-32767, found \(s)")
            }
            nodePortRange = parts[0]...parts[1]
        }
        try validate()
    }

    /// Refuses what the cluster could not run with, saying which field and why.
    public func validate() throws(ConfigurationError) {
        guard (0...5000).contains(nodeCount) else { throw ConfigurationError("nodes: expected 0 to 5000 nodes, found \(nodeCount)") }
        guard (try? Quantity(nodeCPU)).map({ $0.milliValue > 0 }) == true else {
            throw ConfigurationError("cpu: expected a quantity above zero such as 4 or 3500m, found \(nodeCPU)")
        }
        guard (try? Quantity(nodeMemory)).map({ $0.value > 0 }) == true else {
            throw ConfigurationError("memory: expected a quantity above zero such as 8Gi, found \(nodeMemory)")
        }
        guard nodeMaxPods > 0 else { throw ConfigurationError("max-pods: expected at least 1, found \(nodeMaxPods)") }
        guard ["LeastAllocated", "MostAllocated"].contains(scoring) else {
            throw ConfigurationError("scoring: expected LeastAllocated or MostAllocated, found \(scoring)")
        }
        for (name, seconds) in [
            ("pod accept delay", podAcceptDelay), ("container start delay", containerStartDelay),
            ("init container run time", initContainerRunTime),
        ] where seconds < 0 {
            throw ConfigurationError("\(name): expected zero or more seconds, found \(seconds)")
        }
        guard heartbeatInterval > 0, nodeMonitorGracePeriod > heartbeatInterval else {
            throw ConfigurationError("node grace period (\(nodeMonitorGracePeriod)s) must be longer than the heartbeat interval (\(heartbeatInterval)s)")
        }
        guard defaultTolerationSeconds >= 0 else {
            throw ConfigurationError("default toleration: expected zero or more seconds, found \(defaultTolerationSeconds)")
        }
        guard nodePortRange.lowerBound >= 1, nodePortRange.upperBound <= 65535 else {
            throw ConfigurationError("node port range must lie within 1-65535")
        }
    }
}

/// A configuration the cluster cannot run with.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

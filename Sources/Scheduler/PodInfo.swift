import Resources

/// Everything the scheduler reads from a pod, parsed once: for the pod being placed and for every pod
/// already on a node.
struct PodInfo: Sendable {
    var namespace: String
    var name: String
    var labels: [String: String]
    var nodeName: String?
    var isTerminating: Bool
    /// Effective requests (init containers, sidecars, overhead), for NodeResourcesFit's filter and
    /// BalancedAllocation.
    var requests: ResourceRequests
    /// CPU and memory as LeastAllocated/MostAllocated count them: a container that requests no CPU
    /// counts 100m, no memory 200 MiB (Kubernetes' `DefaultMilliCPURequest`/`DefaultMemoryRequest`), so
    /// that pods without requests still spread.
    var scoringCPUMilli: Int64
    var scoringMemoryBytes: Int64
    var hostPorts: [HostPort]
    var tolerations: [Toleration]
    var requiredNodeAffinity: RequiredNodeAffinity
    var preferredNodeTerms: [PreferredNodeTerm]
    var affinity: PodAffinity
    var spreadConstraints: [SpreadConstraint]

    static let defaultCPUMilli: Int64 = 100
    static let defaultMemoryBytes: Int64 = 200 * 1024 * 1024

    init(_ pod: Value) {
        let spec = pod["spec"] ?? .emptyObject
        namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        labels = PodState.labels(pod)
        nodeName = spec["nodeName"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        isTerminating = PodState.isTerminating(pod)
        requests = ResourceRequests(podSpec: spec)
        let scoring = ResourceRequests(podSpec: PodInfo.withDefaultRequests(spec))
        scoringCPUMilli = scoring.cpuMilli
        scoringMemoryBytes = scoring.memoryBytes
        hostPorts = HostPort.read(podSpec: spec)
        tolerations = (spec["tolerations"]?.arrayValue ?? []).map(Toleration.init)
        requiredNodeAffinity = RequiredNodeAffinity(podSpec: spec)
        preferredNodeTerms = PreferredNodeTerm.read(podSpec: spec)
        affinity = PodAffinity(podSpec: spec, namespace: namespace, labels: labels)
        let podLabels = labels
        spreadConstraints = (spec["topologySpreadConstraints"]?.arrayValue ?? []).compactMap {
            SpreadConstraint($0, podLabels: podLabels)
        }
    }

    /// The spec with Kubernetes' non-zero defaults written into every container that leaves CPU or
    /// memory unrequested (`NonMissingContainerRequests`); an explicit 0 stays 0.
    static func withDefaultRequests(_ spec: Value) -> Value {
        var out = spec
        for list in ["containers", "initContainers"] {
            guard let containers = spec[list]?.arrayValue else { continue }
            out[list] = .array(
                containers.map { container in
                    var c = container
                    var requests = container[path: ["resources", "requests"]] ?? .emptyObject
                    if requests.objectValue == nil { requests = .emptyObject }
                    if requests["cpu"] == nil { requests["cpu"] = .string("\(defaultCPUMilli)m") }
                    if requests["memory"] == nil { requests["memory"] = .int(defaultMemoryBytes) }
                    if c["resources"]?.objectValue == nil { c["resources"] = .emptyObject }
                    c[path: ["resources", "requests"]] = requests
                    return c
                })
        }
        return out
    }

    /// The key under which the snapshot finds this pod again.
    var key: PodKey { PodKey(namespace: namespace, name: name) }

    /// BestEffort as BalancedAllocation sees it: no CPU and no memory requested.
    var requestsNothing: Bool { requests.cpuMilli == 0 && requests.memoryBytes == 0 }
}

/// A pod's namespace and name.
struct PodKey: Sendable, Hashable {
    var namespace: String
    var name: String
}

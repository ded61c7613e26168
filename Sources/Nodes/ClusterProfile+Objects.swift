import FoundationEssentials
import Resources

/// The Node and Lease objects of a simulated cluster, in Kubernetes' shapes.
extension ClusterProfile {
    /// Namespace of node heartbeat leases, as in Kubernetes.
    public static let leaseNamespace = "kube-node-lease"
    /// The kubelet's lease duration; it renews every quarter of it (10 s).
    public static let leaseDurationSeconds: Int64 = 40

    /// One Node per index, healthy as of `now`.
    public func nodeObjects(now: Date) -> [Value] {
        nodeCount == 0 ? [] : (1...nodeCount).map { nodeObject(index: $0, now: now) }
    }

    /// One Lease per node in `kube-node-lease`, renewed at `now`.
    public func leaseObjects(now: Date) -> [Value] {
        nodeNames.map { name in
            [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(name), "namespace": .string(ClusterProfile.leaseNamespace)],
                "spec": [
                    "holderIdentity": .string(name), "leaseDurationSeconds": .int(ClusterProfile.leaseDurationSeconds),
                    "renewTime": .string(MicroTime.format(now)),
                ],
            ]
        }
    }

    func nodeObject(index: Int, now: Date) -> Value {
        let name = nodeName(index)
        var labels: Fields = [
            "beta.kubernetes.io/arch": .string(node.architecture), "beta.kubernetes.io/os": "linux",
            "kubernetes.io/arch": .string(node.architecture), "kubernetes.io/hostname": .string(name),
            "kubernetes.io/os": "linux",
        ]
        if let zone = zone(ofNode: index) { labels["topology.kubernetes.io/zone"] = .string(zone) }
        for key in node.labels.keys.sorted() { labels[key] = .string(node.labels[key]!) }
        let cidr = Value.string(podCIDR(ofNode: index))
        var spec: Fields = ["podCIDR": cidr, "podCIDRs": [cidr]]
        if !node.taints.isEmpty { spec["taints"] = .array(node.taints.map(\.asValue)) }
        let resources: Value = [
            "cpu": .string(node.cpu.canonical), "memory": .string(node.memory.canonical),
            "pods": .string(String(node.pods)), "ephemeral-storage": "100Gi",
        ]
        let status: Value = [
            "capacity": resources, "allocatable": resources,
            "conditions": .array(NodeConditions.healthyConditions(existing: [], now: now)),
            "addresses": [
                ["type": "InternalIP", "address": .string(internalIP(ofNode: index))],
                ["type": "Hostname", "address": .string(name)],
            ],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
            "nodeInfo": [
                "architecture": .string(node.architecture), "operatingSystem": "linux",
                "osImage": "berth simulated node", "kernelVersion": "", "containerRuntimeVersion": "sim://1",
                "kubeletVersion": .string(node.kubeletVersion), "kubeProxyVersion": .string(node.kubeletVersion),
                "machineID": "", "systemUUID": "", "bootID": "",
            ],
        ]
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": .object(spec), "status": status,
        ]
    }
}

import Resources

/// Pod IPs of one node, from its `spec.podCIDR`, as a host-local IPAM hands them out: the network
/// address and the gateway (`.1`) are never given, nor the broadcast address; the lowest free address
/// goes to the next pod. A pod keeps the IP it already has, so a restart of the agent changes nothing.
///
/// Build it from the pods bound to the node; terminal pods no longer hold their address. Keep the
/// value while stepping a node's pods one after another so two pods never get the same address.
public struct PodIPAllocator: Sendable {
    let network: IPv4Network?
    private var holders: [IPv4Address: String] = [:]
    private var byPod: [String: IPv4Address] = [:]

    public init(node: Value, pods: [Value]) {
        network = node[path: ["spec", "podCIDR"]]?.stringValue.flatMap(IPv4Network.init)
        for pod in pods where !PodState.isTerminal(pod) {
            guard let text = pod[path: ["status", "podIP"]]?.stringValue, let ip = IPv4Address(text),
                network?.contains(ip) == true
            else { continue }
            holders[ip] = PodIPAllocator.key(pod)
            byPod[PodIPAllocator.key(pod)] = ip
        }
    }

    /// The pod's address: the one it holds, or the lowest free one; nil when the node has no pod CIDR
    /// or every address is taken.
    public mutating func address(for pod: Value) -> String? {
        let key = PodIPAllocator.key(pod)
        if let held = byPod[key] { return held.description }
        guard let network, network.size >= 4 else { return nil }
        for offset in 2..<(network.size - 1) {
            guard let ip = network.address(at: offset), holders[ip] == nil else { continue }
            holders[ip] = key
            byPod[key] = ip
            return ip.description
        }
        return nil
    }

    /// Addresses in use, for tests and diagnostics.
    public var addressesInUse: Int { holders.count }

    /// uid when the pod has one (a pod re-created under the same name is another pod), else its name.
    static func key(_ pod: Value) -> String {
        if let uid = pod[path: ["metadata", "uid"]]?.stringValue, !uid.isEmpty { return uid }
        let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
        return namespace + "/" + (pod[path: ["metadata", "name"]]?.stringValue ?? "")
    }
}

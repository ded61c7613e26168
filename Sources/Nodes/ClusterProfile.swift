import FoundationEssentials
import Resources

/// The simulated cluster: how many nodes, what they are called, where they sit and which pod and
/// node addresses they get. `ClusterProfile.small` is the default: 3 nodes (`node-1` … `node-3`),
/// each 4 CPU / 8Gi / 110 pods, spread over zones `zone-a`, `zone-b`, `zone-c`.
///
/// Node i (1-based) takes the i-th subnet of the pod range (`10.244.<i>.0/24` for the default
/// `10.244.0.0/16` and /24); subnet 0 is left unused so node numbers and subnets line up. Its
/// InternalIP is the (i+1)-th address of the node range (`172.18.0.2` for node-1; `.1` is the
/// gateway, as in kind).
public struct ClusterProfile: Sendable, Hashable {
    public let nodeCount: Int
    public let namePrefix: String
    public let node: NodeProfile
    public let zones: [String]
    public let podCIDR: String
    public let podCIDRPrefixLength: Int
    public let nodeAddressCIDR: String

    let podNetwork: IPv4Network
    let nodeNetwork: IPv4Network

    public init(
        nodeCount: Int = 3, namePrefix: String = "node-", node: NodeProfile? = nil,
        zones: [String] = ["zone-a", "zone-b", "zone-c"], podCIDR: String = "10.244.0.0/16",
        podCIDRPrefixLength: Int = 24, nodeAddressCIDR: String = "172.18.0.0/16"
    ) throws(ClusterProfileError) {
        guard nodeCount >= 0 else { throw .invalid(field: "nodeCount", value: String(nodeCount), reason: "must not be negative") }
        if let reason = NameRules.dns1123Subdomain(namePrefix + String(max(nodeCount, 1))).first {
            throw .invalid(field: "namePrefix", value: namePrefix, reason: reason)
        }
        for zone in zones {
            if let reason = NameRules.labelValue(zone).first ?? (zone.isEmpty ? "must not be empty" : nil) {
                throw .invalid(field: "zones", value: zone, reason: reason)
            }
        }
        guard let podNetwork = IPv4Network(podCIDR) else {
            throw .invalid(field: "podCIDR", value: podCIDR, reason: "expected an IPv4 network such as 10.244.0.0/16")
        }
        guard (podNetwork.prefixLength...30).contains(podCIDRPrefixLength) else {
            throw .invalid(
                field: "podCIDRPrefixLength", value: String(podCIDRPrefixLength),
                reason: "must be between \(podNetwork.prefixLength) and 30")
        }
        let subnets = UInt64(1) << UInt64(podCIDRPrefixLength - podNetwork.prefixLength)
        guard UInt64(nodeCount) < subnets else {
            throw .podCIDRTooSmall(cidr: podCIDR, prefixLength: podCIDRPrefixLength, nodes: nodeCount, capacity: subnets - 1)
        }
        guard let nodeNetwork = IPv4Network(nodeAddressCIDR), nodeNetwork.size > UInt64(nodeCount) + 2 else {
            throw .invalid(field: "nodeAddressCIDR", value: nodeAddressCIDR, reason: "expected an IPv4 network with room for every node")
        }
        self.nodeCount = nodeCount
        self.namePrefix = namePrefix
        if let node { self.node = node } else { self.node = try NodeProfile() }
        self.zones = zones
        self.podCIDR = podCIDR
        self.podCIDRPrefixLength = podCIDRPrefixLength
        self.nodeAddressCIDR = nodeAddressCIDR
        self.podNetwork = podNetwork
        self.nodeNetwork = nodeNetwork
    }

    /// 3 nodes of 4 CPU, 8Gi and 110 pods in zones zone-a/b/c.
    public static var small: ClusterProfile {
        // Every default is valid (a test builds it), so this cannot throw.
        try! ClusterProfile()
    }

    /// `node-1` … `node-<count>`.
    public var nodeNames: [String] { nodeCount == 0 ? [] : (1...nodeCount).map(nodeName) }

    public func nodeName(_ index: Int) -> String { namePrefix + String(index) }

    /// Round-robin: node-1 → first zone, node-2 → second …; nil with no zones.
    public func zone(ofNode index: Int) -> String? { zones.isEmpty ? nil : zones[(index - 1) % zones.count] }

    /// `10.244.<index>.0/24` for the default range.
    public func podCIDR(ofNode index: Int) -> String {
        podNetwork.subnet(prefixLength: podCIDRPrefixLength, index: UInt64(index)).map(\.description) ?? ""
    }

    /// The node's InternalIP.
    public func internalIP(ofNode index: Int) -> String {
        nodeNetwork.address(at: UInt64(index) + 1).map(\.description) ?? ""
    }
}

import Resources

/// Cluster IPs for Services from one IPv4 range (default `10.96.0.0/12`, kubeadm's), built from the
/// services that exist.
///
/// As Kubernetes' allocator: the network and broadcast addresses are never handed out, and the first
/// address (`10.96.0.1`) is kept for the `default/kubernetes` service. A service that names a valid
/// IP in range keeps it unless another service holds it; `None` (headless) stays None; ExternalName
/// services get nothing. Kubernetes picks a random free address; this takes the lowest free one, so
/// runs are repeatable.
public struct ClusterIPAllocator: Sendable {
    public let range: String
    let network: IPv4Network
    private var holders: [UInt32: String] = [:]

    public init(range: String = "10.96.0.0/12", services: [Value]) throws(AllocatorRangeError) {
        guard let network = IPv4Network(range) else {
            throw AllocatorRangeError(range: range, reason: "expected an IPv4 network such as 10.96.0.0/12")
        }
        guard network.prefixLength <= 29 else { throw AllocatorRangeError(range: range, reason: "must hold at least 8 addresses (/29)") }
        self.range = range
        self.network = network
        for service in services {
            guard let text = service[path: ["spec", "clusterIP"]]?.stringValue, let ip = IPv4Address(text), network.contains(ip) else { continue }
            holders[ip.bits] = ServiceKey.of(service)
        }
    }

    /// The service with `spec.clusterIP`, `clusterIPs`, `ipFamilies` and `ipFamilyPolicy` filled in.
    /// `previous` is the stored version on an update: an empty clusterIP keeps the one it had, as the
    /// API server carries it over (a manifest never names it, and re-applying must not move it).
    public mutating func allocate(_ service: Value, previous: Value? = nil) throws(ServiceAllocationError) -> Value {
        guard service[path: ["spec", "type"]]?.stringValue != "ExternalName", service["spec"]?.objectValue != nil else { return service }
        let key = ServiceKey.of(service)
        var requested = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        if requested.isEmpty { requested = previous?[path: ["spec", "clusterIP"]]?.stringValue ?? "" }
        let ip: String
        if requested == "None" {
            ip = "None"
        } else if !requested.isEmpty {
            guard let address = IPv4Address(requested), network.contains(address) else {
                throw .ipOutOfRange(requested, range: range)
            }
            if let holder = holders[address.bits], holder != key { throw .ipAllocated(requested, holder: holder) }
            holders[address.bits] = key
            ip = requested
        } else {
            ip = try next(for: key)
        }
        var out = service
        out[path: ["spec", "clusterIP"]] = .string(ip)
        out[path: ["spec", "clusterIPs"]] = [.string(ip)]
        if out[path: ["spec", "ipFamilies"]] == nil { out[path: ["spec", "ipFamilies"]] = ["IPv4"] }
        if out[path: ["spec", "ipFamilyPolicy"]] == nil { out[path: ["spec", "ipFamilyPolicy"]] = "SingleStack" }
        return out
    }

    /// The address a service already holds, else the lowest free one after the reserved first.
    private mutating func next(for key: String) throws(ServiceAllocationError) -> String {
        if let held = holders.first(where: { $0.value == key }) { return IPv4Address(bits: held.key).description }
        let first: UInt64 = key == ServiceKey.kubernetes ? 1 : 2
        for offset in first..<(network.size - 1) {
            let bits = network.base.bits + UInt32(offset)
            guard holders[bits] == nil else { continue }
            holders[bits] = key
            return IPv4Address(bits: bits).description
        }
        throw .ipRangeFull(range)
    }
}

/// `namespace/name` of a service, the identity allocations are held under.
enum ServiceKey {
    static let kubernetes = "default/kubernetes"

    static func of(_ service: Value) -> String {
        let namespace = service[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        return namespace + "/" + (service[path: ["metadata", "name"]]?.stringValue ?? "")
    }
}

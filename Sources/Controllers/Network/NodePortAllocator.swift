import Resources

/// Node ports for NodePort and LoadBalancer services (default range 30000–32767), built from the
/// services that exist.
///
/// A port that names a nodePort keeps it when it is in range and no other service holds it; the
/// rest get the lowest free port (Kubernetes picks at random; lowest keeps runs repeatable). Two
/// entries of one service with the same `port` and different protocols (53/TCP and 53/UDP) share a
/// node port, as Kubernetes arranges. LoadBalancer services with
/// `allocateLoadBalancerNodePorts: false` get none.
public struct NodePortAllocator: Sendable {
    public let range: ClosedRange<Int64>
    private var holders: [Int64: String] = [:]

    public init(range: ClosedRange<Int64> = 30000...32767, services: [Value]) throws(AllocatorRangeError) {
        guard range.lowerBound >= 1, range.upperBound <= 65535 else {
            throw AllocatorRangeError(range: "\(range.lowerBound)-\(range.upperBound)", reason: "ports must be within 1-65535")
        }
        self.range = range
        for service in services {
            for port in service[path: ["spec", "ports"]]?.arrayValue ?? [] {
                if let nodePort = port["nodePort"]?.intValue, range.contains(nodePort) { holders[nodePort] = ServiceKey.of(service) }
            }
        }
    }

    /// The service with `ports[].nodePort` filled in where it needs one. `previous` is the stored
    /// version on an update: a port without a nodePort keeps the one it had (matched by port and
    /// protocol), as the API server carries allocated values over, so re-applying a manifest that
    /// never names node ports does not move them.
    /// A refused service claims nothing: the allocator is as it was before the call.
    public mutating func allocate(_ service: Value, previous: Value? = nil) throws(ServiceAllocationError) -> Value {
        let saved = holders
        do {
            return try fill(service, previous: previous)
        } catch {
            holders = saved
            throw error
        }
    }

    private mutating func fill(_ service: Value, previous: Value?) throws(ServiceAllocationError) -> Value {
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        guard type == "NodePort" || type == "LoadBalancer",
            !(type == "LoadBalancer" && service[path: ["spec", "allocateLoadBalancerNodePorts"]]?.boolValue == false),
            var ports = service[path: ["spec", "ports"]]?.arrayValue
        else { return service }
        let key = ServiceKey.of(service)
        let old = previous?[path: ["spec", "ports"]]?.arrayValue ?? []
        for i in ports.indices where (ports[i]["nodePort"]?.intValue ?? 0) == 0 {
            let match = old.first { $0["port"] == ports[i]["port"] && protocolOf($0) == protocolOf(ports[i]) }
            if let kept = match?["nodePort"]?.intValue, kept != 0 { ports[i]["nodePort"] = .int(kept) }
        }
        var used: [Int64: (index: Int, port: Int64?, proto: String)] = [:]
        for (i, port) in ports.enumerated() {
            guard let nodePort = port["nodePort"]?.intValue, nodePort != 0 else { continue }
            try claim(nodePort, index: i, port: port, key: key, used: &used)
        }
        for (i, port) in ports.enumerated() where (port["nodePort"]?.intValue ?? 0) == 0 {
            let shared = used.first { $0.value.port == port["port"]?.intValue && $0.value.proto != protocolOf(port) }?.key
            let nodePort: Int64
            if let shared { nodePort = shared } else { nodePort = try next(key: key, index: i) }
            used[nodePort] = used[nodePort] ?? (i, port["port"]?.intValue, protocolOf(port))
            ports[i]["nodePort"] = .int(nodePort)
        }
        var out = service
        out[path: ["spec", "ports"]] = .array(ports)
        return out
    }

    private mutating func claim(
        _ nodePort: Int64, index: Int, port: Value, key: String, used: inout [Int64: (index: Int, port: Int64?, proto: String)]
    ) throws(ServiceAllocationError) {
        guard range.contains(nodePort) else {
            throw .nodePort(index, nodePort, "provided port is not in the valid range. The range of valid ports is \(range.lowerBound)-\(range.upperBound)")
        }
        if let holder = holders[nodePort], holder != key {
            throw .nodePort(index, nodePort, "provided port is already allocated (to service \(holder))")
        }
        if let other = used[nodePort], other.port != port["port"]?.intValue || other.proto == protocolOf(port) {
            throw .nodePort(index, nodePort, "duplicate value: also used by spec.ports[\(other.index)]")
        }
        holders[nodePort] = key
        used[nodePort] = used[nodePort] ?? (index, port["port"]?.intValue, protocolOf(port))
    }

    private mutating func next(key: String, index: Int) throws(ServiceAllocationError) -> Int64 {
        for candidate in range where holders[candidate] == nil {
            holders[candidate] = key
            return candidate
        }
        throw .nodePort(index, 0, "range is full: every port of \(range.lowerBound)-\(range.upperBound) is allocated")
    }

    private func protocolOf(_ port: Value) -> String { port["protocol"]?.stringValue ?? "TCP" }
}

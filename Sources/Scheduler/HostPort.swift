import Resources

/// A host port a container binds: (IP, protocol, port) with Kubernetes' defaults filled in.
struct HostPort: Sendable, Hashable {
    static let anyIP = "0.0.0.0"

    var ip: String
    var proto: String
    var port: Int64

    /// Empty IP means every address, empty protocol means TCP (Kubernetes' `sanitize`).
    init(ip: String, proto: String, port: Int64) {
        self.ip = ip.isEmpty ? HostPort.anyIP : ip
        self.proto = proto.isEmpty ? "TCP" : proto
        self.port = port
    }

    /// The host ports of a pod spec's containers; `hostPort` 0 or absent binds nothing.
    static func read(podSpec: Value) -> [HostPort] {
        var out: [HostPort] = []
        for container in podSpec["containers"]?.arrayValue ?? [] {
            for port in container["ports"]?.arrayValue ?? [] {
                guard let number = port["hostPort"]?.intValue, number > 0 else { continue }
                out.append(
                    HostPort(
                        ip: port["hostIP"]?.stringValue ?? "", proto: port["protocol"]?.stringValue ?? "",
                        port: number))
            }
        }
        return out
    }

    /// Kubernetes' `HostPortInfo.CheckConflict`: 0.0.0.0 overlaps every address on the same protocol
    /// and port; a specific address conflicts with itself and with 0.0.0.0.
    func conflicts(with used: HostPort) -> Bool {
        guard proto == used.proto, port == used.port else { return false }
        return ip == HostPort.anyIP || used.ip == HostPort.anyIP || ip == used.ip
    }
}

import Resources

/// A node taint as it appears in `spec.taints` (`key=value:effect`).
public struct Taint: Sendable, Hashable {
    public enum Effect: String, Sendable, Hashable, CaseIterable {
        case noSchedule = "NoSchedule"
        case preferNoSchedule = "PreferNoSchedule"
        case noExecute = "NoExecute"
    }

    public var key: String
    public var value: String
    public var effect: Effect

    public init(key: String, value: String = "", effect: Effect) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    /// The taint as Kubernetes writes it; an empty value is left out, as the API server does.
    public var asValue: Value {
        var fields: Fields = ["key": .string(key), "effect": .string(effect.rawValue)]
        if !value.isEmpty { fields["value"] = .string(value) }
        return .object(fields)
    }
}

/// What every simulated node of a cluster looks like: capacity, labels, taints, versions.
/// Validated at construction so a bad profile fails before any node exists.
public struct NodeProfile: Sendable, Hashable {
    public let cpu: Quantity
    public let memory: Quantity
    public let pods: Int64
    public let architecture: String
    public let kubeletVersion: String
    /// Extra labels on every node (the well-known ones are added by `ClusterProfile`).
    public let labels: [String: String]
    public let taints: [Taint]

    public init(
        cpu: String = "4", memory: String = "8Gi", pods: Int64 = 110, architecture: String = "amd64",
        kubeletVersion: String = "v1.33.0", labels: [String: String] = [:], taints: [Taint] = []
    ) throws(ClusterProfileError) {
        self.cpu = try NodeProfile.positive(cpu, field: "cpu")
        self.memory = try NodeProfile.positive(memory, field: "memory")
        guard pods > 0 else { throw .invalid(field: "pods", value: String(pods), reason: "must be greater than 0") }
        self.pods = pods
        guard !architecture.isEmpty else { throw .invalid(field: "architecture", value: "", reason: "must not be empty") }
        self.architecture = architecture
        self.kubeletVersion = kubeletVersion
        for (key, value) in labels {
            if let reason = NameRules.qualifiedName(key).first {
                throw .invalid(field: "labels", value: key, reason: reason)
            }
            if let reason = NameRules.labelValue(value).first {
                throw .invalid(field: "labels[\(key)]", value: value, reason: reason)
            }
        }
        self.labels = labels
        for taint in taints {
            if let reason = NameRules.qualifiedName(taint.key).first {
                throw .invalid(field: "taints", value: taint.key, reason: reason)
            }
        }
        self.taints = taints
    }

    private static func positive(_ text: String, field: String) throws(ClusterProfileError) -> Quantity {
        let quantity: Quantity
        do {
            quantity = try Quantity(text)
        } catch {
            throw .invalid(field: field, value: text, reason: error.reason)
        }
        guard quantity.sign > 0 else { throw .invalid(field: field, value: text, reason: "must be greater than 0") }
        return quantity
    }
}

/// Why a cluster or node profile was refused: the field, the value given, and what was expected.
public enum ClusterProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(field: String, value: String, reason: String)
    /// More nodes than the pod CIDR has subnets for.
    case podCIDRTooSmall(cidr: String, prefixLength: Int, nodes: Int, capacity: UInt64)

    public var description: String {
        switch self {
        case .invalid(let field, let value, let reason):
            return "invalid \(field) \"\(value)\": \(reason)"
        case .podCIDRTooSmall(let cidr, let prefixLength, let nodes, let capacity):
            return "pod CIDR \(cidr) holds \(capacity) /\(prefixLength) node subnets after the first, "
                + "not \(nodes); use a larger range or fewer nodes"
        }
    }
}

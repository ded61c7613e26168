import Resources

/// Why a Service could not get the cluster IP or node port it needs, with the field to fix and
/// Kubernetes' wording.
public struct ServiceAllocationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: FieldPath
    public var value: String
    public var reason: String

    public var description: String { "\(field): Invalid value: \(value): \(reason)" }

    static func ipAllocated(_ ip: String, holder: String) -> ServiceAllocationError {
        ServiceAllocationError(
            field: FieldPath(keys: "spec", "clusterIP"), value: ip,
            reason: "failed to allocate IP \(ip): provided IP is already allocated (to service \(holder))")
    }

    static func ipOutOfRange(_ ip: String, range: String) -> ServiceAllocationError {
        ServiceAllocationError(
            field: FieldPath(keys: "spec", "clusterIP"), value: ip,
            reason: "failed to allocate IP \(ip): provided IP is not in the valid range. The range of valid IPs is \(range)")
    }

    static func ipRangeFull(_ range: String) -> ServiceAllocationError {
        ServiceAllocationError(
            field: FieldPath(keys: "spec", "clusterIP"), value: "\"\"",
            reason: "failed to allocate a serviceIP: range is full (every address of \(range) is in use)")
    }

    static func nodePort(_ index: Int, _ port: Int64, _ reason: String) -> ServiceAllocationError {
        ServiceAllocationError(
            field: FieldPath(keys: "spec", "ports").appending(index: index).appending("nodePort"), value: String(port), reason: reason)
    }
}

/// A configured range that is not usable.
public struct AllocatorRangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var range: String
    public var reason: String
    public var description: String { "invalid service range \(range): \(reason)" }
}

import FoundationEssentials

/// Readings of a Pod's state that several controllers share (readiness, availability, phase),
/// as Kubernetes' `podutil` reads them.
public enum PodState {
    public static func phase(_ pod: Value) -> String { pod[path: ["status", "phase"]]?.stringValue ?? "Pending" }

    /// Succeeded or Failed: the pod will not run again.
    public static func isTerminal(_ pod: Value) -> Bool {
        let phase = phase(pod)
        return phase == "Succeeded" || phase == "Failed"
    }

    /// True once `metadata.deletionTimestamp` is set.
    public static func isTerminating(_ pod: Value) -> Bool { pod[path: ["metadata", "deletionTimestamp"]] != nil }

    /// The condition of a type in `status.conditions`.
    public static func condition(_ object: Value, _ type: String) -> Value? {
        object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// The Ready condition is True.
    public static func isReady(_ pod: Value) -> Bool { condition(pod, "Ready")?["status"]?.stringValue == "True" }

    /// When the pod last became ready; nil when it is not ready.
    public static func readySince(_ pod: Value) -> Date? {
        guard let ready = condition(pod, "Ready"), ready["status"]?.stringValue == "True" else { return nil }
        return ready["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse)
    }

    /// Ready for at least `minReadySeconds` (Kubernetes' `IsPodAvailable`): with 0, ready is available.
    public static func isAvailable(_ pod: Value, minReadySeconds: Int64, now: Date) -> Bool {
        guard isReady(pod) else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = readySince(pod) else { return false }
        return since.addingTimeInterval(Double(minReadySeconds)) <= now
    }

    /// `metadata.labels` as a dictionary of strings.
    public static func labels(_ object: Value) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in object[path: ["metadata", "labels"]]?.objectValue ?? Fields() {
            if let s = v.stringValue { out[k] = s }
        }
        return out
    }
}

/// What a pod asks of a node, as the scheduler and the node agents count it.
public struct ResourceRequests: Sendable, Hashable {
    public var cpuMilli: Int64
    public var memoryBytes: Int64
    /// Other resources by name (`ephemeral-storage`, extended resources), in their base units.
    public var other: [String: Int64]

    public init(cpuMilli: Int64 = 0, memoryBytes: Int64 = 0, other: [String: Int64] = [:]) {
        self.cpuMilli = cpuMilli
        self.memoryBytes = memoryBytes
        self.other = other
    }

    public static let zero = ResourceRequests()

    public static func + (a: ResourceRequests, b: ResourceRequests) -> ResourceRequests {
        ResourceRequests(
            cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes,
            other: a.other.merging(b.other, uniquingKeysWith: +))
    }

    /// Each resource's larger value.
    public func max(_ b: ResourceRequests) -> ResourceRequests {
        ResourceRequests(
            cpuMilli: Swift.max(cpuMilli, b.cpuMilli), memoryBytes: Swift.max(memoryBytes, b.memoryBytes),
            other: other.merging(b.other, uniquingKeysWith: Swift.max))
    }

    /// A `requests` / `limits` / `allocatable` mapping; unparsable quantities count as zero (validation
    /// refuses them before they are stored).
    public init(resourceList: Value?) {
        self.init()
        for (name, value) in resourceList?.objectValue ?? Fields() {
            guard let quantity = try? Quantity(value: value) else { continue }
            switch name {
            case "cpu": cpuMilli = quantity.milliValue
            case "memory": memoryBytes = quantity.value
            default: other[name] = quantity.value
            }
        }
    }

    /// The effective requests of a pod spec, as Kubernetes computes them: app containers and sidecars
    /// (init containers with restartPolicy Always) run together; each other init container runs alone
    /// beside the sidecars started before it; the pod needs the larger, plus `overhead`.
    public init(podSpec: Value) {
        var running = ResourceRequests.zero
        for container in podSpec["containers"]?.arrayValue ?? [] {
            running = running + ResourceRequests(resourceList: container[path: ["resources", "requests"]])
        }
        var sidecars = ResourceRequests.zero
        var initPeak = ResourceRequests.zero
        for container in podSpec["initContainers"]?.arrayValue ?? [] {
            let requests = ResourceRequests(resourceList: container[path: ["resources", "requests"]])
            if container["restartPolicy"]?.stringValue == "Always" {
                sidecars = sidecars + requests
                initPeak = initPeak.max(sidecars)
            } else {
                initPeak = initPeak.max(sidecars + requests)
            }
        }
        self = (running + sidecars).max(initPeak) + ResourceRequests(resourceList: podSpec["overhead"])
    }
}

/// Durations as kubectl and Go write them: `90s`, `5m`, `1h30m`, `250ms`, `0`.
public enum DurationText {
    /// Seconds; nil for text that is not a duration.
    public static func parse(_ text: String) -> Double? {
        if text == "0" { return 0 }
        var total = 0.0
        var number = ""
        var unit = ""
        var parsedAny = false
        func flush() -> Bool {
            guard let n = Double(number), !number.isEmpty else { return false }
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return false
            }
            total += n * scale
            number = ""
            unit = ""
            parsedAny = true
            return true
        }
        for ch in text {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            }
        }
        guard flush(), parsedAny else { return nil }
        return total
    }

    /// `45s`, `2m30s`, `1h5m`: the shortest exact form for whole seconds.
    public static func format(_ seconds: Double) -> String {
        var s = Int64(seconds.rounded())
        if s == 0 { return "0s" }
        var out = ""
        if s >= 3600 {
            out += "\(s / 3600)h"
            s %= 3600
        }
        if s >= 60 {
            out += "\(s / 60)m"
            s %= 60
        }
        if s > 0 { out += "\(s)s" }
        return out
    }
}

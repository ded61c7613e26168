import Synchronization

/// Counters, gauges and histograms, rendered in Prometheus' text exposition format 0.0.4.
///
/// Metrics are registered once (names and labels checked then, so a typo fails at start-up) and
/// updated through the handles returned. Label values are given per update as a dictionary keyed
/// by the declared label names: a declared name left out is rendered as "" and an undeclared one is
/// ignored, so updating never fails on a hot path. All access goes through one mutex; berth updates
/// metrics a few times per sync, far below where that would contend.
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` for `render()`'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// Prometheus' default buckets, suited to durations in seconds.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    let families = Mutex<[String: MetricFamily]>([:])

    public init() {}

    /// A counter: a value that only goes up (negative increments are ignored).
    public func counter(_ name: String, help: String, labelNames: [String] = []) throws(MetricsError) -> Counter {
        try register(name, help: help, kind: .counter, labelNames: labelNames, buckets: [])
        return Counter(registry: self, name: name)
    }

    /// A gauge: a value that goes up and down.
    public func gauge(_ name: String, help: String, labelNames: [String] = []) throws(MetricsError) -> Gauge {
        try register(name, help: help, kind: .gauge, labelNames: labelNames, buckets: [])
        return Gauge(registry: self, name: name)
    }

    /// A histogram with upper bounds `buckets` (sorted for you; +Inf is always added).
    public func histogram(
        _ name: String, help: String, labelNames: [String] = [], buckets: [Double] = MetricsRegistry.defaultBuckets
    ) throws(MetricsError) -> Histogram {
        let bounds = try MetricNames.checkBuckets(buckets, metric: name)
        try register(name, help: help, kind: .histogram, labelNames: labelNames, buckets: bounds)
        return Histogram(registry: self, name: name)
    }

    private func register(
        _ name: String, help: String, kind: MetricFamily.Kind, labelNames: [String], buckets: [Double]
    ) throws(MetricsError) {
        try MetricNames.checkMetric(name)
        try MetricNames.checkLabels(labelNames, metric: name, kind: kind)
        let family = MetricFamily(name: name, help: help, kind: kind, labelNames: labelNames, buckets: buckets)
        let added = families.withLock { families in
            guard families[name] == nil else { return false }
            families[name] = family
            return true
        }
        guard added else { throw MetricsError(metric: name, message: "is already registered") }
    }

    func update(_ name: String, _ change: (inout MetricFamily) -> Void) {
        families.withLock { families in
            if var family = families[name] {
                // Removing first keeps the dictionaries inside uniquely referenced, so no copy.
                families[name] = nil
                change(&family)
                families[name] = family
            }
        }
    }
}

/// A handle to a registered counter.
public struct Counter: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func increment(by amount: Double = 1, labels: [String: String] = [:]) {
        guard amount >= 0 else { return }
        registry.update(name) { family in family.values[family.key(labels), default: 0] += amount }
    }
}

/// A handle to a registered gauge.
public struct Gauge: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func set(_ value: Double, labels: [String: String] = [:]) {
        registry.update(name) { family in family.values[family.key(labels)] = value }
    }

    public func increment(by amount: Double = 1, labels: [String: String] = [:]) {
        registry.update(name) { family in family.values[family.key(labels), default: 0] += amount }
    }

    public func decrement(by amount: Double = 1, labels: [String: String] = [:]) {
        increment(by: -amount, labels: labels)
    }
}

/// A handle to a registered histogram.
public struct Histogram: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func observe(_ value: Double, labels: [String: String] = [:]) {
        registry.update(name) { family in family.observe(value, labels: labels) }
    }
}

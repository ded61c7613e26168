/// A metric that cannot be registered, naming the metric and the rule it breaks.
public struct MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var metric: String
    public var message: String

    public init(metric: String, message: String) {
        self.metric = metric
        self.message = message
    }

    public var description: String {
        "metric \(metric): \(message)"
    }
}

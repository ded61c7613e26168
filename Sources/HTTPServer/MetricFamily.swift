/// One metric name with its help, type, declared label names and a series per label-value tuple.
struct MetricFamily: Sendable {
    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// A histogram series: per-bucket counts (not cumulative; rendering sums them), sum and count.
    struct HistogramSeries: Sendable {
        var bucketCounts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    let name: String
    let help: String
    let kind: Kind
    let labelNames: [String]
    /// Upper bounds, sorted, without +Inf (always present implicitly).
    let buckets: [Double]
    var values: [[String]: Double] = [:]
    var histograms: [[String]: HistogramSeries] = [:]

    /// The label values in declared order: missing names get "" (which Prometheus treats as the
    /// label being absent) and names that were not declared are ignored.
    func key(_ labels: [String: String]) -> [String] {
        labelNames.map { labels[$0] ?? "" }
    }

    mutating func observe(_ value: Double, labels: [String: String]) {
        let key = key(labels)
        var series = histograms[key] ?? HistogramSeries(bucketCounts: Array(repeating: 0, count: buckets.count))
        // Buckets are "less than or equal", so the first bound >= value counts it.
        if let index = buckets.firstIndex(where: { value <= $0 }) { series.bucketCounts[index] += 1 }
        series.sum += value
        series.count += 1
        histograms[key] = series
    }
}

/// Name rules from Prometheus' data model.
enum MetricNames {
    static func checkMetric(_ name: String) throws(MetricsError) {
        guard isValid(name, allowColon: true) else {
            throw MetricsError(metric: name, message: "name must match [a-zA-Z_:][a-zA-Z0-9_:]*")
        }
    }

    static func checkLabels(_ labels: [String], metric: String, kind: MetricFamily.Kind) throws(MetricsError) {
        var seen = Set<String>()
        for label in labels {
            guard isValid(label, allowColon: false) else {
                throw MetricsError(metric: metric, message: "label name \(label) must match [a-zA-Z_][a-zA-Z0-9_]*")
            }
            guard !label.hasPrefix("__") else {
                throw MetricsError(metric: metric, message: "label names starting with __ are reserved")
            }
            guard kind != .histogram || label != "le" else {
                throw MetricsError(metric: metric, message: "a histogram cannot have a label named le")
            }
            guard seen.insert(label).inserted else {
                throw MetricsError(metric: metric, message: "label \(label) is declared twice")
            }
        }
    }

    static func checkBuckets(_ buckets: [Double], metric: String) throws(MetricsError) -> [Double] {
        let finite = buckets.filter { $0 != .infinity }
        guard !finite.contains(where: \.isNaN), !finite.contains(-.infinity) else {
            throw MetricsError(metric: metric, message: "bucket bounds must be numbers")
        }
        let sorted = finite.sorted()
        guard Set(sorted).count == sorted.count else {
            throw MetricsError(metric: metric, message: "bucket bounds must be distinct")
        }
        return sorted
    }

    private static func isValid(_ name: String, allowColon: Bool) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        return name.utf8.allSatisfy { byte in
            isDigit(byte) || byte == UInt8(ascii: "_") || (allowColon && byte == UInt8(ascii: ":"))
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

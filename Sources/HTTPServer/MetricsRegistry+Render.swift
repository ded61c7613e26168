extension MetricsRegistry {
    /// The exposition text: families sorted by name, series by label values, so output is stable
    /// between scrapes and exact in tests. A family with no series yet shows only HELP and TYPE.
    public func render() -> String {
        let snapshot = families.withLock { $0 }
        var out = ""
        for family in snapshot.values.sorted(by: { $0.name < $1.name }) {
            out += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            if family.kind == .histogram {
                for (key, series) in family.histograms.sorted(by: { Self.precedes($0.key, $1.key) }) {
                    out += Self.render(family, key: key, series: series)
                }
            } else {
                for (key, value) in family.values.sorted(by: { Self.precedes($0.key, $1.key) }) {
                    out += "\(family.name)\(Self.labelText(family.labelNames, key)) \(Self.number(value))\n"
                }
            }
        }
        return out
    }

    private static func render(_ family: MetricFamily, key: [String], series: MetricFamily.HistogramSeries) -> String {
        var out = ""
        var cumulative: UInt64 = 0
        let names = family.labelNames + ["le"]
        for (bound, count) in zip(family.buckets, series.bucketCounts) {
            cumulative += count
            out += "\(family.name)_bucket\(labelText(names, key + [number(bound)])) \(cumulative)\n"
        }
        out += "\(family.name)_bucket\(labelText(names, key + ["+Inf"])) \(series.count)\n"
        out += "\(family.name)_sum\(labelText(family.labelNames, key)) \(number(series.sum))\n"
        out += "\(family.name)_count\(labelText(family.labelNames, key)) \(series.count)\n"
        return out
    }

    private static func precedes(_ left: [String], _ right: [String]) -> Bool {
        left.lexicographicallyPrecedes(right)
    }

    private static func labelText(_ names: [String], _ values: [String]) -> String {
        if names.isEmpty { return "" }
        let pairs = zip(names, values).map { "\($0)=\"\(escapeLabel($1))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
    static func escapeLabel(_ value: String) -> String {
        escape(value, quote: true)
    }

    /// HELP text escapes only backslash and line feed; a quote stays as is.
    static func escapeHelp(_ help: String) -> String {
        escape(help, quote: false)
    }

    /// Works on scalars, not Characters: "\r\n" is one Character, and matching Characters would
    /// let its line feed through unescaped and break the line-based format.
    private static func escape(_ text: String, quote: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\"" where quote: out.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Integral values without a fraction ("3", not "3.0"), as Prometheus' own clients write them;
    /// others in Swift's shortest round-trip form, which Prometheus parses.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

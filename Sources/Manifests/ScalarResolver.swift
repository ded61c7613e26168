import Resources

/// Resolves YAML scalars to values exactly as Kubernetes does: sigs.k8s.io/yaml over go-yaml v2,
/// which follows YAML 1.1 (`yes`/`on` are booleans, `0755` is octal) with Go's number syntax.
///
/// Works on the raw bytes so that the common case, a plain string, costs one first-byte check.
enum ScalarResolver {
    /// The type a scalar resolved to, for checking explicit tags (`!!int`) against it.
    enum Kind: String {
        case null, bool, int, float, str
    }

    static let tagPrefix = "tag:yaml.org,2002:"

    /// A plain (unquoted, untagged) scalar. Returns nil when it is a string, so the caller makes
    /// the string only once.
    static func resolvePlain(_ p: UnsafeBufferPointer<UInt8>) -> (Value, Kind)? {
        guard let first = p.first else { return (.null, .null) }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return p.count <= 5 ? keyword(p) : nil
        case UInt8(ascii: "."):
            if let special = keyword(p) { return special }
            return isYAMLFloat(p) ? float(p) : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if first == UInt8(ascii: "+") || first == UInt8(ascii: "-"), let special = keyword(p) { return special }
            if p.contains(UInt8(ascii: "_")) {
                let stripped = p.filter { $0 != UInt8(ascii: "_") }
                return stripped.withUnsafeBufferPointer { number($0) }
            }
            return number(p)
        default:
            return nil
        }
    }

    /// go-yaml's table of words: booleans, nulls and the special floats.
    private static let keywords: [(bytes: [UInt8], value: Value, kind: Kind)] = {
        let groups: [([String], Value, Kind)] = [
            (["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"], .bool(true), .bool),
            (["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"], .bool(false), .bool),
            (["~", "null", "Null", "NULL"], .null, .null),
            ([".nan", ".NaN", ".NAN"], .double(.nan), .float),
            ([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], .double(.infinity), .float),
            (["-.inf", "-.Inf", "-.INF"], .double(-.infinity), .float),
        ]
        return groups.flatMap { words, value, kind in words.map { (Array($0.utf8), value, kind) } }
    }()

    /// Compares bytes rather than making a string: many keys (`name`, `ports`) reach this check.
    private static func keyword(_ p: UnsafeBufferPointer<UInt8>) -> (Value, Kind)? {
        for entry in keywords where entry.bytes.count == p.count && entry.bytes[0] == p[0] {
            if entry.bytes.elementsEqual(p) { return (entry.value, entry.kind) }
        }
        return nil
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint`, then YAML's float syntax, in go-yaml's
    /// order. Integers beyond Int64 become doubles, as they do once Kubernetes reads the JSON.
    private static func number(_ p: UnsafeBufferPointer<UInt8>) -> (Value, Kind)? {
        switch parseGoInteger(p) {
        case .int(let i): return (.int(i), .int)
        case .uint(let u): return (.double(Double(u)), .int)
        case .invalid: return isYAMLFloat(p) ? float(p) : nil
        }
    }

    private static func float(_ p: UnsafeBufferPointer<UInt8>) -> (Value, Kind)? {
        // Go's ParseFloat fails on overflow and go-yaml then keeps the text as a string.
        guard let d = Double(String(decoding: p, as: UTF8.self)), d.isFinite else { return nil }
        return (.double(d), .float)
    }

    private enum IntegerParse {
        case int(Int64)
        case uint(UInt64)
        case invalid
    }

    /// Base prefixes `0x`, `0o`, `0b` and a leading `0` for octal, with an optional sign.
    private static func parseGoInteger(_ p: UnsafeBufferPointer<UInt8>) -> IntegerParse {
        var i = 0
        var negative = false
        let signed = p[0] == UInt8(ascii: "+") || p[0] == UInt8(ascii: "-")
        if signed {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < p.count else { return .invalid }
        var base: UInt64 = 10
        if p[i] == UInt8(ascii: "0") && i + 1 < p.count {
            switch p[i + 1] | 0x20 {
            case UInt8(ascii: "x"):
                base = 16
                i += 2
            case UInt8(ascii: "o"):
                base = 8
                i += 2
            case UInt8(ascii: "b"):
                base = 2
                i += 2
            default:
                base = 8
                i += 1
            }
        }
        guard i < p.count else { return .invalid }
        var magnitude: UInt64 = 0
        var overflow = false
        while i < p.count {
            guard let digit = digitValue(p[i]), digit < base else { return .invalid }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = sum
            i += 1
        }
        if overflow { return .invalid }
        if negative {
            if magnitude <= UInt64(Int64.max) + 1 {
                return .int(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
            }
            return .invalid
        }
        if magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
        return signed ? .invalid : .uint(magnitude)  // ParseUint refuses a sign
    }

    private static func digitValue(_ b: UInt8) -> UInt64? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLFloat(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < p.count, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count else { return false }
        if p[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < p.count, p[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == p.count
    }
}

import Resources

/// Writes values as YAML text in the block style `kubectl get -o yaml` prints: two-space indent,
/// list items at their key's indentation, field order kept.
public enum YAMLEmitter {
    /// One document, ending in a newline.
    public static func emit(_ value: Value) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, linePrefix: [], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one document to `out` as `emit` writes it, each line ending in a newline. The first
    /// line continues whatever `out` ends with; every later line starts with `linePrefix` (a diff
    /// marker, an indentation), which is written even before the empty lines of a literal block.
    public static func write(_ value: Value, linePrefix: [UInt8], into out: inout [UInt8]) {
        var writer = YAMLWriter(linePrefix: linePrefix)
        swap(&writer.out, &out)
        writer.document(value)
        swap(&writer.out, &out)
    }

    /// Several documents separated by `---` lines.
    public static func emitDocuments(_ values: [Value]) -> String {
        var out: [UInt8] = []
        for (i, value) in values.enumerated() {
            if i > 0 { out += "---\n".utf8 }
            write(value, linePrefix: [], into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One scalar in inline form, quoted only when plain text would read back as something else
    /// (`"yes"`, `"1"`, `""`) or would not parse. Mappings and lists come out in flow form.
    public static func scalar(_ value: Value) -> String {
        var writer = YAMLWriter(linePrefix: [])
        writer.flow(value)
        return String(decoding: writer.out, as: UTF8.self)
    }

    /// Integral doubles keep a `.0` so they read back as doubles, as the JSON form writes them.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
        if d == d.rounded(.towardZero) && abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }
}

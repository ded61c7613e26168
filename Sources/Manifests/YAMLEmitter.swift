import Resources

/// Writes values as YAML text in the block style `kubectl get -o yaml` prints: two-space indent,
/// list items at their key's indentation, field order kept.
public enum YAMLEmitter {
    /// One document, ending in a newline.
    public static func emit(_ value: Value) -> String {
        var out = ""
        out.reserveCapacity(512)
        switch value {
        case .object(let fields) where !fields.isEmpty:
            writeMapping(fields, indent: 0, inline: false, into: &out)
        case .array(let items) where !items.isEmpty:
            writeList(items, indent: 0, inline: false, into: &out)
        default:
            writeScalarValue(value, contentIndent: 2, into: &out)
        }
        return out
    }

    /// Several documents separated by `---` lines.
    public static func emitDocuments(_ values: [Value]) -> String {
        values.map(emit).joined(separator: "---\n")
    }

    /// One scalar in inline form, quoted only when plain text would read back as something else
    /// (`"yes"`, `"1"`, `""`) or would not parse. Mappings and lists come out in flow form.
    public static func scalar(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatDouble(d)
        case .string(let s): return ScalarStyle.inline(s)
        case .array(let items): return "[" + items.map(scalar).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.map { ScalarStyle.inline($0.key) + ": " + scalar($0.value) }.joined(separator: ", ")
                + "}"
        }
    }

    /// Integral doubles keep a `.0` so they read back as doubles, as the JSON form writes them.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
        if d == d.rounded(.towardZero) && abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }

    // MARK: - Block layout

    /// `inline` means the line is already started (after `- `), so the first entry needs no indent.
    private static func writeMapping(_ fields: Fields, indent: Int, inline: Bool, into out: inout String) {
        var first = true
        for (key, value) in fields {
            if !(first && inline) { out += String(repeating: " ", count: indent) }
            first = false
            out += ScalarStyle.inline(key)
            out += ":"
            switch value {
            case .object(let child) where !child.isEmpty:
                out += "\n"
                writeMapping(child, indent: indent + 2, inline: false, into: &out)
            case .array(let items) where !items.isEmpty:
                out += "\n"
                writeList(items, indent: indent, inline: false, into: &out)
            default:
                out += " "
                writeScalarValue(value, contentIndent: indent + 2, into: &out)
            }
        }
    }

    private static func writeList(_ items: [Value], indent: Int, inline: Bool, into out: inout String) {
        var first = true
        for item in items {
            if !(first && inline) { out += String(repeating: " ", count: indent) }
            first = false
            out += "- "
            switch item {
            case .object(let child) where !child.isEmpty:
                writeMapping(child, indent: indent + 2, inline: true, into: &out)
            case .array(let nested) where !nested.isEmpty:
                writeList(nested, indent: indent + 2, inline: true, into: &out)
            default:
                writeScalarValue(item, contentIndent: indent + 2, into: &out)
            }
        }
    }

    /// A scalar (or empty container) and its line end; multi-line strings become literal blocks.
    private static func writeScalarValue(_ value: Value, contentIndent: Int, into out: inout String) {
        if case .string(let s) = value, let header = ScalarStyle.literalHeader(s) {
            out += header
            out += "\n"
            let pad = String(repeating: " ", count: contentIndent)
            var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            if s.hasSuffix("\n") { lines.removeLast() }
            for line in lines {
                if !line.isEmpty {
                    out += pad
                    out += line
                }
                out += "\n"
            }
            return
        }
        out += scalar(value)
        out += "\n"
    }
}

import Resources

/// The block layout of `YAMLEmitter`, written as UTF-8 into one byte buffer.
struct YAMLWriter {
    var out: [UInt8] = []
    /// The line prefix followed by spaces: a line at indentation n starts with the first
    /// `prefixCount + n` bytes, copied at once.
    private var lineStart: [UInt8]
    private let prefixCount: Int

    init(linePrefix: [UInt8]) {
        lineStart = linePrefix + repeatElement(UInt8(ascii: " "), count: 32)
        prefixCount = linePrefix.count
    }

    /// A whole document. Its first line is already started, so the first entry gets no indentation.
    mutating func document(_ value: Value) {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            mapping(fields, indent: 0, inline: true)
        case .array(let items) where !items.isEmpty:
            list(items, indent: 0, inline: true)
        default:
            blockScalar(value, contentIndent: 2)
        }
    }

    /// One value in flow form: a scalar as `YAMLEmitter.scalar` writes it, `[a, b]`, `{k: v}`.
    mutating func flow(_ value: Value) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): integer(i)
        case .double(let d): out += YAMLEmitter.formatDouble(d).utf8
        case .string(let s): ScalarStyle.write(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { pair(",", " ") }
                flow(item)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in fields {
                if !first { pair(",", " ") }
                first = false
                ScalarStyle.write(key, into: &out)
                pair(":", " ")
                flow(value)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    // MARK: - Block layout

    /// Two ASCII characters, appended one by one: cheaper than copying a string's bytes.
    private mutating func pair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) {
        out.append(UInt8(ascii: first))
        out.append(UInt8(ascii: second))
    }

    private mutating func startLine(indent: Int) {
        let count = prefixCount + indent
        if count > lineStart.count { lineStart += repeatElement(UInt8(ascii: " "), count: count - lineStart.count) }
        out += lineStart[..<count]
    }

    /// `inline` means the line is already started (after `- `), so the first entry needs no indent.
    private mutating func mapping(_ fields: Fields, indent: Int, inline: Bool) {
        var first = inline
        for (key, value) in fields {
            if !first { startLine(indent: indent) }
            first = false
            ScalarStyle.write(key, into: &out)
            switch value {
            case .object(let child) where !child.isEmpty:
                pair(":", "\n")
                mapping(child, indent: indent + 2, inline: false)
            case .array(let items) where !items.isEmpty:
                pair(":", "\n")
                list(items, indent: indent, inline: false)
            default:
                pair(":", " ")
                blockScalar(value, contentIndent: indent + 2)
            }
        }
    }

    private mutating func list(_ items: [Value], indent: Int, inline: Bool) {
        var first = inline
        for item in items {
            if !first { startLine(indent: indent) }
            first = false
            pair("-", " ")
            switch item {
            case .object(let child) where !child.isEmpty:
                mapping(child, indent: indent + 2, inline: true)
            case .array(let nested) where !nested.isEmpty:
                list(nested, indent: indent + 2, inline: true)
            default:
                blockScalar(item, contentIndent: indent + 2)
            }
        }
    }

    /// A scalar (or empty container) and its line end; multi-line strings become literal blocks.
    private mutating func blockScalar(_ value: Value, contentIndent: Int) {
        guard case .string(let s) = value else {
            flow(value)
            out.append(UInt8(ascii: "\n"))
            return
        }
        var text = s
        text.withUTF8 { p in
            if p.contains(UInt8(ascii: "\n")), let header = ScalarStyle.literalHeader(s) {
                out += header.utf8
                out.append(UInt8(ascii: "\n"))
                literalLines(p, contentIndent: contentIndent)
            } else {
                ScalarStyle.write(s, p, into: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// The lines of a literal block's text, indented; a final newline ends the last line rather
    /// than starting an empty one. Empty lines get no indentation.
    private mutating func literalLines(_ text: UnsafeBufferPointer<UInt8>, contentIndent: Int) {
        var start = 0
        while start < text.count {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            startLine(indent: end > start ? contentIndent : 0)
            out += UnsafeBufferPointer(rebasing: text[start..<end])
            out.append(UInt8(ascii: "\n"))
            start = end + 1
        }
    }

    /// Decimal digits without going through a String.
    private mutating func integer(_ i: Int64) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = i.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
}

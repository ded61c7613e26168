import Manifests
import Resources

/// Diff text as it is written: each line a two-character marker and a line of YAML, lines joined by
/// newlines. Values are emitted once as YAML and their lines copied as bytes behind their markers.
struct DiffText {
    enum Marker {
        case context, added, removed

        var text: String {
            switch self {
            case .context: return "  "
            case .added: return "+ "
            case .removed: return "- "
            }
        }
    }

    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func key(_ key: String) -> String { YAMLEmitter.scalar(.string(key)) }

    /// One line: the marker, `indent` spaces, then `content`.
    mutating func line(_ marker: Marker, indent: Int, _ content: String) {
        startLine(marker, indent: indent)
        bytes += content.utf8
    }

    /// A whole value as a YAML document's lines.
    mutating func document(_ value: Value, _ marker: Marker) {
        lines(of: YAMLEmitter.emit(value), marker, indent: 0, first: "", rest: "")
    }

    /// A value under a key, or as a list item when `key` is nil, at an indentation.
    mutating func value(key: String?, _ value: Value, indent: Int, _ marker: Marker) {
        let isBlock: Bool
        switch value {
        case .object(let f): isBlock = !f.isEmpty
        case .array(let a): isBlock = !a.isEmpty
        default: isBlock = false
        }
        guard isBlock else {
            line(marker, indent: indent, (key.map { Self.key($0) + ": " } ?? "- ") + YAMLEmitter.scalar(value))
            return
        }
        let body = YAMLEmitter.emit(value)
        guard let key else {
            // A list item: "- " before the first line, two spaces before the rest.
            lines(of: body, marker, indent: indent, first: "- ", rest: "  ")
            return
        }
        line(marker, indent: indent, Self.key(key) + ":")
        lines(of: body, marker, indent: value.arrayValue != nil ? indent : indent + 2, first: "", rest: "")
    }

    /// Each line of `yaml` (the newline that ends the last one is not a line of its own) as a diff
    /// line, `first` or `rest` after the indentation.
    private mutating func lines(of yaml: String, _ marker: Marker, indent: Int, first: String, rest: String) {
        var yaml = yaml
        yaml.withUTF8 { yaml in
            var start = 0
            while start < yaml.count {
                let end = yaml[start...].firstIndex(of: UInt8(ascii: "\n")) ?? yaml.count
                startLine(marker, indent: indent)
                bytes += (start == 0 ? first : rest).utf8
                bytes += UnsafeBufferPointer(rebasing: yaml[start..<end])
                start = end + 1
            }
        }
    }

    private mutating func startLine(_ marker: Marker, indent: Int) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes += marker.text.utf8
        bytes += repeatElement(UInt8(ascii: " "), count: indent)
    }
}

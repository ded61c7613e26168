import Manifests
import Resources

/// Diff text as it is written: each line a two-character marker and a line of YAML, lines joined by
/// newlines. Values are emitted as YAML straight into the text, the emitter starting each line with
/// its marker and indentation.
struct DiffText {
    enum Marker {
        case context, added, removed

        var bytes: [UInt8] {
            switch self {
            case .context: return Array("  ".utf8)
            case .added: return Array("+ ".utf8)
            case .removed: return Array("- ".utf8)
            }
        }
    }

    /// Every line ends in a newline here; `text` leaves out the last one.
    private var bytes: [UInt8] = []

    init() {
        // Room for the YAML of a typical object, so the buffer is not regrown line by line.
        bytes.reserveCapacity(2048)
    }

    var text: String { String(decoding: bytes.dropLast(), as: UTF8.self) }

    static func key(_ key: String) -> String { YAMLEmitter.scalar(.string(key)) }

    /// One line: the marker, `indent` spaces, then `content`.
    mutating func line(_ marker: Marker, indent: Int, _ content: String) {
        bytes += Self.lineStart(marker, indent: indent)
        bytes += content.utf8
        bytes.append(UInt8(ascii: "\n"))
    }

    /// A whole value as a YAML document's lines.
    mutating func document(_ value: Value, _ marker: Marker) {
        let start = Self.lineStart(marker, indent: 0)
        bytes += start
        YAMLEmitter.write(value, linePrefix: start, into: &bytes)
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
        let start = Self.lineStart(marker, indent: indent)
        guard let key else {
            // A list item: "- " before the first line, two spaces before the rest.
            bytes += start
            bytes += "- ".utf8
            YAMLEmitter.write(value, linePrefix: start + "  ".utf8, into: &bytes)
            return
        }
        line(marker, indent: indent, Self.key(key) + ":")
        let bodyStart = value.arrayValue != nil ? start : start + "  ".utf8
        bytes += bodyStart
        YAMLEmitter.write(value, linePrefix: bodyStart, into: &bytes)
    }

    private static func lineStart(_ marker: Marker, indent: Int) -> [UInt8] {
        marker.bytes + repeatElement(UInt8(ascii: " "), count: indent)
    }
}

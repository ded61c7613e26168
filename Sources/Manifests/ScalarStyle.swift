/// How a string is written so that it reads back as the same string, following go-yaml v2 (what
/// kubectl prints): plain when that is safe, double quotes when plain text would resolve to
/// another type, single quotes when plain text would not parse, literal blocks for multi-line text.
///
/// The rules run on the UTF-8 bytes; only text with a byte ≥ 0x80 needs the Unicode-aware checks.
enum ScalarStyle {
    enum Style {
        case plain, singleQuoted, doubleQuoted
    }

    /// Appends `text` in inline form.
    static func write(_ text: String, into out: inout [UInt8]) {
        var bytes = text
        bytes.withUTF8 { write(text, $0, into: &out) }
    }

    /// Appends `text`, whose UTF-8 bytes are `p`, in inline form.
    static func write(_ text: String, _ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        switch style(text, p) {
        case .plain: out += p
        case .singleQuoted: singleQuoted(text, into: &out)
        case .doubleQuoted: doubleQuoted(text, into: &out)
        }
    }

    /// The inline style of `text`, whose UTF-8 bytes are `p`.
    static func style(_ text: String, _ p: UnsafeBufferPointer<UInt8>) -> Style {
        var ascii = true
        for byte in p {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte < 0x20 || byte == 0x7F { return .doubleQuoted }
        }
        if p.isEmpty || (!ascii && hasSpecialCharacters(text, allowingNewlines: false)) || readsAsOtherType(p) {
            return .doubleQuoted
        }
        // Printable ASCII has one character per byte; otherwise a combining mark can extend the
        // third character of a document marker.
        let documentMarker =
            startsWithDocumentMarker(p) && (ascii || text.hasPrefix("---") || text.hasPrefix("..."))
        return !documentMarker && isPlainSafe(p) ? .plain : .singleQuoted
    }

    /// `|`, `|-` or `|+` when the string can be a literal block, else nil.
    static func literalHeader(_ s: String) -> String? {
        guard s.utf8.contains(0x0A), s.utf8.contains(where: { $0 != 0x0A }),
            !hasSpecialCharacters(s, allowingNewlines: true),
            !s.contains(" \n"), !s.hasSuffix(" ")
        else { return nil }
        // The first non-empty line sets the block's indentation, so it must not start with a space.
        if let firstLine = s.split(separator: "\n").first, firstLine.hasPrefix(" ") { return nil }
        var trailing = 0
        for byte in s.utf8.reversed() {
            guard byte == 0x0A else { break }
            trailing += 1
        }
        switch trailing {
        case 0: return "|-"
        case 1: return "|"
        default: return "|+"
        }
    }

    /// Text that a plain scalar would turn into a non-string: booleans, nulls, numbers, the merge
    /// key, and (as go-yaml quotes them too) timestamps and YAML 1.1 base-60 numbers.
    static func readsAsOtherType(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if p.count == 2 && p[0] == UInt8(ascii: "<") && p[1] == UInt8(ascii: "<") { return true }
        return ScalarResolver.resolvePlain(p) != nil || looksLikeTimestamp(p) || looksLikeBase60(p)
    }

    private static func looksLikeTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        func digit(_ i: Int) -> Bool { i < b.count && isDigit(b[i]) }
        guard digit(0), digit(1), digit(2), digit(3), b.count > 5, b[4] == UInt8(ascii: "-"), isDigit(b[5]) else {
            return false
        }
        var i = 6
        if digit(i) { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "-"), digit(i + 1) else { return false }
        i += 2
        if digit(i) { i += 1 }
        guard i < b.count else { return true }
        return b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20
    }

    private static func looksLikeBase60(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = p[...]
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, isDigit(first), bytes.contains(UInt8(ascii: ":")) else { return false }
        return bytes.allSatisfy {
            isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func startsWithDocumentMarker(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 3, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: ".") else { return false }
        return b[1] == b[0] && b[2] == b[0]
    }

    /// libyaml's rules for a plain scalar in block context, for one printable line that does not
    /// start with a document marker.
    private static func isPlainSafe(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, let last = b.last else { return false }
        if first == 0x20 || last == 0x20 { return false }
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if b.count == 1 || b[1] == 0x20 { return false }
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default: break
        }
        if last == UInt8(ascii: ":") { return false }
        for i in 1..<b.count {
            if b[i - 1] == UInt8(ascii: ":") && b[i] == 0x20 { return false }
            if b[i - 1] == 0x20 && b[i] == UInt8(ascii: "#") { return false }
        }
        return true
    }

    /// Characters libyaml will not write outside double quotes (controls, line separators, BOM).
    static func hasSpecialCharacters(_ s: String, allowingNewlines: Bool) -> Bool {
        s.unicodeScalars.contains { c in
            switch c.value {
            case 0x0A: return !allowingNewlines
            case 0x09: return !allowingNewlines
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
            default: return false
            }
        }
    }

    /// Every quote byte doubled, as a YAML parser reads bytes: a quote followed by a combining mark
    /// is still a quote to it.
    private static func singleQuoted(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "'"))
        for byte in s.utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "'") { out.append(byte) }
        }
        out.append(UInt8(ascii: "'"))
    }

    private static func doubleQuoted(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.unicodeScalars {
            switch c.value {
            case 0x22: out += "\\\"".utf8
            case 0x5C: out += "\\\\".utf8
            case 0x00: out += "\\0".utf8
            case 0x07: out += "\\a".utf8
            case 0x08: out += "\\b".utf8
            case 0x09: out += "\\t".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0B: out += "\\v".utf8
            case 0x0C: out += "\\f".utf8
            case 0x0D: out += "\\r".utf8
            case 0x1B: out += "\\e".utf8
            case 0x85: out += "\\N".utf8
            case 0x2028: out += "\\L".utf8
            case 0x2029: out += "\\P".utf8
            case 0..<0x20, 0x7F, 0x80..<0xA0: hex(c.value, prefix: "\\x", width: 2, into: &out)
            case 0xFEFF, 0xFFFE, 0xFFFF: hex(c.value, prefix: "\\u", width: 4, into: &out)
            default: out += c.utf8
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex(_ v: UInt32, prefix: String, width: Int, into out: inout [UInt8]) {
        let digits = String(v, radix: 16, uppercase: true)
        out += prefix.utf8
        out += repeatElement(UInt8(ascii: "0"), count: max(0, width - digits.count))
        out += digits.utf8
    }
}

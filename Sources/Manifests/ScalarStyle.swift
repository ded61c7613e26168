/// How a string is written so that it reads back as the same string, following go-yaml v2 (what
/// kubectl prints): plain when that is safe, double quotes when plain text would resolve to
/// another type, single quotes when plain text would not parse, literal blocks for multi-line text.
enum ScalarStyle {
    static func inline(_ s: String) -> String {
        if s.isEmpty || hasSpecialCharacters(s, allowingNewlines: false) || readsAsOtherType(s) {
            return doubleQuoted(s)
        }
        return isPlainSafe(s) ? s : singleQuoted(s)
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
    static func readsAsOtherType(_ s: String) -> Bool {
        if s == "<<" { return true }
        var copy = s
        let resolves = copy.withUTF8 { ScalarResolver.resolvePlain($0) != nil }
        return resolves || looksLikeTimestamp(s) || looksLikeBase60(s)
    }

    private static func looksLikeTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8.prefix(11))
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < b.count && isDigit(b[$0]) } }
        guard digits(0..<4), b.count > 5, b[4] == UInt8(ascii: "-"), isDigit(b[5]) else { return false }
        var i = 6
        if i < b.count, isDigit(b[i]) { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "-"), i + 1 < b.count, isDigit(b[i + 1]) else { return false }
        i += 2
        if i < b.count, isDigit(b[i]) { i += 1 }
        return i == s.utf8.count || (i < b.count && [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20].contains(b[i]))
    }

    private static func looksLikeBase60(_ s: String) -> Bool {
        var bytes = Substring(s).utf8[...]
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, isDigit(first), bytes.contains(UInt8(ascii: ":")) else { return false }
        return bytes.allSatisfy {
            isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// libyaml's rules for a plain scalar in block context, for one printable line.
    static func isPlainSafe(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, let last = b.last else { return false }
        if first == 0x20 || last == 0x20 { return false }
        if s.hasPrefix("---") || s.hasPrefix("...") { return false }
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
        for i in 0..<(b.count - 1) {
            if b[i] == UInt8(ascii: ":") && b[i + 1] == 0x20 { return false }
            if b[i] == 0x20 && b[i + 1] == UInt8(ascii: "#") { return false }
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

    static func singleQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00: out += "\\0"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x85: out += "\\N"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\x" + hex(c.value, width: 2)
            case 0xFEFF, 0xFFFE, 0xFFFF: out += "\\u" + hex(c.value, width: 4)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// Foundation-free replacement, enough for quoting.
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

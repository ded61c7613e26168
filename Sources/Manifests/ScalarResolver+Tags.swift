import Resources

extension ScalarResolver {
    /// A scalar with an explicit tag. go-yaml v2 resolves `!!str`, `!!int`, `!!bool`, `!!float`
    /// and `!!timestamp` (and refuses text of another type), decodes `!!binary` from base64, and
    /// keeps the text of any other tag as a string. `!!null` is honoured here too (go-yaml v2 would
    /// keep its text as a string, which nobody means).
    static func resolveTagged(_ p: UnsafeBufferPointer<UInt8>, tag: String) -> Result<Value, TagError> {
        guard tag.hasPrefix(tagPrefix) else { return .success(.string(String(decoding: p, as: UTF8.self))) }
        let short = tag.dropFirst(tagPrefix.count)
        let text = { String(decoding: p, as: UTF8.self) }
        let resolved = resolvePlain(p) ?? (.string(text()), .str)
        switch short {
        case "int", "bool", "null":
            guard resolved.1.rawValue == short else { return .failure(TagError(found: resolved.1, tag: String(short))) }
            return .success(resolved.0)
        case "float":
            switch resolved {
            case (.int(let i), _): return .success(.double(Double(i)))
            case (let value, .float), (let value, .int): return .success(value)
            default: return .failure(TagError(found: resolved.1, tag: "float"))
            }
        case "binary":
            guard let bytes = decodeBase64(p) else { return .failure(TagError(found: .str, tag: "binary")) }
            return .success(.string(String(decoding: bytes, as: UTF8.self)))
        default:
            return .success(.string(text()))
        }
    }

    /// The text of a mapping key. sigs.k8s.io/yaml turns non-string keys into their JSON text
    /// (`1:` → "1", `true:` → "true") and refuses null and non-scalar keys.
    static func keyString(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
            if d == d.rounded(), abs(d) < 1e6 { return String(Int64(d)) }
            return String(Float(d))
        case .null, .array, .object: return nil
        }
    }

    /// Standard base64, ignoring line breaks and spaces as a block scalar carries them.
    static func decodeBase64(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(p.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in p {
            let sextet: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): sextet = 62
            case UInt8(ascii: "/"): sextet = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            case 0x0A, 0x0D, 0x20: continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | sextet
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return padding <= 2 && (bits == 0 || padding > 0 || bits < 6) ? out : nil
    }
}

/// An explicit tag that does not fit its text (`!!int abc`).
struct TagError: Error {
    var found: ScalarResolver.Kind
    var tag: String
}

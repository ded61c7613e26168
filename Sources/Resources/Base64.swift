/// Standard base64 (RFC 4648, with padding), as Kubernetes stores Secret `data` and ConfigMap
/// `binaryData`. Line breaks are skipped when decoding, as Go's decoder skips them.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, b) in alphabet.enumerated() { table[Int(b)] = UInt8(i) }
        return table
    }()

    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i < input.count {
            let b0 = input[i]
            let b1 = i + 1 < input.count ? input[i + 1] : 0
            let b2 = i + 2 < input.count ? input[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded bytes, or nil when the text is not padded base64 of the standard alphabet.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = text.utf8.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var index = 0
        while index < chars.count {
            let isLast = index + 4 == chars.count
            var sextets: [UInt8] = []
            var padding = 0
            for b in chars[index..<index + 4] {
                if b == UInt8(ascii: "=") {
                    padding += 1
                    continue
                }
                // A character after padding, or padding before the last group, is malformed.
                guard padding == 0 else { return nil }
                let v = decodeTable[Int(b)]
                guard v != 0xFF else { return nil }
                sextets.append(v)
            }
            guard padding <= 2, padding == 0 || isLast else { return nil }
            let s = sextets + [UInt8](repeating: 0, count: padding)
            out.append(s[0] << 2 | s[1] >> 4)
            if padding < 2 { out.append(s[1] << 4 | s[2] >> 2) }
            if padding < 1 { out.append(s[2] << 6 | s[3]) }
            index += 4
        }
        return out
    }
}

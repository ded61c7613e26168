import Glibc

extension ServerFields {
    /// `count` fresh uids as the API server gives them: random (version 4) UUIDs in lower case.
    /// The random bytes for all of them are drawn at once (glibc's arc4random: the kernel's
    /// randomness), not one call per uid.
    static func uids(_ count: Int) -> [String] {
        var random = [UInt8](repeating: 0, count: 16 * count)
        random.withUnsafeMutableBytes { if let start = $0.baseAddress { arc4random_buf(start, $0.count) } }
        let hex = Array("0123456789abcdef".utf8)
        return (0..<count).map { index in
            var bytes = random[(index * 16)..<(index * 16 + 16)].map { $0 }
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // the RFC 4122 variant
            var text: [UInt8] = []
            text.reserveCapacity(36)
            for (position, byte) in bytes.enumerated() {
                if position == 4 || position == 6 || position == 8 || position == 10 { text.append(UInt8(ascii: "-")) }
                text.append(hex[Int(byte >> 4)])
                text.append(hex[Int(byte & 0x0F)])
            }
            return String(decoding: text, as: UTF8.self)
        }
    }
}

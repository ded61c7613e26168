/// HMAC (RFC 2104) over SHA-256.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        // Keys longer than a block are hashed first; shorter ones are zero-padded to a block.
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block += Array(repeating: 0, count: SHA256.blockSize - block.count)
        let inner = SHA256.hash(block.map { $0 ^ 0x36 } + message)
        return SHA256.hash(block.map { $0 ^ 0x5c } + inner)
    }
}

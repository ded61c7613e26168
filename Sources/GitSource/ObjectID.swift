import CGit2

// Object ids cross the public API as lowercase hex strings, so nothing of libgit2 leaks out.

extension git_oid {
    /// The 40-character lowercase hex form, as git prints it.
    var hex: String {
        withUnsafeBytes(of: id) { bytes in
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// A full or abbreviated object id parsed from hex.
struct ParsedObjectID {
    var oid: git_oid
    /// How many hex digits were given; fewer than 40 means a prefix.
    var length: Int

    /// Parses `text`, which must be 4 to 40 hex digits (git's own bounds for an abbreviation).
    init(_ text: String) throws(GitError) {
        let isHex = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        let count = text.utf8.count
        guard isHex, count >= 4, count <= 40 else {
            throw GitError.berth(
                .invalidObjectID, "invalid object id '\(text)'",
                "expected 4 to 40 hexadecimal digits")
        }
        var oid = git_oid()
        try check(git_oid_fromstrn(&oid, text, count), "invalid object id '\(text)'")
        self.oid = oid
        self.length = count
    }
}

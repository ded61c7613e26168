/// Where the mirror of a URL lives inside a cache folder.
///
/// The folder name is a readable form of the URL (host and path, so a person looking in the cache
/// can tell mirrors apart) followed by a hash of the whole URL (so two URLs that read alike never
/// share a mirror). User names and passwords in the URL are left out of the readable part, so a
/// token never shows up in a folder listing.
enum MirrorLocation {
    static func folderName(for url: String) -> String {
        "\(readableName(for: url))-\(fnv1a64Hex(url)).git"
    }

    static func readableName(for url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        // Credentials sit before the last "@" of the authority (https://user:token@host/…) or of
        // an scp-like address (git@host:org/repo).
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }

        var name = ""
        var lastWasDash = false
        for scalar in rest.unicodeScalars {
            let keep =
                scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_")
            if keep {
                name.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                name.append("-")
                lastWasDash = true
            }
        }
        if name.hasSuffix(".git") { name.removeLast(4) }
        let trimmed = name.trimming(["-", "."])
        // When the name is too long its end is kept: the repository's own name is there.
        let limited = String(trimmed.suffix(64)).trimming(["-", "."])
        return limited.isEmpty ? "repository" : limited
    }

    /// FNV-1a, 64-bit: a stable hash that needs no library; it only has to tell URLs apart.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension String {
    fileprivate func trimming(_ set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

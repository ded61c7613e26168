/// Textual IP address and CIDR checks for Service cluster IPs, endpoint addresses and pod CIDRs.
enum IPAddress {
    static func isValid(_ s: String) -> Bool { isIPv4(s) || isIPv6(s) }

    static func isValidCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].utf8.allSatisfy(NameRules.isDigit) else { return false }
        let address = String(parts[0])
        if isIPv4(address) { return (0...32).contains(bits) }
        if isIPv6(address) { return (0...128).contains(bits) }
        return false
    }

    /// Dotted quad without leading zeros, which Kubernetes refuses in new objects as ambiguous.
    static func isIPv4(_ s: String) -> Bool {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            guard !octet.isEmpty, octet.count <= 3, octet.utf8.allSatisfy(NameRules.isDigit), let v = Int(octet) else { return false }
            return v <= 255 && (octet.count == 1 || octet.first != "0")
        }
    }

    static func isIPv6(_ s: String) -> Bool {
        guard s.contains(":") else { return false }
        var text = Substring(s)
        var groupsNeeded = 8
        // An embedded IPv4 tail (`::ffff:10.0.0.1`) stands for two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(text[text.index(after: lastColon)...])) else { return false }
            text = text[...lastColon]
            if text.hasSuffix("::") == false { text = text.dropLast() }
            groupsNeeded = 6
        }
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return false }
        let groups = halves.map { half in half.isEmpty ? [] : half.split(separator: ":", omittingEmptySubsequences: false) }
        let all = groups.flatMap { $0 }
        guard all.allSatisfy({ g in !g.isEmpty && g.count <= 4 && g.utf8.allSatisfy(isHex) }) else { return false }
        return halves.count == 2 ? all.count < groupsNeeded : all.count == groupsNeeded
    }

    private static func isHex(_ b: UInt8) -> Bool {
        NameRules.isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }
}

extension Substring {
    /// Splits at `::` (at most meaningful once in an IPv6 address).
    fileprivate func components(separatedByDoubleColon: ()) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == ":", next < endIndex, self[next] == ":" {
                parts.append(self[start..<i])
                start = index(after: next)
                i = start
                continue
            }
            i = next
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}

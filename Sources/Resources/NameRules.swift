/// The string rules Kubernetes applies to names, keys and labels. Each check returns the reasons a
/// value fails (empty when it passes), worded as the API server words them so a message found in a
/// Kubernetes guide matches what berth says.
public enum NameRules {
    static let dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')"
    static let dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')"
    static let dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')"
    static let qualifiedNamePartMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')"

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters: Namespace names, container names.
    public static func dns1123Label(_ s: String) -> [String] {
        withUTF8(s) { bytes in
            var reasons: [String] = []
            if bytes.count > 63 { reasons.append(maxLength(63)) }
            if !isDNS1123Label(bytes) { reasons.append(dns1123LabelMessage) }
            return reasons
        }
    }

    /// Dot-separated RFC 1123 labels, at most 253 characters: most object names.
    public static func dns1123Subdomain(_ s: String) -> [String] {
        withUTF8(s) { bytes in
            var reasons: [String] = []
            if bytes.count > 253 { reasons.append(maxLength(253)) }
            if !isDNS1123Subdomain(bytes) { reasons.append(dns1123SubdomainMessage) }
            return reasons
        }
    }

    /// `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters: Service names.
    public static func dns1035Label(_ s: String) -> [String] {
        withUTF8(s) { bytes in
            var reasons: [String] = []
            if bytes.count > 63 { reasons.append(maxLength(63)) }
            if !isDNS1123Label(bytes) || !(bytes.first.map(isLowerAlpha) ?? false) {
                reasons.append(dns1035LabelMessage)
            }
            return reasons
        }
    }

    /// A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most
    /// 63 characters matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
    public static func qualifiedName(_ s: String) -> [String] {
        if withUTF8(s, isQualifiedName) { return [] }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        var name = s
        var reasons: [String] = []
        switch parts.count {
        case 1: break
        case 2:
            let prefix = String(parts[0])
            name = String(parts[1])
            if prefix.isEmpty {
                reasons.append("prefix part must be non-empty")
            } else {
                reasons += dns1123Subdomain(prefix).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            reasons.append("name part must be non-empty")
        } else {
            if name.utf8.count > 63 { reasons.append("name part " + maxLength(63)) }
            if !withUTF8(name, isQualifiedNamePart) { reasons.append(qualifiedNamePartMessage) }
        }
        return reasons
    }

    /// A label value: empty, or at most 63 characters matching the qualified name part.
    public static func labelValue(_ s: String) -> [String] {
        withUTF8(s) { bytes in
            var reasons: [String] = []
            if bytes.count > 63 { reasons.append(maxLength(63)) }
            if !bytes.isEmpty && !isQualifiedNamePart(bytes) { reasons.append(labelValueMessage) }
            return reasons
        }
    }

    /// An IANA service name (RFC 6335): port names of containers and Services.
    public static func ianaServiceName(_ s: String) -> [String] {
        var reasons: [String] = []
        let bytes = s.utf8
        if bytes.count > 15 { reasons.append(maxLength(15)) }
        if !bytes.allSatisfy({ isLowerAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) {
            reasons.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        // Bytes and characters agree on ASCII text; other text is searched by characters.
        let hyphens =
            bytes.allSatisfy { $0 < 0x80 }
            ? s.utf8.withContiguousStorageIfAvailable { text in
                text.indices.dropFirst().contains { text[$0] == UInt8(ascii: "-") && text[$0 - 1] == UInt8(ascii: "-") }
            } ?? s.contains("--")
            : s.contains("--")
        if hyphens { reasons.append("must not contain consecutive hyphens") }
        if !bytes.contains(where: isLowerAlpha) { reasons.append("must contain at least one letter (a-z)") }
        if bytes.first == UInt8(ascii: "-") || bytes.last == UInt8(ascii: "-") {
            reasons.append("must not begin or end with a hyphen")
        }
        return reasons
    }

    /// A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`.
    public static func configMapKey(_ s: String) -> [String] {
        var reasons: [String] = []
        if s.utf8.count > 253 { reasons.append(maxLength(253)) }
        if s.isEmpty || !s.utf8.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) {
            reasons.append(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')")
        }
        reasons += dotPrefixReasons(s)
        return reasons
    }

    /// An environment variable name: `[-._a-zA-Z][-._a-zA-Z0-9]*`. Kubernetes 1.34 relaxed this to
    /// any printable ASCII but `=`; berth keeps the strict rule so manifests work on older clusters too.
    public static func envVarName(_ s: String) -> [String] {
        var reasons: [String] = []
        let bytes = s.utf8
        let valid = !bytes.isEmpty && !isDigit(bytes[bytes.startIndex])
            && bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        if !valid {
            reasons.append(
                "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1')")
        }
        reasons += dotPrefixReasons(s)
        return reasons
    }

    static func maxLength(_ n: Int) -> String { "must be no more than \(n) characters" }

    private static func dotPrefixReasons(_ s: String) -> [String] {
        if s == "." { return ["must not be '.'"] }
        if s == ".." { return ["must not be '..'"] }
        if s.hasPrefix("..") { return ["must not start with '..'"] }
        return []
    }

    /// Runs `body` on the UTF-8 bytes of `s`, in place where the string is stored contiguously
    /// (as strings read from a manifest are).
    static func withUTF8<R>(_ s: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    static func isDNS1123Label(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isLowerAlnum(first) && isLowerAlnum(last) && bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// Dot-separated RFC 1123 labels, checked in one pass: each label starts and ends with a
    /// lower-case letter or digit, so a dot never follows a dot or a hyphen, nor starts the name.
    static func isDNS1123Subdomain(_ bytes: some Collection<UInt8>) -> Bool {
        var previous = UInt8(ascii: ".")
        for b in bytes {
            switch b {
            case UInt8(ascii: "-"): if previous == UInt8(ascii: ".") { return false }
            case UInt8(ascii: "."): if !isLowerAlnum(previous) { return false }
            default: if !isLowerAlnum(b) { return false }
            }
            previous = b
        }
        return isLowerAlnum(previous)
    }

    /// Whether `qualifiedName` finds nothing wrong. Only ASCII passes, where bytes and characters
    /// split alike, so any other key goes on to `qualifiedName`'s reasons.
    static func isQualifiedName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            return bytes.count <= 63 && isQualifiedNamePart(bytes)
        }
        let prefix = bytes[..<slash]
        let name = bytes[(slash + 1)...]
        return prefix.count <= 253 && isDNS1123Subdomain(prefix) && name.count <= 63 && isQualifiedNamePart(name)
    }

    static func isQualifiedNamePart(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isAlnum(first) && isAlnum(last)
            && bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static func isLowerAlnum(_ b: UInt8) -> Bool { isLowerAlpha(b) || isDigit(b) }
    static func isLowerAlpha(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    static func isAlnum(_ b: UInt8) -> Bool {
        isLowerAlpha(b) || isDigit(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}

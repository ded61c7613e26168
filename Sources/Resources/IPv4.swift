/// An IPv4 address as a number, so CIDR arithmetic (the i-th /24 of a pod range, the next free host)
/// is integer arithmetic.
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bits: UInt32

    public init(bits: UInt32) { self.bits = bits }

    /// Dotted quad without leading zeros; nil for anything else.
    public init?(_ text: String) {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bits: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII), octet.allSatisfy(\.isNumber),
                octet.count == 1 || octet.first != "0", let value = UInt32(octet), value <= 255
            else { return nil }
            bits = bits << 8 | value
        }
        self.bits = bits
    }

    public var description: String { "\(bits >> 24).\(bits >> 16 & 255).\(bits >> 8 & 255).\(bits & 255)" }

    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.bits < b.bits }
}

/// An IPv4 network in CIDR form (`10.244.3.0/24`).
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    public var base: IPv4Address
    public var prefixLength: Int

    public init(base: IPv4Address, prefixLength: Int) {
        self.prefixLength = prefixLength
        self.base = IPv4Address(bits: base.bits & IPv4Network.mask(prefixLength))
    }

    /// `a.b.c.d/n` whose address is the network address itself; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(String(parts[0])), parts[1].allSatisfy(\.isNumber),
            let length = Int(parts[1]), (0...32).contains(length),
            address.bits & ~IPv4Network.mask(length) == 0
        else { return nil }
        self.init(base: address, prefixLength: length)
    }

    public static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << UInt32(32 - length) }

    /// Number of addresses, network and broadcast included (2^(32 − prefix)).
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    public func contains(_ address: IPv4Address) -> Bool { address.bits & IPv4Network.mask(prefixLength) == base.bits }

    /// The address `offset` places after the network address; nil past the end.
    public func address(at offset: UInt64) -> IPv4Address? {
        guard offset < size else { return nil }
        return IPv4Address(bits: base.bits + UInt32(offset))
    }

    /// The `index`-th subnet of a longer prefix: `10.244.0.0/16`, /24, 3 → `10.244.3.0/24`.
    public func subnet(prefixLength length: Int, index: UInt64) -> IPv4Network? {
        guard length >= prefixLength, length <= 32, index < UInt64(1) << UInt64(length - prefixLength) else { return nil }
        let step = UInt64(1) << UInt64(32 - length)
        return IPv4Network(base: IPv4Address(bits: base.bits + UInt32(index * step)), prefixLength: length)
    }

    public var description: String { "\(base)/\(prefixLength)" }
}

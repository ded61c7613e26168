extension Quantity {
    /// The canonical text, as `Quantity.String()` writes it: the largest suffix that keeps the
    /// number whole (`1000m` → `1`, `0.5` → `500m`, `1024Mi` → `1Gi`, `1.5G` → `1500M`). Binary
    /// amounts below 1024 or not whole are written in decimal, so no precision is lost.
    public var canonical: String {
        if mantissa == 0 { return "0" }
        if format == .binarySI, let text = binaryCanonical { return text }
        var m = mantissa
        var e = exponent
        let remainder = ((e % 3) + 3) % 3
        let (scaled, overflow) = Quantity.multiply(m, byPowerOfTen: remainder)
        if overflow { return "\(m)e\(e)" }
        m = scaled
        e -= remainder
        if format == .decimalExponent { return e == 0 ? "\(m)" : "\(m)e\(e)" }
        guard let suffix = Quantity.decimalSuffixes.first(where: { $0.value == e })?.key else { return "\(m)e\(e)" }
        return "\(m)\(suffix)"
    }

    private var binaryCanonical: String? {
        guard exponent >= 0 else { return nil }
        let (whole, overflow) = Quantity.multiply(mantissa, byPowerOfTen: exponent)
        guard !overflow, whole.magnitude >= 1024 else { return nil }
        var amount = whole
        var power = 0
        while power < 6, amount % 1024 == 0 {
            amount /= 1024
            power += 1
        }
        let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
        return "\(amount)\(suffix)"
    }

    /// The quantity rounded up to a multiple of `10^scale`, as Kubernetes rounds resource lists to
    /// milli precision before storing them.
    public func roundedUp(toScale scale: Int) -> Quantity {
        guard exponent < scale else { return self }
        return Quantity(mantissa: scaled(to: scale), exponent: scale, format: format)
    }
}

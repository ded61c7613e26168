/// A Kubernetes resource quantity (`100m`, `0.5`, `128Mi`, `1e3`), held exactly as
/// `mantissa × 10^exponent` with at most nano precision, as `resource.Quantity` holds it.
///
/// Equality and order compare the amount only: `1000m == 1`, whatever the written format.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How a quantity was written, which decides how it is written back.
    public enum Format: Sendable, Hashable {
        /// `500m`, `1k`, `1.5G`, or no suffix at all.
        case decimalSI
        /// `128Mi`, `1Gi`.
        case binarySI
        /// `1e3`, `5E-3`.
        case decimalExponent
    }

    /// The amount's digits with trailing zeros moved into `exponent` (zero has exponent 0).
    public private(set) var mantissa: Int64
    /// The power of ten, never below -9 (nano).
    public private(set) var exponent: Int
    public var format: Format

    /// The largest amount Kubernetes keeps; larger inputs are capped to it.
    static let maxUnits = Int64.max

    /// An amount of `mantissa × 10^exponent`, rounded up to nano precision.
    public init(mantissa: Int64, exponent: Int = 0, format: Format = .decimalSI) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.format = format
        roundUpToNano()
        normalize()
    }

    /// A whole number of units: `Quantity(2)` is two cores, `Quantity(1024, format: .binarySI)` is `1Ki`.
    public init(_ units: Int64, format: Format = .decimalSI) {
        self.init(mantissa: units, exponent: 0, format: format)
    }

    /// An amount in thousandths: `Quantity(milli: 250)` is `250m`.
    public init(milli: Int64) {
        self.init(mantissa: milli, exponent: -3, format: .decimalSI)
    }

    public static let zero = Quantity(0)

    public var isZero: Bool { mantissa == 0 }

    /// -1, 0 or 1.
    public var sign: Int { mantissa == 0 ? 0 : (mantissa < 0 ? -1 : 1) }

    /// The amount in thousandths, rounded up (towards positive infinity) as `MilliValue()` does;
    /// saturates at the bounds of Int64.
    public var milliValue: Int64 { scaled(to: -3) }

    /// The amount in whole units, rounded up as `Value()` does: `100m` has value 1.
    public var value: Int64 { scaled(to: 0) }

    /// The amount in units of `10^scale`, rounded towards positive infinity, saturating.
    public func scaled(to scale: Int) -> Int64 {
        if exponent >= scale {
            let (product, overflow) = Quantity.multiply(mantissa, byPowerOfTen: exponent - scale)
            if overflow { return mantissa < 0 ? Int64.min : Int64.max }
            return product
        }
        let divisor = Quantity.powerOfTen(scale - exponent)
        guard let divisor else { return mantissa > 0 ? 1 : 0 }
        let (q, r) = mantissa.quotientAndRemainder(dividingBy: divisor)
        return r > 0 ? q + 1 : q
    }

    public static func == (a: Quantity, b: Quantity) -> Bool {
        a.mantissa == b.mantissa && a.exponent == b.exponent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mantissa)
        hasher.combine(exponent)
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { compare(a, b) < 0 }

    /// The sum, or an error when it does not fit the exact representation.
    public func adding(_ other: Quantity) throws(QuantityError) -> Quantity {
        let (x, y, e) = try Quantity.aligned(self, other)
        let (sum, overflow) = x.addingReportingOverflow(y)
        if overflow { throw QuantityError(input: "\(self) + \(other)", reason: "the sum is too large") }
        return Quantity(mantissa: sum, exponent: e, format: format)
    }

    /// The difference, or an error when it does not fit the exact representation.
    public func subtracting(_ other: Quantity) throws(QuantityError) -> Quantity {
        let (x, y, e) = try Quantity.aligned(self, other)
        let (difference, overflow) = x.subtractingReportingOverflow(y)
        if overflow { throw QuantityError(input: "\(self) - \(other)", reason: "the difference is too large") }
        return Quantity(mantissa: difference, exponent: e, format: format)
    }

    public var description: String { canonical }

    // MARK: - Exact arithmetic helpers

    static func powerOfTen(_ n: Int) -> Int64? {
        guard n >= 0, n <= 18 else { return nil }
        var p: Int64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    static func multiply(_ m: Int64, byPowerOfTen n: Int) -> (Int64, overflow: Bool) {
        if m == 0 { return (0, false) }
        guard let p = powerOfTen(n) else { return (m, true) }
        let (product, overflow) = m.multipliedReportingOverflow(by: p)
        return (product, overflow)
    }

    /// Both mantissas at the smaller exponent, so they can be added.
    private static func aligned(_ a: Quantity, _ b: Quantity) throws(QuantityError) -> (Int64, Int64, Int) {
        let e = min(a.exponent, b.exponent)
        let (x, ox) = multiply(a.mantissa, byPowerOfTen: a.exponent - e)
        let (y, oy) = multiply(b.mantissa, byPowerOfTen: b.exponent - e)
        if ox || oy { throw QuantityError(input: "\(a), \(b)", reason: "the amounts are too far apart to combine exactly") }
        return (x, y, e)
    }

    static func compare(_ a: Quantity, _ b: Quantity) -> Int {
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.sign == 0 { return 0 }
        let e = min(a.exponent, b.exponent)
        let (x, ox) = multiply(a.mantissa, byPowerOfTen: a.exponent - e)
        let (y, oy) = multiply(b.mantissa, byPowerOfTen: b.exponent - e)
        // Only the side with the larger exponent is scaled, so an overflow means that side is larger
        // in magnitude.
        let magnitude: Int
        if ox {
            magnitude = 1
        } else if oy {
            magnitude = -1
        } else {
            magnitude = x == y ? 0 : (x.magnitude < y.magnitude ? -1 : 1)
        }
        return a.sign > 0 ? magnitude : -magnitude
    }

    private mutating func roundUpToNano() {
        guard exponent < -9 else { return }
        let shift = -9 - exponent
        exponent = -9
        guard let divisor = Quantity.powerOfTen(shift) else {
            // Smaller than a nano unit: round a non-zero amount up to one nano, away from zero.
            mantissa = mantissa == 0 ? 0 : mantissa.signum()
            return
        }
        let (q, r) = mantissa.quotientAndRemainder(dividingBy: divisor)
        mantissa = r == 0 ? q : q + mantissa.signum()
    }

    private mutating func normalize() {
        if mantissa == 0 {
            exponent = 0
            return
        }
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        // Kubernetes caps every quantity at 2^63-1 units.
        if exponent > 0 {
            let (_, overflow) = Quantity.multiply(mantissa, byPowerOfTen: exponent)
            if overflow {
                mantissa = mantissa < 0 ? -Quantity.maxUnits : Quantity.maxUnits
                exponent = 0
            }
        }
    }
}

/// A quantity that could not be read or computed, with the input and the reason.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    public var input: String
    public var reason: String
    public var description: String { "invalid quantity \"\(input)\": \(reason)" }
}

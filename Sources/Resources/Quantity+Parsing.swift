extension Quantity {
    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]

    /// The one-letter decimal suffixes and the first letters of the binary ones, by byte.
    private static let decimalPowers: [UInt8: Int] = Dictionary(
        uniqueKeysWithValues: decimalSuffixes.compactMap { key, power in key.utf8.first.map { ($0, power) } })
    private static let binaryPowers: [UInt8: Int] = Dictionary(
        uniqueKeysWithValues: binarySuffixes.map { key, power in (key.utf8.first!, power) })

    static let formatReason =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    /// Reads a quantity as Kubernetes' `ParseQuantity` does: a signed decimal number and an optional
    /// suffix (`m`, `k`, `Mi`, `e3` …). Amounts finer than nano round up; amounts above 2^63-1 units
    /// are capped. Numbers with more significant digits than Int64 holds are refused.
    public init(_ text: String) throws(QuantityError) {
        self = try NameRules.withUTF8(text) { Quantity.parse($0, text: text) }.get()
    }

    /// The parse on the text's bytes, making no string unless it fails.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Result<Quantity, QuantityError> {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        // The significant digits accumulate in `mantissa`; zeros after the last non-zero digit
        // wait in `zeros`, and at the end move into the exponent.
        var mantissa: Int64 = 0
        var zeros = 0
        var tooLong = false
        var sawDigit = false
        var fractionDigits = 0
        var seenDot = false
        while i < bytes.count {
            let b = bytes[i]
            if NameRules.isDigit(b) {
                sawDigit = true
                if seenDot { fractionDigits += 1 }
                if b == UInt8(ascii: "0") {
                    if mantissa != 0 { zeros += 1 }
                } else {
                    for _ in 0..<zeros { tooLong = tooLong || Quantity.append(0, to: &mantissa) }
                    zeros = 0
                    tooLong = tooLong || Quantity.append(Int64(b - UInt8(ascii: "0")), to: &mantissa)
                }
            } else if b == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return .failure(QuantityError(input: text, reason: Quantity.formatReason)) }
        guard let (base, power, format) = Quantity.suffix(bytes[i...]) else {
            let suffix = String(decoding: bytes[i...], as: UTF8.self)
            return .failure(QuantityError(input: text, reason: "unknown suffix \"\(suffix)\"; " + Quantity.formatReason))
        }
        if tooLong { return .failure(QuantityError(input: text, reason: "too many significant digits to hold exactly")) }
        var exponent = -fractionDigits + (mantissa == 0 ? 0 : zeros)
        if base == 10 {
            exponent += power
        } else {
            // Multiply by 2^(10·power) one doubling at a time, folding factors of ten back into the
            // exponent so `1.5Ei` stays inside Int64.
            for _ in 0..<(10 * power) {
                let (doubled, overflow) = mantissa.multipliedReportingOverflow(by: 2)
                if overflow {
                    if exponent >= 0 {
                        mantissa = Quantity.maxUnits
                        exponent = 0
                        break
                    }
                    return .failure(QuantityError(input: text, reason: "too many significant digits to hold exactly"))
                }
                mantissa = doubled
                if exponent < 0, mantissa % 10 == 0 {
                    mantissa /= 10
                    exponent += 1
                }
            }
        }
        return .success(Quantity(mantissa: negative ? -mantissa : mantissa, exponent: exponent, format: format))
    }

    /// Appends a decimal digit to `mantissa`; true when the result no longer fits (and then the
    /// mantissa is of no further use).
    private static func append(_ digit: Int64, to mantissa: inout Int64) -> Bool {
        let (times, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times.addingReportingOverflow(digit)
        mantissa = sum
        return o1 || o2
    }

    /// A quantity from a manifest value: a string, or a YAML/JSON number as Kubernetes accepts one.
    public init(value: Value) throws(QuantityError) {
        switch value {
        case .string(let s): try self.init(Quantity.trimmed(s))
        case .int(let i): self.init(i)
        case .double(let d):
            guard d.isFinite else { throw QuantityError(input: String(d), reason: "not a finite number") }
            try self.init(String(d))
        default:
            throw QuantityError(input: value.typeName, reason: "expected a string or a number")
        }
    }

    private static func trimmed(_ s: String) -> String {
        let isBlank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        if let first = s.utf8.first, let last = s.utf8.last, !isBlank(first), !isBlank(last) { return s }
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[start...end])
    }

    /// The base, power and format a suffix stands for: `m`, `Mi`, `e3`; nil for any other text.
    private static func suffix(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> (base: Int, power: Int, Format)? {
        if s.contains(where: { $0 >= 0x80 }) {
            // Other text is looked up as a string, by canonical equivalence (the Kelvin sign is K).
            let text = String(decoding: s, as: UTF8.self)
            if let p = decimalSuffixes[text] { return (10, p, .decimalSI) }
            if let p = binarySuffixes[text] { return (2, p, .binarySI) }
            return nil
        }
        switch s.count {
        case 0: return (10, 0, .decimalSI)
        case 1:
            if let p = decimalPowers[s[s.startIndex]] { return (10, p, .decimalSI) }
        case 2:
            if s[s.startIndex + 1] == UInt8(ascii: "i"), let p = binaryPowers[s[s.startIndex]] { return (2, p, .binarySI) }
        default: break
        }
        var rest = s
        guard let first = rest.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") else { return nil }
        rest = rest.dropFirst()
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.count <= 4, rest.allSatisfy(NameRules.isDigit) else { return nil }
        let n = rest.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return (10, negative ? -n : n, .decimalExponent)
    }
}

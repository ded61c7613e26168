extension Quantity {
    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]

    static let formatReason =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    /// Reads a quantity as Kubernetes' `ParseQuantity` does: a signed decimal number and an optional
    /// suffix (`m`, `k`, `Mi`, `e3` …). Amounts finer than nano round up; amounts above 2^63-1 units
    /// are capped. Numbers with more significant digits than Int64 holds are refused.
    public init(_ text: String) throws(QuantityError) {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenDot = false
        while i < bytes.count {
            let b = bytes[i]
            if NameRules.isDigit(b) {
                digits.append(b)
                if seenDot { fractionDigits += 1 }
            } else if b == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else { throw QuantityError(input: text, reason: Quantity.formatReason) }
        let suffix = String(decoding: bytes[i...], as: UTF8.self)
        guard let (base, power, format) = Quantity.suffix(suffix) else {
            throw QuantityError(input: text, reason: "unknown suffix \"\(suffix)\"; " + Quantity.formatReason)
        }

        while let first = digits.first, first == UInt8(ascii: "0"), digits.count > 1 { digits.removeFirst() }
        var exponent = -fractionDigits
        while digits.count > 1, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        guard var mantissa = Int64(String(decoding: digits, as: UTF8.self)) else {
            throw QuantityError(input: text, reason: "too many significant digits to hold exactly")
        }
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
                    throw QuantityError(input: text, reason: "too many significant digits to hold exactly")
                }
                mantissa = doubled
                if exponent < 0, mantissa % 10 == 0 {
                    mantissa /= 10
                    exponent += 1
                }
            }
        }
        self.init(mantissa: negative ? -mantissa : mantissa, exponent: exponent, format: format)
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
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[start...end])
    }

    private static func suffix(_ s: String) -> (base: Int, power: Int, Format)? {
        if let p = decimalSuffixes[s] { return (10, p, .decimalSI) }
        if let p = binarySuffixes[s] { return (2, p, .binarySI) }
        var rest = Substring(s)
        guard let first = rest.first, first == "e" || first == "E" else { return nil }
        rest = rest.dropFirst()
        var negative = false
        if let sign = rest.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.utf8.allSatisfy(NameRules.isDigit), rest.count <= 4, let n = Int(rest) else {
            return nil
        }
        return (10, negative ? -n : n, .decimalExponent)
    }
}

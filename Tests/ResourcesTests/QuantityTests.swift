import Testing
@testable import Resources

@Suite struct QuantityTests {
    @Test(arguments: [
        ("100m", "100m", Int64(100), Int64(1)),
        ("1000m", "1", 1000, 1),
        ("0.5", "500m", 500, 1),
        ("1.5", "1500m", 1500, 2),
        ("128Mi", "128Mi", 134_217_728_000, 134_217_728),
        ("1024Mi", "1Gi", 1_073_741_824_000, 1_073_741_824),
        ("1536Mi", "1536Mi", 1_610_612_736_000, 1_610_612_736),
        ("1Gi", "1Gi", 1_073_741_824_000, 1_073_741_824),
        ("1e3", "1e3", 1_000_000, 1000),
        ("12e2", "1200", 1_200_000, 1200),
        ("1.5G", "1500M", 1_500_000_000_000, 1_500_000_000),
        ("500k", "500k", 500_000_000, 500_000),
        ("1000000", "1M", 1_000_000_000, 1_000_000),
        ("0", "0", 0, 0),
        ("0.1m", "100u", 1, 1),  // 0.1m keeps micro precision; milliValue rounds up to 1
        ("512", "512", 512_000, 512),
        ("0.5Ki", "512", 512_000, 512),  // binary below 1024 is written in decimal
        ("1.5Ei", "1536Pi", Int64.max, 1_729_382_256_910_270_464),
        ("-1", "-1", -1000, -1),
        ("+2", "2", 2000, 2),
        ("1n", "1n", 1, 1),
        (".5", "500m", 500, 1),
    ])
    func parsesAndWritesCanonically(input: String, canonical: String, milli: Int64, value: Int64) throws {
        let q = try Quantity(input)
        #expect(q.canonical == canonical)
        #expect(q.milliValue == milli)
        #expect(q.value == value)
        #expect(try Quantity(q.canonical) == q)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1Qi", "Mi", "1 m", "1e", "--1", "1mm", "12345678901234567890123"])
    func refusesBadInput(input: String) {
        #expect(throws: QuantityError.self) { try Quantity(input) }
    }

    @Test func suffixesAreReadAsStrings() throws {
        #expect(try Quantity("1\u{212A}i") == Quantity("1Ki"))
        #expect(throws: QuantityError.self) { try Quantity("1\u{E9}") }
    }

    @Test func roundsFinerThanNanoUp() throws {
        #expect(try Quantity("0.0000000001").canonical == "1n")
        #expect(try Quantity("1.0000000001").canonical == "1000000001n")
    }

    @Test func readsManifestValues() throws {
        #expect(try Quantity(value: .int(2)).canonical == "2")
        #expect(try Quantity(value: .double(0.25)).canonical == "250m")
        #expect(try Quantity(value: .string(" 64Mi ")).canonical == "64Mi")
        #expect(throws: QuantityError.self) { try Quantity(value: .bool(true)) }
    }

    @Test func comparesAmountsAcrossFormats() throws {
        #expect(try Quantity("1000m") == Quantity("1"))
        #expect(try Quantity("1Ki") == Quantity("1024"))
        #expect(try Quantity("1G") < Quantity("1Gi"))
        #expect(try Quantity("-1") < Quantity("0"))
        #expect(try Quantity("-2") < Quantity("-1"))
        #expect(try Quantity("999m") < Quantity("1"))
        #expect(try Quantity("8E") > Quantity("1n"))  // scaling 8E to nano overflows; still ordered
        #expect(Set([try Quantity("1"), try Quantity("1000m")]).count == 1)
    }

    @Test func addsAndSubtractsExactly() throws {
        let sum = try Quantity("100m").adding(Quantity("1.9"))
        #expect(sum == (try Quantity("2")))
        #expect(sum.canonical == "2")
        let difference = try Quantity("1Gi").subtracting(Quantity("512Mi"))
        #expect(difference.canonical == "512Mi")
        #expect(throws: QuantityError.self) { try Quantity("8E").adding(Quantity("1n")) }
    }

    @Test func capsAtTheLargestAmount() throws {
        #expect(try Quantity("100E").value == Int64.max)
    }
}

import Testing
@testable import Resources

@Suite struct NameRulesTests {
    @Test(arguments: [
        ("web", true), ("a", true), ("123-abc", true), ("web-1", true), ("-web", false), ("web-", false),
        ("Web", false), ("we.b", false), ("", false), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), false),
    ])
    func dns1123Label(name: String, valid: Bool) {
        #expect(NameRules.dns1123Label(name).isEmpty == valid)
    }

    @Test(arguments: [
        ("example.com", true), ("web", true), ("a.b-c.d", true), ("a..b", false), (".a", false), ("a.", false),
        ("A.b", false), ("a_b", false), (String(repeating: "a.", count: 126) + "a", true),
        (String(repeating: "a.", count: 127), false),
    ])
    func dns1123Subdomain(name: String, valid: Bool) {
        #expect(NameRules.dns1123Subdomain(name).isEmpty == valid)
    }

    @Test(arguments: [("web", true), ("abc-123", true), ("1web", false), ("web-", false)])
    func dns1035Label(name: String, valid: Bool) {
        #expect(NameRules.dns1035Label(name).isEmpty == valid)
    }

    @Test(arguments: [
        ("app", true), ("app.kubernetes.io/name", true), ("My_Name.x", true), ("example.com/", false),
        ("/name", false), ("a/b/c", false), ("Example.com/name", false), ("-app", false), ("app-", false),
        (String(repeating: "n", count: 64), false), ("x/" + String(repeating: "n", count: 63), true),
    ])
    func qualifiedNames(key: String, valid: Bool) {
        #expect(NameRules.qualifiedName(key).isEmpty == valid)
    }

    @Test(arguments: [
        ("", true), ("v1.2_3-x", true), ("a b", false), ("-a", false), ("a/b", false),
        (String(repeating: "v", count: 63), true), (String(repeating: "v", count: 64), false),
    ])
    func labelValues(value: String, valid: Bool) {
        #expect(NameRules.labelValue(value).isEmpty == valid)
    }

    @Test(arguments: [
        ("http", true), ("grpc-web", true), ("h2c", true), ("123", false), ("web--x", false), ("-web", false),
        ("Http", false), ("a-very-long-port-name", false),
    ])
    func ianaServiceNames(name: String, valid: Bool) {
        #expect(NameRules.ianaServiceName(name).isEmpty == valid)
    }

    @Test(arguments: [("config.yaml", true), ("KEY_1", true), (".env", true), ("..x", false), (".", false), ("a/b", false), ("", false)])
    func configMapKeys(key: String, valid: Bool) {
        #expect(NameRules.configMapKey(key).isEmpty == valid)
    }

    @Test(arguments: [("PORT", true), ("my.env-name", true), ("_X", true), ("1X", false), ("A=B", false), ("", false)])
    func envVarNames(name: String, valid: Bool) {
        #expect(NameRules.envVarName(name).isEmpty == valid)
    }

    @Test(arguments: [
        ("10.0.0.1", true), ("255.255.255.255", true), ("256.0.0.1", false), ("010.0.0.1", false), ("1.2.3", false),
        ("::1", true), ("fe80::1:2", true), ("2001:db8::", true), ("::ffff:10.0.0.1", true), ("1:2:3:4:5:6:7:8", true),
        ("1:2:3:4:5:6:7:8:9", false), ("1::2::3", false), ("gg::1", false), ("", false),
    ])
    func ipAddresses(address: String, valid: Bool) {
        #expect(IPAddress.isValid(address) == valid)
    }
}

@Suite struct Base64Tests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("hunter2", "aHVudGVyMg=="), ("héllo", "aMOpbGxv")])
    func roundTrips(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg=", "Z===", "Zg==Zg==", "Zm9v!", "Zm=v", "Zm9v\u{e9}"])
    func refusesMalformed(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func skipsLineBreaks() {
        #expect(Base64.decode("Zm9v\nYmFy\r\n") == Array("foobar".utf8))
    }
}

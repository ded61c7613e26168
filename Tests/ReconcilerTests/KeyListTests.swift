import Resources
import Testing

@testable import Reconciler

/// The key-list helpers the incremental plan uses on ten thousand keys at a time, checked against
/// the plain filters they stand for.
@Suite struct KeyListTests {
    static func key(_ kind: String, _ namespace: String, _ name: String) -> ObjectKey {
        ObjectKey(group: kind == "Deployment" ? "apps" : "", kind: kind, namespace: namespace, name: name)
    }

    /// Keys sharing names across kinds and namespaces, so a match on the name alone is wrong.
    static let keys: [ObjectKey] = (0..<60).map { index in
        key(["Deployment", "Service", "ConfigMap"][index % 3], "team-\(index % 4)", "app-\(index / 3)")
    }

    @Test(arguments: [0, 1, 2, 16, 17, 40])
    func excludingKeepsTheOthersInOrder(taking count: Int) {
        // Every third key from the end, plus keys nowhere in the list with names that are.
        var others = Array(Self.keys.reversed().enumerated().filter { $0.offset % 3 == 0 }.map(\.element).prefix(count))
        if count > 0 { others.append(Self.key("Secret", "team-0", "app-0")) }
        let expected = Self.keys.filter { !others.contains($0) }
        #expect(Self.keys.excluding(others) == expected)
        #expect(Self.keys.count(among: others) == Self.keys.count - expected.count)
    }

    @Test func excludingKeysNotInTheListGivesTheListItself() {
        let strangers = [Self.key("Service", "team-9", "app-1"), Self.key("Deployment", "team-1", "app-99")]
        #expect(Self.keys.excluding(strangers) == Self.keys)
        #expect(Self.keys.count(among: strangers) == 0)
    }

    @Test func excludingEveryKeyLeavesNone() {
        #expect(Self.keys.excluding(Self.keys).isEmpty)
        #expect(Array(Self.keys.prefix(3)).excluding(Array(Self.keys.prefix(3))).isEmpty)
        #expect(Self.keys.count(among: Self.keys) == Self.keys.count)
    }

    @Test func aRepeatedKeyIsExcludedEveryTime() {
        let repeated = Self.keys + Self.keys.prefix(2)
        #expect(repeated.excluding([Self.keys[1]]) == repeated.filter { $0 != Self.keys[1] })
        #expect(repeated.count(among: [Self.keys[1]]) == 2)
    }
}

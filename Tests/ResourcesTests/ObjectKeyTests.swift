import Resources
import Testing

@Suite struct ObjectKeyTests {
    @Test func keysSortByGroupKindNamespaceAndNameInByteOrder() {
        var generator = SystemRandomNumberGenerator()
        let parts = ["", "a", "apps", "app", "b", "Deployment", "Service", "team-1", "team-10", "team-2", "é", "z", "zé"]
        let keys = (0..<2_000).map { _ in
            ObjectKey(
                group: parts.randomElement(using: &generator)!, kind: parts.randomElement(using: &generator)!,
                namespace: parts.randomElement(using: &generator)!, name: parts.randomElement(using: &generator)!)
        }
        let bytes = { (key: ObjectKey) in [key.group, key.kind, key.namespace, key.name].map { Array($0.utf8) } }
        let expected = keys.sorted { a, b in
            let (x, y) = (bytes(a), bytes(b))
            return x.lexicographicallyPrecedes(y) { $0.lexicographicallyPrecedes($1) }
        }
        #expect(keys.sorted() == expected)
        #expect(!(keys[0] < keys[0]))
    }

    @Test func sortedIndicesGiveTheStableOrderOfLessThanAfterARank() {
        var generator = SystemRandomNumberGenerator()
        let parts = ["", "a", "apps", "app", "b", "Deployment", "Service", "team-1", "team-10", "é", "zé"]
        let keys = (0..<3_000).map { _ in
            ObjectKey(
                group: parts.randomElement(using: &generator)!, kind: parts.randomElement(using: &generator)!,
                namespace: parts.randomElement(using: &generator)!, name: parts.randomElement(using: &generator)!)
        }
        #expect(keys.sortedIndices() == keys.indices.sorted { keys[$0] < keys[$1] })
        let rank = { (key: ObjectKey) in key.kind.utf8.count % 3 }
        let expected = keys.indices.sorted { i, j in
            rank(keys[i]) != rank(keys[j]) ? rank(keys[i]) < rank(keys[j]) : keys[i] < keys[j]
        }
        #expect(keys.sortedIndices(rank: rank) == expected)
        for count in 0...20 {  // few keys are sorted without the table
            let few = Array(keys.prefix(count))
            #expect(few.sortedIndices() == few.indices.sorted { few[$0] < few[$1] })
            #expect(few.sortedIndices(rank: rank) == few.indices.sorted { i, j in
                rank(few[i]) != rank(few[j]) ? rank(few[i]) < rank(few[j]) : few[i] < few[j]
            })
        }
    }
}

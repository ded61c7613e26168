import Foundation
import Resources
import Testing

@testable import Store

@Suite struct ChangeLogTests {
    /// Revision 1 seeds `default`; 2 adds a and b; 3 modifies a; 4 deletes b.
    func storeWithHistory(_ dir: String) throws -> SQLiteStore {
        let store = try openStore(dir)
        try store.write { tx in
            try tx.create(pod("a"))
            try tx.create(configMap("b", data: ["last": "words"]))
        }
        try store.write { try $0.update(pod("a", image: "nginx:2")) }
        try store.write { try $0.delete(configMapKey("b")) }
        return store
    }

    @Test func changesComeInOrderWithTheirObjects() throws {
        try withStateDirectory { dir in
            let store = try storeWithHistory(dir)
            let events = try store.changes(after: 1)
            #expect(events.map(\.revision) == [2, 2, 3, 4])
            #expect(events.map(\.type) == [.added, .added, .modified, .deleted])
            #expect(events.map(\.key) == [podKey("a"), configMapKey("b"), podKey("a"), configMapKey("b")])
            #expect(events[0].object[path: ["spec", "containers"]] == pod("a")[path: ["spec", "containers"]])
            #expect(events[2].object[path: ["spec", "containers"]] == pod("a", image: "nginx:2")[path: ["spec", "containers"]])
            #expect(metadata(events[2].object, "resourceVersion") == "3")
            // A deletion carries the last state, at the deletion's revision.
            #expect(events[3].object["data"] == ["last": "words"])
            #expect(metadata(events[3].object, "resourceVersion") == "4")
            #expect(try store.changes(after: 0).first?.key.kind == "Namespace")
            #expect(try store.changes(after: 4).isEmpty)
        }
    }

    @Test(arguments: [
        // (limit, revisions returned): a limit never splits revision 2's two events.
        (1, [Int64(2), 2]), (2, [2, 2]), (3, [2, 2, 3]), (10, [2, 2, 3, 4]),
    ])
    func limitNeverSplitsARevision(limit: Int, revisions: [Int64]) throws {
        try withStateDirectory { dir in
            let store = try storeWithHistory(dir)
            #expect(try store.changes(after: 1, limit: limit).map(\.revision) == revisions)
        }
    }

    @Test func compactedRevisionsAreAnExplicitError() throws {
        try withStateDirectory { dir in
            let store = try storeWithHistory(dir)
            try store.compact(through: 3)
            #expect(throws: StoreError.compacted(requested: 2, oldest: 3)) { try store.changes(after: 2) }
            #expect(try store.changes(after: 3).map(\.type) == [.deleted])
            // Compacting past the head stops at the head; compacting backwards changes nothing.
            try store.compact(through: 100)
            try store.compact(through: 1)
            #expect(throws: StoreError.compacted(requested: 3, oldest: 4)) { try store.changes(after: 3) }
            #expect(try store.changes(after: 4).isEmpty)
            try store.write { try $0.create(pod("c")) }
            #expect(try store.changes(after: 4).map(\.key) == [podKey("c")])
        }
    }
}

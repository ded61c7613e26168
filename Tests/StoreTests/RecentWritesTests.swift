import Foundation
import Resources
import Testing

@testable import Store

/// A store reads back its own writes from memory; what it returns must be what the database holds,
/// as another connection (which has written nothing) reads it.
@Suite struct RecentWritesTests {
    /// The events as JSON text, so that field order counts as well as content.
    func text(_ events: [WatchEvent]) -> [String] {
        events.map { "\($0.revision) \($0.type) \($0.key) \($0.object.jsonString())" }
    }

    @Test func ownWritesReadBackAsTheDatabaseHoldsThem() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let reader = try #require(try SQLiteStore.openExisting(directory: dir))
            try store.write { tx in
                try tx.create(pod("a"))
                try tx.create(configMap("b", data: ["z": "1", "a": "2"]))
            }
            #expect(text(try store.changes(after: 1)) == text(try reader.changes(after: 1)))
            try store.write { try $0.update(pod("a", image: "nginx:2")) }
            try store.write { try $0.delete(configMapKey("b")) }
            #expect(text(try store.changes(after: 1)) == text(try reader.changes(after: 1)))
            #expect(text(try store.changes(after: 3)) == text(try reader.changes(after: 3)))
            #expect(try store.changes(after: 4).isEmpty)
            #expect(try store.get(podKey("a")) == reader.get(podKey("a")))
        }
    }

    @Test func anotherWritersChangesAreNotMissed() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let other = try #require(try SQLiteStore.openExisting(directory: dir))
            try store.write { try $0.create(pod("a")) }  // 2
            try other.write { try $0.update(pod("a", image: "nginx:2")) }  // 3
            try store.write { try $0.create(pod("c")) }  // 4
            let events = try store.changes(after: 1)
            #expect(events.map(\.revision) == [2, 3, 4])
            #expect(events[1].object[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:2")
            // The object the other store wrote is read from disk, not from what this one wrote before.
            #expect(try store.get(podKey("a"))?.resourceVersion == 3)
            let updated = try store.write { try $0.update(pod("a", image: "nginx:3"), expectedResourceVersion: 3) }
            #expect(updated.resourceVersion == 5)
        }
    }

    @Test func valuesJSONCannotCarryAreReadAsStored() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let reader = try #require(try SQLiteStore.openExisting(directory: dir))
            try store.write { try $0.create(configMap("odd", data: ["nan": .double(.nan), "zero": .double(-0.0)])) }
            #expect(text(try store.changes(after: 1)) == text(try reader.changes(after: 1)))
            let stored = try #require(try store.get(configMapKey("odd")))
            #expect(stored.value["data"] == ["nan": .null, "zero": .double(0)])
            // Written again as read, it is unchanged: no new revision.
            try store.write { try $0.update(stored.value, expectedResourceVersion: stored.resourceVersion) }
            #expect(try store.revision() == 2)
        }
    }
}

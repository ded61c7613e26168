import Foundation
import Resources
import Testing

@testable import Store

@Suite struct TransactionTests {
    @Test func manyWritesShareOneRevision() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { tx in
                try tx.create(pod("seed"))
                try tx.create(configMap("seed"))
            }
            let objects = try store.write { tx in
                #expect(tx.revision == 3)
                var written = try (0..<50).map { try tx.create(pod("p\($0)")) }
                written.append(try tx.update(pod("seed", image: "nginx:2")))
                written.append(try tx.delete(configMapKey("seed")))
                return written
            }
            #expect(try store.revision() == 3)
            #expect(objects.dropLast().allSatisfy { $0.resourceVersion == 3 })
            #expect(Set(try store.changes(after: 2).map(\.revision)) == [3])
            #expect(try store.changes(after: 2).count == 52)
        }
    }

    @Test func transactionReadsItsOwnWrites() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { tx in
                try tx.create(pod("a"))
                #expect(try tx.get(podKey("a"))?.resourceVersion == 2)
                #expect(try tx.list(group: "", kind: "Pod").map(\.key.name) == ["a"])
                try tx.delete(podKey("a"))
                #expect(try tx.get(podKey("a")) == nil)
            }
        }
    }

    @Test func createOfAnExistingKeyFails() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { try $0.create(pod("web")) }
            #expect(throws: StoreError.alreadyExists(podKey("web"))) {
                try store.write { try $0.create(pod("web", image: "other")) }
            }
            #expect(try store.get(podKey("web"))?.value["spec"] == pod("web")["spec"])
        }
    }

    @Test func staleOrMissingPreconditionsFail() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { try $0.create(pod("web")) }  // rv 2
            try store.write { try $0.update(pod("web", image: "nginx:2")) }  // rv 3
            #expect(throws: StoreError.conflict(podKey("web"), expected: 2, actual: 3)) {
                try store.write { try $0.update(pod("web", image: "nginx:3"), expectedResourceVersion: 2) }
            }
            #expect(throws: StoreError.conflict(podKey("web"), expected: 2, actual: 3)) {
                try store.write { try $0.delete(podKey("web"), expectedResourceVersion: 2) }
            }
            #expect(throws: StoreError.notFound(podKey("nope"))) {
                try store.write { try $0.update(pod("nope")) }
            }
            let current = try store.write { try $0.update(pod("web", image: "nginx:3"), expectedResourceVersion: 3) }
            #expect(current.resourceVersion == 4)
        }
    }

    @Test func throwingBodyRollsEverythingBack() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { try $0.create(pod("kept")) }
            let record = SyncRecord(
                source: "repo", time: Date(timeIntervalSince1970: 0), revision: "abc", author: "a", subject: "s",
                result: .applied)
            #expect(throws: BodyFailure()) {
                try store.write { tx in
                    try tx.create(pod("new"))
                    try tx.update(pod("kept", image: "changed"))
                    try tx.replaceInventory(
                        source: "repo", entries: [InventoryEntry(key: podKey("new"), apiVersion: "v1", lastApplied: pod("new"))])
                    try tx.appendHistory(record)
                    throw BodyFailure()
                }
            }
            // A store error thrown midway undoes the writes before it, too.
            #expect(throws: StoreError.alreadyExists(podKey("kept"))) {
                try store.write { tx in
                    try tx.create(pod("other"))
                    try tx.create(pod("kept"))
                }
            }
            #expect(try store.revision() == 2)
            #expect(try store.get(podKey("new")) == nil)
            #expect(try store.get(podKey("other")) == nil)
            #expect(try store.get(podKey("kept"))?.value["spec"] == pod("kept")["spec"])
            #expect(try store.inventory(source: "repo").isEmpty)
            #expect(try store.history().isEmpty)
            #expect(try store.changes(after: 2).isEmpty)
            // The next transaction takes the revision the failed ones never committed.
            #expect(try store.write { try $0.create(pod("next")) }.resourceVersion == 3)
        }
    }

    @Test func transactionIsUnusableAfterItsBody() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let escaped = try store.write { $0 }
            #expect(throws: StoreError.transactionFinished) { try escaped.create(pod("late")) }
            #expect(throws: StoreError.transactionFinished) { try escaped.get(podKey("late")) }
            #expect(try store.get(podKey("late")) == nil)
        }
    }

    @Test func transactionWithoutObjectWritesKeepsTheRevision() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { tx in
                _ = try tx.get(podKey("x"))
                try tx.replaceInventory(source: "repo", entries: [])
            }
            #expect(try store.revision() == 1)
        }
    }
}

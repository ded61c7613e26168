import Foundation
import Resources
import Testing

@testable import Store

@Suite struct InventoryTests {
    static let secret: Value = [
        "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "shop"],
        "data": ["password": "aHVudGVyMg=="],
    ]
    static let secretKey = ObjectKey(group: "", kind: "Secret", namespace: "shop", name: "db")

    @Test func replaceThenReadKeepsEntriesPerSource() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let secret = InventoryEntry(key: Self.secretKey, apiVersion: "v1", lastApplied: Self.secret)
            let web = InventoryEntry(key: podKey("web"), apiVersion: "v1", lastApplied: pod("web"))
            let other = InventoryEntry(key: podKey("other"), apiVersion: "v1", lastApplied: pod("other"))
            try store.write { tx in
                try tx.replaceInventory(source: "shop-repo", entries: [web, secret])
                try tx.replaceInventory(source: "blog-repo", entries: [other])
            }
            // Read back in key order, Secret data intact.
            #expect(try store.inventory(source: "shop-repo") == [web, secret])
            #expect(try store.inventory(source: "shop-repo")[1].lastApplied[path: ["data", "password"]] == "aHVudGVyMg==")

            try store.write { tx in
                #expect(try tx.inventory(source: "shop-repo").count == 2)
                try tx.replaceInventory(source: "shop-repo", entries: [secret])
            }
            #expect(try store.inventory(source: "shop-repo") == [secret])
            #expect(try store.inventory(source: "blog-repo") == [other])
            #expect(try store.inventory(source: "unknown").isEmpty)
        }
    }

    @Test func printingAnEntryNeverShowsItsData() {
        let entry = InventoryEntry(key: Self.secretKey, apiVersion: "v1", lastApplied: Self.secret)
        var dumped = ""
        dump(entry, to: &dumped)
        for text in [String(describing: entry), String(reflecting: entry), "\(entry)", dumped] {
            #expect(!text.contains("aHVudGVyMg=="))
            #expect(text.contains("shop/db"))
        }
    }

    @Test func duplicateKeysAreRefused() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let entry = InventoryEntry(key: podKey("web"), apiVersion: "v1", lastApplied: pod("web"))
            #expect(throws: StoreError.invalidObject("the inventory of repo lists Pod default/web twice")) {
                try store.write { try $0.replaceInventory(source: "repo", entries: [entry, entry]) }
            }
        }
    }
}

@Suite struct HistoryTests {
    func record(_ source: String, _ revision: String, _ result: SyncResult, at seconds: TimeInterval) -> SyncRecord {
        SyncRecord(
            id: 99, source: source, time: Date(timeIntervalSince1970: seconds), revision: revision, author: "Ada",
            subject: "Deploy \(revision)", result: result, message: result == .refused ? "Pod web: image required" : "",
            created: 2, updated: 1, deleted: 0, unchanged: 5, storeRevision: 12345)
    }

    @Test func historyIsNewestFirstAndFiltered() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let applied = try store.write { tx in
                try tx.create(pod("web"))
                return try tx.appendHistory(record("shop", "c1", .applied, at: 1_000))
            }
            try store.write { try $0.appendHistory(record("blog", "b1", .inSync, at: 2_000)) }
            try store.write { try $0.appendHistory(record("shop", "c2", .failed, at: 500)) }

            let all = try store.history()
            #expect(all.map(\.revision) == ["c2", "b1", "c1"])  // by append order, not by time
            #expect(try store.history(source: "shop").map(\.revision) == ["c2", "c1"])
            #expect(try store.history(source: nil, limit: 2).map(\.revision) == ["c2", "b1"])
            #expect(try store.history(source: "none").isEmpty)

            let first = try #require(all.last)
            #expect(first.id == applied)
            var expected = record("shop", "c1", .applied, at: 1_000)
            expected.id = applied
            expected.storeRevision = 2  // set by the store: the revision its transaction committed
            #expect(first == expected)
            #expect(all[0].storeRevision == 2)
        }
    }

    @Test func refusalIsRecordedWithoutBumpingTheRevision() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            try store.write { try $0.create(pod("web")) }
            try store.write { try $0.appendHistory(record("shop", "bad", .refused, at: 3_000)) }
            #expect(try store.revision() == 2)
            #expect(try store.changes(after: 2).isEmpty)
            let refused = try #require(try store.history().first)
            #expect(refused.result == .refused)
            #expect(refused.message == "Pod web: image required")
            #expect(refused.storeRevision == 2)
        }
    }
}

@Suite struct SchemaMigrationTests {
    @Test func aVersionOneStateGainsHealthAndKeepsItsHistory() throws {
        try withStateDirectory { dir in
            // A state written before sync records had a health: schema 1, one record.
            let path = (dir as NSString).appendingPathComponent(SQLiteStore.fileName)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let old = try SQLiteConnection(path: path, create: true)
            try old.executeScript(SQLiteStore.schemaV1 + "PRAGMA user_version = 1;")
            try old.executeScript(
                "INSERT INTO history (source, time, revision, author, subject, result, message, created, updated,"
                    + " deleted, unchanged, store_revision) VALUES ('s', 0, 'abc', 'a', 'old', 'applied', '', 1, 0, 0, 0, 1);")
            let store = try openStore(dir)
            let record = try #require(try store.history(source: "s", limit: nil).first)
            #expect(record.subject == "old")
            #expect(record.health == "")
            try store.write { tx in try tx.recordHealth("Healthy", ofSync: record.id) }
            #expect(try store.history(source: "s", limit: nil).first?.health == "Healthy")
        }
    }
}

@Suite struct SnapshotTests {
    @Test func aSnapshotIsReadBackWithTheRevisionItsTransactionReached() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            #expect(try store.snapshot(source: "repo") == nil)
            let odd = ObjectKey(group: "example.com", kind: "Widget", namespace: "", name: "tab\there")
            let files = [
                SourceFileRecord(path: "manifests/a.yaml", blob: "aa", keys: [podKey("a"), podKey("b")], warnings: ["manifests/a.yaml:3:1: extra: unknown field"]),
                SourceFileRecord(path: "manifests/empty.yaml", blob: "bb", keys: [], warnings: []),
                SourceFileRecord(path: "manifests/odd.yaml", blob: "cc", keys: [odd], warnings: []),
            ]
            let written = try store.write { tx -> Int64 in
                try tx.create(pod("a"))
                try tx.writeSnapshot(source: "repo", SourceSnapshotUpdate(revision: "c1", loader: "l", files: files, removedPaths: [], replacing: true, fileCount: 3))
                return tx.revision
            }
            let snapshot = try #require(try store.snapshot(source: "repo"))
            #expect(snapshot.revision == "c1")
            #expect(snapshot.storeRevision == written, "the revision the apply's own writes carry")
            #expect(snapshot.fileCount == 3)
            #expect(try store.snapshotFiles(source: "repo", blobs: true) == files, "in path order")
            #expect(try store.snapshotFiles(source: "repo", blobs: false).map(\.blob) == ["", "", ""])

            // A partial update keeps the other files; no object written: the revision stays.
            let before = try store.revision()
            try store.write { tx in
                try tx.writeSnapshot(source: "repo", SourceSnapshotUpdate(
                    revision: "c2", loader: "l", files: [SourceFileRecord(path: "manifests/new.yaml", blob: "dd", keys: [podKey("c")], warnings: [])],
                    removedPaths: ["manifests/empty.yaml"], replacing: false, fileCount: 3))
            }
            let updated = try #require(try store.snapshot(source: "repo"))
            #expect(updated.revision == "c2")
            #expect(updated.storeRevision == before)
            #expect(try store.snapshotFiles(source: "repo", blobs: true).map(\.path) == ["manifests/a.yaml", "manifests/new.yaml", "manifests/odd.yaml"])
        }
    }

    @Test func inventoryUpdatesAndChangesSinceARevision() throws {
        try withStateDirectory { dir in
            let store = try openStore(dir)
            let a = InventoryEntry(key: podKey("a"), apiVersion: "v1", lastApplied: pod("a"))
            let b = InventoryEntry(key: podKey("b"), apiVersion: "v1", lastApplied: pod("b"))
            let synced = try store.write { tx -> Int64 in
                try tx.create(pod("a"))
                try tx.create(pod("b"))
                try tx.updateInventory(source: "repo", upserts: [a, b], removals: [])
                return tx.revision
            }
            #expect(try store.inventoryCount(source: "repo") == 2)
            #expect(try store.inventoryKeys(source: "repo") == [podKey("a"), podKey("b")])
            #expect(try store.inventoryChanged(source: "repo", after: synced).isEmpty)

            try store.write { tx in
                try tx.update(pod("a", image: "nginx:2"))
                try tx.delete(podKey("b"), expectedResourceVersion: nil)
            }
            #expect(try store.inventoryChanged(source: "repo", after: synced) == [podKey("a"), podKey("b")])

            try store.write { tx in try tx.updateInventory(source: "repo", upserts: [], removals: [podKey("b")]) }
            #expect(try store.inventory(source: "repo", keys: [podKey("a"), podKey("b")]) == [a])
            #expect(try store.objects([podKey("a"), podKey("b")]).keys.sorted() == [podKey("a")])
        }
    }
}

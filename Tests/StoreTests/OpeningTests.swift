import Foundation
import Resources
import Testing

@testable import Store

@Suite struct OpeningTests {
    @Test func reopenedStoreSeesEverything() throws {
        try withStateDirectory { dir in
            let entry = InventoryEntry(key: podKey("web"), apiVersion: "v1", lastApplied: pod("web"))
            let record = SyncRecord(
                source: "repo", time: Date(timeIntervalSince1970: 42), revision: "c1", author: "a", subject: "s",
                result: .applied, created: 1)
            let written: StoredObject = try {
                let store = try openStore(dir)
                let web = try store.write { tx in
                    try tx.create(pod("other"))
                    let web = try tx.create(pod("web"))
                    try tx.replaceInventory(source: "repo", entries: [entry])
                    try tx.appendHistory(record)
                    return web
                }
                try store.write { try $0.delete(podKey("other")) }
                try store.compact(through: 2)
                return web
            }()

            for reopened in [try openStore(dir), try #require(try SQLiteStore.openExisting(directory: dir))] {
                #expect(try reopened.revision() == 3)
                #expect(try reopened.get(podKey("web")) == written)
                #expect(try reopened.get(podKey("other")) == nil)
                #expect(try reopened.inventory(source: "repo") == [entry])
                #expect(try reopened.history().map(\.revision) == ["c1"])
                #expect(throws: StoreError.compacted(requested: 1, oldest: 2)) { try reopened.changes(after: 1) }
                #expect(try reopened.changes(after: 2).map(\.type) == [.deleted])
            }
        }
    }

    @Test func openExistingCreatesNothing() throws {
        try withStateDirectory { dir in
            let nested = dir + "/state"
            #expect(try SQLiteStore.openExisting(directory: nested) == nil)
            #expect(!FileManager.default.fileExists(atPath: dir))

            try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
            #expect(try SQLiteStore.openExisting(directory: nested) == nil)
            #expect(try FileManager.default.contentsOfDirectory(atPath: nested).isEmpty)

            // An empty file is a creation that never committed: still no state.
            #expect(FileManager.default.createFile(atPath: nested + "/state.db", contents: Data()))
            #expect(try SQLiteStore.openExisting(directory: nested) == nil)
        }
    }

    @Test func openCreatesAnOwnerOnlyDirectory() throws {
        try withStateDirectory { dir in
            let nested = dir + "/a/b"
            let store = try openStore(nested)
            #expect(store.path == nested + "/state.db")
            let attributes = try FileManager.default.attributesOfItem(atPath: nested)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test func aFileInTheWayOfTheDirectoryIsReportedClearly() throws {
        try withStateDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: dir + "/taken", contents: Data("x".utf8)))
            let error = #expect(throws: StoreError.self) { try openStore(dir + "/taken/state") }
            #expect(error?.description == "cannot create state directory \(dir)/taken/state: \(dir)/taken is not a directory")
            #expect(!FileManager.default.fileExists(atPath: dir + "/taken/state"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedClearly() throws {
        try withStateDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let text = String(repeating: "these are not the tables you are looking for\n", count: 100)
            #expect(FileManager.default.createFile(atPath: dir + "/state.db", contents: Data(text.utf8)))
            for open in [{ _ = try openStore(dir) }, { _ = try SQLiteStore.openExisting(directory: dir) }] {
                let error = #expect(throws: StoreError.self) { try open() }
                guard case .unreadableDatabase(let path, let reason) = error else {
                    Issue.record("expected unreadableDatabase, got \(String(describing: error))")
                    continue
                }
                #expect(path == dir + "/state.db")
                #expect(reason.contains("not a database"))
            }
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        try withStateDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try SQLiteConnection(path: dir + "/state.db", create: true)
                .executeScript("CREATE TABLE future (x); PRAGMA user_version = 7;")
            #expect(throws: StoreError.schemaTooNew(found: 7, supported: SQLiteStore.schemaVersion)) {
                try openStore(dir)
            }
            #expect(throws: StoreError.schemaTooNew(found: 7, supported: SQLiteStore.schemaVersion)) {
                try SQLiteStore.openExisting(directory: dir)
            }
        }
    }

    @Test func aForeignDatabaseIsNotTakenOver() throws {
        try withStateDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try SQLiteConnection(path: dir + "/state.db", create: true).executeScript("CREATE TABLE someone_elses (x);")
            #expect(throws: StoreError.unreadableDatabase(path: dir + "/state.db", reason: "it holds tables but no berth schema version")) {
                try openStore(dir)
            }
        }
    }
}

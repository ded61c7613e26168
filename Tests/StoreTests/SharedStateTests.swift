import Dispatch
import Foundation
import Resources
import Synchronization
import Testing

@testable import Store

/// Two stores on one directory are two SQLite connections, as a CLI and a server are.
@Suite struct SharedStateTests {
    @Test func aWriteByOneStoreIsSeenByTheOther() throws {
        try withStateDirectory { dir in
            let first = try openStore(dir)
            let second = try #require(try SQLiteStore.openExisting(directory: dir))
            _ = try second.get(podKey("web"))  // a read before the write must not pin an old snapshot
            let created = try first.write { try $0.create(pod("web")) }
            #expect(try second.get(podKey("web")) == created)
            #expect(try second.revision() == 2)
            try second.write { try $0.update(pod("web", image: "nginx:2"), expectedResourceVersion: 2) }
            #expect(try first.get(podKey("web"))?.resourceVersion == 3)
        }
    }

    @Test func concurrentWritersSerializeWithoutError() throws {
        try withStateDirectory { dir in
            let stores = [try openStore(dir), try openStore(dir)]
            try stores[0].write { try $0.create(configMap("counter", data: ["n": 0])) }
            let rounds = 25
            let failures = Mutex<[String]>([])
            // Each round is a read-modify-write of one counter with a resourceVersion precondition:
            // a lost update or an interleaved transaction would show as a conflict or a wrong count.
            DispatchQueue.concurrentPerform(iterations: 2) { writer in
                for round in 0..<rounds {
                    do {
                        try stores[writer].write { tx in
                            let counter = try #require(try tx.get(configMapKey("counter")))
                            let n = counter.value[path: ["data", "n"]]?.intValue ?? -1
                            try tx.update(configMap("counter", data: ["n": .int(n + 1)]),
                                expectedResourceVersion: counter.resourceVersion)
                            try tx.create(pod("w\(writer)-\(round)"))
                        }
                    } catch {
                        failures.withLock { $0.append("writer \(writer) round \(round): \(error)") }
                    }
                }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(try stores[1].get(configMapKey("counter"))?.value[path: ["data", "n"]] == .int(Int64(2 * rounds)))
            #expect(try stores[0].revision() == Int64(2 + 2 * rounds))
            #expect(try stores[1].list(group: "", kind: "Pod").items.count == 2 * rounds)
            let revisions = try stores[0].changes(after: 2).map(\.revision)
            #expect(revisions == revisions.sorted())
            #expect(Set(revisions).count == 2 * rounds)
        }
    }

    @Test func oneStoreIsSafeToShareBetweenTasks() async throws {
        try await withStateDirectory { dir in
            let store = try openStore(dir)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<4 {
                    group.addTask {
                        for i in 0..<10 { try store.write { try $0.create(pod("t\(task)-\(i)")) } }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try store.revision() == 41)
            #expect(try store.list(group: "", kind: "Pod").items.count == 40)
        }
    }
}

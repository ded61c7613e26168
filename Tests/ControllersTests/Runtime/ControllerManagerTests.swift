import BerthTestSupport
import Foundation
import Resources
import Store
import Testing

@testable import Controllers

/// A controller that marks each ConfigMap expired once `data.ttl` seconds have passed since it was
/// created, and fails a set number of times first: enough to show the runtime's contract.
final class ExpiringController: Controller {
    let name = "expiry"
    let watches: [Watch] = [.itself(GroupKind("", "ConfigMap"))]
    let writes = ["ConfigMap"]
    var failuresLeft = 0

    struct Transient: Error {}

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw Transient()
        }
        guard var object = context.cache.get(key), object[path: ["metadata", "annotations", "expired"]] == nil,
            let created = object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
        else { return .done }
        let ttl = object[path: ["data", "ttl"]]?.stringValue.flatMap(Double.init) ?? 0
        let deadline = created.addingTimeInterval(ttl)
        guard context.now >= deadline else { return .requeue(after: deadline.timeIntervalSince(context.now)) }
        object[path: ["metadata", "annotations", "expired"]] = "true"
        try context.write { tx in try tx.update(object, expectedResourceVersion: nil) }
        return .done
    }
}

/// A controller that only notes the keys it is asked to reconcile.
final class RecordingController: Controller {
    let name = "recorder"
    let watches: [Watch] = [.itself(GroupKind("", "ConfigMap"))]
    let writes: [String] = []
    var reconciled: [ObjectKey] = []

    func reconcile(_ key: ObjectKey, context: ControllerContext) throws -> ReconcileResult {
        reconciled.append(key)
        return .done
    }
}

@Suite struct ControllerManagerTests {
    func makeStore(_ clock: FakeClock) throws -> (SQLiteStore, TemporaryDirectory) {
        let dir = try TemporaryDirectory("berth-runtime")
        return (try SQLiteStore.open(directory: dir.path, clock: { clock.now() }), dir)
    }

    func configMap(_ name: String, ttl: Int) -> Value {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"],
         "data": ["ttl": .string(String(ttl))]]
    }

    func expired(_ manager: ControllerManager, _ name: String) -> Bool {
        manager.cache.get(ObjectKey(group: "", kind: "ConfigMap", namespace: "default", name: name))?[
            path: ["metadata", "annotations", "expired"]] == "true"
    }

    @Test func waitsOutRequeueAfterInFakeTime() throws {
        let clock = FakeClock()
        let (store, dir) = try makeStore(clock)
        _ = dir
        let start = clock.now()
        try store.write { tx in try tx.create(configMap("a", ttl: 30)) }
        let manager = ControllerManager(store: store, clock: clock, controllers: [ExpiringController()], pollInterval: nil)
        try manager.start()
        #expect(try manager.run(until: { expired(manager, "a") }, deadline: start.addingTimeInterval(3600)))
        #expect(clock.now() == start.addingTimeInterval(30), "woken exactly at the deadline, not polled")
        let stored = try store.get(ObjectKey(group: "", kind: "ConfigMap", namespace: "default", name: "a"))
        #expect(stored?.value[path: ["metadata", "annotations", "expired"]] == "true")
    }

    @Test func errorsRetryWithBackoffAndAnExternalWriteWakesTheController() throws {
        let clock = FakeClock()
        let (store, dir) = try makeStore(clock)
        _ = dir
        try store.write { tx in try tx.create(configMap("b", ttl: 0)) }
        let controller = ExpiringController()
        controller.failuresLeft = 3
        var errors = 0
        let manager = ControllerManager(store: store, clock: clock, controllers: [controller], pollInterval: nil)
        manager.errorHandler = { _, _, _ in errors += 1 }
        try manager.start()
        let start = clock.now()
        #expect(try manager.run(until: { expired(manager, "b") }, deadline: start.addingTimeInterval(60)))
        #expect(errors == 3)
        // Backoff 5 ms + 10 ms + 20 ms before the fourth try succeeded.
        #expect(abs(clock.now().timeIntervalSince(start) - 0.035) < 0.0001)

        // Another writer adds an object: the change log wakes the controller.
        try store.write { tx in try tx.create(configMap("c", ttl: 5)) }
        #expect(try manager.run(until: { expired(manager, "c") }, deadline: clock.now().addingTimeInterval(60)))
        let created = try store.get(ObjectKey(group: "", kind: "ConfigMap", namespace: "default", name: "c"))?
            .value[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
        #expect(clock.now() == created?.addingTimeInterval(5), "timestamps have whole seconds")
    }

    @Test func stopsEarlyWhenNothingCanHappen() throws {
        let clock = FakeClock()
        let (store, dir) = try makeStore(clock)
        _ = dir
        let manager = ControllerManager(store: store, clock: clock, controllers: [ExpiringController()], pollInterval: nil)
        try manager.start()
        #expect(try !manager.run(until: { false }, deadline: clock.now().addingTimeInterval(3600)))
    }

    @Test func relistsAfterCompaction() throws {
        let clock = FakeClock()
        let (store, dir) = try makeStore(clock)
        _ = dir
        let manager = ControllerManager(store: store, clock: clock, controllers: [ExpiringController()], pollInterval: nil)
        try manager.start()
        try store.write { tx in try tx.create(configMap("c", ttl: 0)) }
        try store.write { tx in try tx.create(configMap("d", ttl: 0)) }
        try store.compact(through: try store.revision())
        try manager.pullChanges()
        #expect(manager.cache.count(GroupKind("", "ConfigMap")) == 2)
    }

    @Test func aRelistDispatchesTheDeletionsItMissed() throws {
        let clock = FakeClock()
        let (store, dir) = try makeStore(clock)
        _ = dir
        try store.write { tx in try tx.create(configMap("gone", ttl: 0)) }
        let recorder = RecordingController()
        let manager = ControllerManager(store: store, clock: clock, controllers: [recorder], pollInterval: nil)
        try manager.start()
        try manager.step()
        recorder.reconciled = []
        try store.write { tx in try tx.delete(ObjectKey(group: "", kind: "ConfigMap", namespace: "default", name: "gone")) }
        try store.write { tx in try tx.create(configMap("new", ttl: 0)) }
        try store.compact(through: try store.revision())
        try manager.pullChanges()
        try manager.step()
        #expect(recorder.reconciled.map(\.name).sorted() == ["gone", "new"])
        #expect(manager.cache.count(GroupKind("", "ConfigMap")) == 1)
    }

    @Test func theGraphPrintsWatchesAndWrites() {
        let graph = ControllerGraph([ExpiringController()])
        #expect(graph.text.contains("expiry   watches  ConfigMap (itself)"))
        #expect(graph.dot.contains("\"ConfigMap\" -> \"expiry\" [label=\"itself\", style=dashed];"))
        #expect(graph.dot.contains("\"expiry\" -> \"ConfigMap\";"))
    }
}

@Suite struct LeaderLeaseTests {
    @Test func oneHolderAtATimeUntilExpiryOrRelease() throws {
        let dir = try TemporaryDirectory("berth-lease")
        let store = try SQLiteStore.open(directory: dir.path)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let a = LeaderLease(identity: "a", duration: 15)
        let b = LeaderLease(identity: "b", duration: 15)
        #expect(try a.acquire(in: store, now: t0))
        #expect(try !b.acquire(in: store, now: t0.addingTimeInterval(5)))
        #expect(try a.acquire(in: store, now: t0.addingTimeInterval(10)), "the holder renews")
        #expect(try !b.acquire(in: store, now: t0.addingTimeInterval(24)), "renewed at 10: valid until 25")
        #expect(try b.acquire(in: store, now: t0.addingTimeInterval(26)), "expired: taken over")
        #expect(try LeaderLease.holder(in: store, now: t0.addingTimeInterval(27)) == "b")
        try b.release(in: store)
        #expect(try LeaderLease.holder(in: store, now: t0.addingTimeInterval(28)) == nil)
        #expect(try a.acquire(in: store, now: t0.addingTimeInterval(28)))
        let lease = try store.get(LeaderLease.key)!.value
        #expect(lease[path: ["spec", "leaseTransitions"]] == 2)
    }
}

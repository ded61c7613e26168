import Foundation
import Resources
import Synchronization

@testable import Store

/// A state directory under the system's temporary folder, removed when the test's body returns.
func withStateDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("berth-store-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

func withStateDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("berth-store-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_796_104_522)) {  // 2026-12-01T05:55:22Z
        current = Mutex(start)
    }

    func advance(seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var now: @Sendable () -> Date {
        { self.current.withLock { $0 } }
    }
}

func openStore(_ directory: String, clock: TestClock = TestClock()) throws -> SQLiteStore {
    try SQLiteStore.open(directory: directory, clock: clock.now)
}

func pod(_ name: String, namespace: String = "default", image: String = "nginx:1.27") -> Value {
    [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "spec": ["containers": [["name": "main", "image": .string(image)]]],
    ]
}

func configMap(_ name: String, namespace: String = "default", data: Value = ["k": "v"]) -> Value {
    [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "data": data,
    ]
}

func podKey(_ name: String, namespace: String = "default") -> ObjectKey {
    ObjectKey(group: "", kind: "Pod", namespace: namespace, name: name)
}

func configMapKey(_ name: String, namespace: String = "default") -> ObjectKey {
    ObjectKey(group: "", kind: "ConfigMap", namespace: namespace, name: name)
}

func metadata(_ object: Value, _ field: String) -> Value? {
    object[path: ["metadata", field]]
}

/// An error only a test body throws, to see it come back unchanged.
struct BodyFailure: Error, Equatable {}

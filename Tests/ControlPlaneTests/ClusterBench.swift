import BerthTestSupport
import Controllers
import Foundation
import Resources
import Store

@testable import ControlPlane

/// A real store in a temporary folder, the whole controller graph, and a fake clock.
final class ClusterBench {
    let directory: TemporaryDirectory
    let clock = FakeClock()
    let store: SQLiteStore
    let cluster: Cluster
    var errors: [String] = []

    init(_ configure: (inout ClusterConfiguration) -> Void = { _ in }) throws {
        directory = try TemporaryDirectory("berth-cluster")
        let clock = self.clock
        store = try SQLiteStore.open(directory: directory.path, clock: { clock.now() })
        var configuration = ClusterConfiguration()
        configuration.podAcceptDelay = 1
        configuration.containerStartDelay = 2
        configure(&configuration)
        try Cluster.initialize(store: store, configuration: configuration, replaceNodes: true, now: clock.now())
        cluster = try Cluster(store: store, clock: clock, pollInterval: nil, seed: 42)
        cluster.manager.errorHandler = { [weak self] controller, key, error in
            if !(error is StoreError) { self?.errors.append("\(controller) \(key): \(error)") }
        }
        try cluster.bootstrap(now: clock.now())
        try cluster.manager.start()
    }

    var now: Date { clock.now() }
    var cache: ObjectCache { cluster.manager.cache }

    /// Stores objects as `berth reconcile` would: defaulted, created or replaced.
    func apply(_ objects: [Value]) throws {
        try store.write { tx in
            for var object in objects {
                Defaulting.apply(to: &object)
                if let current = try tx.get(object.objectKey!) {
                    var merged = current.value
                    for (key, value) in object.objectValue! where key != "status" { merged[key] = value }
                    merged[path: ["metadata", "uid"]] = current.value[path: ["metadata", "uid"]]
                    try tx.update(merged, expectedResourceVersion: nil)
                } else {
                    try tx.create(object)
                }
            }
        }
    }

    func delete(_ key: ObjectKey) throws { try store.write { tx in try tx.delete(key, expectedResourceVersion: nil) } }

    /// Runs the controllers until `condition` holds; false when `seconds` of fake time pass first.
    @discardableResult
    func run(for seconds: Double = 600, until condition: @escaping (ClusterBench) -> Bool) throws -> Bool {
        try cluster.manager.run(until: { condition(self) }, deadline: now.addingTimeInterval(seconds))
    }

    /// Runs for exactly `seconds` of fake time.
    func advance(_ seconds: Double) throws {
        let end = now.addingTimeInterval(seconds)
        _ = try cluster.manager.run(until: { self.now >= end }, deadline: end)
        clock.sleep(until: end)
        try cluster.manager.pullChanges()
        try cluster.manager.step()
    }

    func pods(_ namespace: String = "default") -> [Value] { cache.list(.pod, namespace: namespace) }

    func deployment(_ name: String, _ namespace: String = "default") -> Value? {
        cache.get(ObjectKey(group: "apps", kind: "Deployment", namespace: namespace, name: name))
    }

    func health(_ kind: GroupKind, _ name: String, _ namespace: String = "default") -> ResourceHealth {
        Health.of(cache.get(ObjectKey(group: kind.group, kind: kind.kind, namespace: namespace, name: name)))
    }

    func endpoints(_ name: String, _ namespace: String = "default") -> (ready: [String], notReady: [String]) {
        let ep = cache.get(ObjectKey(group: "", kind: "Endpoints", namespace: namespace, name: name))
        var ready: [String] = []
        var notReady: [String] = []
        for subset in ep?["subsets"]?.arrayValue ?? [] {
            ready += (subset["addresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
            notReady += (subset["notReadyAddresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
        }
        return (ready.sorted(), notReady.sorted())
    }
}

func deployment(
    _ name: String, replicas: Int64, image: String = "nginx:1.27", cpu: String = "100m", namespace: String = "default",
    annotations: Value? = nil, extraSpec: [String: Value] = [:], podSpec: [String: Value] = [:]
) -> Value {
    var template: Value = [
        "metadata": ["labels": ["app": .string(name)]],
        "spec": ["containers": [["name": "app", "image": .string(image), "ports": [["containerPort": 80, "name": "http"]],
                                 "resources": ["requests": ["cpu": .string(cpu), "memory": "64Mi"]]]]],
    ]
    if let annotations { template[path: ["metadata", "annotations"]] = annotations }
    for (k, v) in podSpec { template[path: ["spec", k]] = v }
    var object: Value = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]], "template": template],
    ]
    for (k, v) in extraSpec { object[path: ["spec", k]] = v }
    return object
}

func service(_ name: String, namespace: String = "default") -> Value {
    ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": .string(namespace)],
     "spec": ["selector": ["app": .string(name)], "ports": [["port": 80, "targetPort": "http"]]]]
}

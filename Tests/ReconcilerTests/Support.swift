import BerthTestSupport
import Foundation
import GitSource
import Reconciler
import Resources
import Store

/// A repository and a state folder, reconciled through the library with a pinned clock.
struct Workbench {
    let repo: GitFixture
    let state: TemporaryDirectory

    init() throws {
        repo = try GitFixture()
        state = try TemporaryDirectory("berth-state")
    }

    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    func options(dryRun: Bool = false, prune: Bool = true, revision: String = "HEAD", path: String = "manifests") -> ReconcileOptions {
        var options = ReconcileOptions()
        options.repository = repo.path
        options.revision = revision
        options.path = path
        options.stateDirectory = state.subpath("state")
        options.dryRun = dryRun
        options.prune = prune
        return options
    }

    @discardableResult
    func reconcile(_ options: ReconcileOptions? = nil) throws -> ReconcileOutcome {
        try Reconciler(options: options ?? self.options(), clock: { Workbench.epoch }).run()
    }

    func store() throws -> SQLiteStore { try SQLiteStore.open(directory: state.subpath("state"), clock: { Workbench.epoch }) }

    /// Every stored object's JSON, to prove a refusal changed nothing.
    func snapshot() throws -> [String] {
        guard let store = try SQLiteStore.openExisting(directory: state.subpath("state"), clock: { Workbench.epoch }) else { return [] }
        var out: [String] = []
        for (group, kind) in [("", "Namespace"), ("", "ConfigMap"), ("", "Secret"), ("", "Service"), ("apps", "Deployment")] {
            out += try store.list(group: group, kind: kind, namespace: nil).items.map { $0.value.jsonString() }
        }
        out.append("revision \(try store.revision())")
        return out
    }
}

let goodApp = """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      replicas: 2
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports:
                - containerPort: 80
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      namespace: shop
    spec:
      selector: {app: web}
      ports:
        - port: 80

    """

import FoundationEssentials
import Resources
import Store
import Synchronization

extension Reconciler {
    /// Starts a dry run's first reads (the store, and the snapshot of the source a local folder
    /// most likely is) on another thread and returns at once. A command calls this before it
    /// parses its command line; `run()` with the same options then finds the reads done instead
    /// of doing them after the parse. It only reads, and only for a dry run, which never creates
    /// or migrates a store; whatever goes wrong is left for `run()` to meet and report.
    public static func prefetchState(for options: ReconcileOptions) {
        guard options.dryRun else { return }
        StatePrefetch.shared.start(options.prefetchKey) { try Reconciler(options: options).readState() }
    }
}

extension ReconcileOptions {
    /// What the state read depends on.
    var prefetchKey: [String] {
        [repository, path, stateDirectory, "\(dryRun)", "\(incremental)"]
    }
}

/// The reads started and not yet taken, by what they were started for.
final class StatePrefetch: @unchecked Sendable {
    typealias State = (store: SQLiteStore?, early: Reconciler.EarlySnapshot?)

    static let shared = StatePrefetch()

    private let pending = Mutex<[(key: [String], read: Later<Result<State, any Error>>)]>([])  // one, in practice

    func start(_ key: [String], _ read: @escaping @Sendable () throws -> State) {
        pending.withLock { pending in
            guard !pending.contains(where: { $0.key == key }) else { return }
            pending.append((key, Later { Result { try read() } }))
        }
    }

    /// What was read for `key`, once it is done; nil when nothing was started for it (or taken
    /// already), or it failed: the caller reads again and meets the error itself.
    func take(_ key: [String]) -> State? {
        let read = pending.withLock { pending in pending.firstIndex { $0.key == key }.map { pending.remove(at: $0).read } }
        return try? read?.value.get()
    }
}

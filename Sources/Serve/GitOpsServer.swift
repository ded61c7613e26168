import ControlPlane
import Controllers
import FoundationEssentials
import GitSource
import Logging
import Reconciler
import Resources
import Store
import Synchronization

/// How `berth serve` follows a source.
public struct ServeOptions: Sendable {
    public var repository = "."
    public var revision = "HEAD"
    public var path = "manifests"
    public var stateDirectory = ".berth"
    /// How often a remote is fetched and drift is looked for.
    public var interval = 30.0
    /// Put drifted live state back to git (on by default) or only report it.
    public var selfHeal = true

    public init() {}
}

/// `berth serve`: holds the controller lease for good, follows a branch and applies each new commit
/// through the same plan and atomic apply as `berth reconcile`, heals drift, and runs the controller
/// graph in between. One loop on one thread; other threads (the listener, signals) only set flags.
public final class GitOpsServer: @unchecked Sendable {
    public let options: ServeOptions
    public let metrics = ServerMetrics()
    private let logger: Logger
    private let flags = Mutex((stop: false, sync: false, ready: false))
    private var lastAttempted: String?
    /// The sync whose rollout is still settling: its record gets the health the rollout reaches.
    private var settling: (record: Int64, keys: [ObjectKey])?

    public init(options: ServeOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Asks for a fetch and sync at once (the webhook, `berth sync`).
    public func requestSync() { flags.withLock { $0.sync = true } }

    /// Asks the loop to finish what it is doing and return.
    public func stop() { flags.withLock { $0.stop = true } }

    private var stopping: Bool { flags.withLock { $0.stop } }

    /// True once the controllers run and the first sync was tried (for `/readyz`).
    public var isReady: Bool { flags.withLock { $0.ready && !$0.stop } }

    private func takeSyncRequest() -> Bool {
        flags.withLock { flags in
            defer { flags.sync = false }
            return flags.sync
        }
    }

    public func run() throws {
        let clock = SystemClock()
        let store = try SQLiteStore.open(directory: options.stateDirectory)
        let lease = LeaderLease(identity: Convergence.processIdentity)
        while try !lease.acquire(in: store, now: clock.now()) {
            let holder = (try? LeaderLease.holder(in: store, now: clock.now())) ?? nil
            logger.info("waiting for the controller lease", metadata: ["holder": "\(holder ?? "?")"])
            if stopping { return }
            pause(seconds: 1)
        }
        defer { try? lease.release(in: store) }

        let cluster = try Cluster(store: store, clock: clock)
        try cluster.bootstrap(now: clock.now())
        cluster.manager.errorHandler = { [logger, metrics] controller, key, error in
            metrics.reconcileErrors.increment(labels: ["controller": controller])
            if error is TerminalError {
                logger.error("reconcile failed", metadata: ["controller": "\(controller)", "object": "\(key)", "error": "\(error)"])
            }
        }
        try cluster.manager.start()
        lastAttempted = try SyncedSource.latest(in: store)?.revision
        let watcher = Reconciler.isURL(options.repository) ? nil : (try? GitRepository.open(path: options.repository)).map {
            RefWatcher(gitDirectory: $0.gitDirectory)
        }
        logger.info("serving", metadata: [
            "repository": "\(options.repository)", "path": "\(options.path)", "revision": "\(options.revision)",
            "interval": "\(options.interval)s", "selfHeal": "\(options.selfHeal)", "refNotifications": "\(watcher?.isActive ?? false)",
        ])

        var nextFetch = clock.now()
        var nextDriftCheck = clock.now().addingTimeInterval(options.interval)
        var nextRenewal = clock.now().addingTimeInterval(lease.duration / 3)
        while !stopping {
            let now = clock.now()
            let refsMoved = watcher?.wait(timeout: 0) ?? false
            if takeSyncRequest() || refsMoved || now >= nextFetch {
                syncSource(force: !refsMoved && now < nextFetch)
                flags.withLock { $0.ready = true }
                nextFetch = clock.now().addingTimeInterval(options.interval * Double.random(in: 0.9...1.1))
            }
            if clock.now() >= nextDriftCheck {
                checkDrift()
                nextDriftCheck = clock.now().addingTimeInterval(options.interval)
            }
            if clock.now() >= nextRenewal {
                guard try lease.acquire(in: store, now: clock.now()) else {
                    logger.error("lost the controller lease; stopping")
                    return
                }
                nextRenewal = clock.now().addingTimeInterval(lease.duration / 3)
            }
            recordSettledHealth(cluster: cluster, store: store)
            let wakeAt = min(nextFetch, nextDriftCheck, nextRenewal, clock.now().addingTimeInterval(0.25))
            _ = try cluster.manager.run(until: { self.stopping || clock.now() >= wakeAt }, deadline: wakeAt)
            for (controller, depth) in cluster.manager.queueDepths {
                metrics.queueDepth.set(Double(depth), labels: ["controller": controller])
            }
        }
        logger.info("stopped")
    }

    private func reconcileOptions(revision: String, dryRun: Bool) -> ReconcileOptions {
        var reconcile = ReconcileOptions()
        reconcile.repository = options.repository
        reconcile.path = options.path
        reconcile.revision = revision
        reconcile.stateDirectory = options.stateDirectory
        reconcile.dryRun = dryRun
        return reconcile
    }

    /// The followed branch's tip; for a URL, fetched first.
    private func tip() throws -> CommitInfo {
        let repository: GitRepository
        if Reconciler.isURL(options.repository) {
            let cache = options.stateDirectory.appendingPath("sources")
            repository = try GitRepository.mirror(url: options.repository, cacheDirectory: cache)
        } else {
            repository = try GitRepository.open(path: options.repository)
        }
        return try repository.resolve(options.revision)
    }

    /// Applies the tip when it is a commit not tried yet (or when asked to): the same plan and
    /// atomic apply as `berth reconcile`. A refused commit is recorded and not tried again until the
    /// branch moves; the previous revision keeps running.
    private func syncSource(force: Bool) {
        let commit: CommitInfo
        do {
            commit = try tip()
        } catch {
            logger.error("cannot read the source", metadata: ["error": "\(error)"])
            return
        }
        guard force || commit.id != lastAttempted else { return }
        lastAttempted = commit.id
        let started = Date()
        logger.info("sync started", metadata: ["revision": "\(commit.shortID)", "subject": "\(commit.subject)"])
        do {
            let outcome = try Reconciler(options: reconcileOptions(revision: commit.id, dryRun: false)).run()
            let plan = outcome.plan
            let seconds = Date().timeIntervalSince(started)
            metrics.syncs.increment(labels: ["result": outcome.result == .inSync ? "in-sync" : "applied"])
            metrics.syncDuration.observe(seconds)
            metrics.objectsApplied.increment(by: Double(plan.changes.count))
            if let record = outcome.syncRecordID { settling = (record, outcome.source.keys) }
            logger.info("sync finished", metadata: [
                "revision": "\(commit.shortID)", "created": "\(plan.count(.create))", "updated": "\(plan.count(.update))",
                "deleted": "\(plan.count(.delete))", "unchanged": "\(plan.unchanged.count)",
                "seconds": "\(threeDecimals(seconds))",
            ])
        } catch let error as ReconcileError {
            metrics.syncs.increment(labels: ["result": "refused"])
            logger.error("sync refused", metadata: ["revision": "\(commit.shortID)", "error": "\(error.issues.first?.description ?? "")"])
        } catch {
            metrics.syncs.increment(labels: ["result": "failed"])
            logger.error("sync failed", metadata: ["revision": "\(commit.shortID)", "error": "\(error)"])
        }
    }

    /// Once the last sync's resources are healthy (or a Deployment is degraded), keeps that health
    /// with its sync record, as `berth reconcile` does when it waits.
    private func recordSettledHealth(cluster: Cluster, store: SQLiteStore) {
        guard let (record, keys) = settling else { return }
        // The sync wrote through its own connection: take its changes in before judging.
        try? cluster.manager.pullChanges()
        let view = ClusterView.cache(cluster.manager, store: store)
        let healths = keys.map { Health.of(view.get($0)) }
        let aggregate = Health.aggregate(healths)
        let degraded = zip(keys, healths).contains { $0.0.kind == "Deployment" && $0.1.status == .degraded }
        guard aggregate <= .suspended || degraded else { return }
        settling = nil
        try? store.write { tx in try tx.recordHealth(aggregate.rawValue, ofSync: record) }
        logger.info("rollout settled", metadata: ["health": "\(aggregate.rawValue)"])
    }

    /// Looks for live state that git does not hold and, with self-heal, puts git's back.
    private func checkDrift() {
        do {
            guard let store = try SQLiteStore.openExisting(directory: options.stateDirectory),
                let synced = try SyncedSource.latest(in: store)
            else { return }
            let preview = try Reconciler(options: reconcileOptions(revision: synced.revision, dryRun: true)).run()
            if let through = preview.inSyncThrough {
                // No drift: the next check needs to look only at what is written after this one.
                try Reconciler.recordInSync(source: preview.source, sourceID: preview.sourceID, through: through, in: store)
                return
            }
            let objects = preview.plan.changes.map { "\($0.key)" }.joined(separator: ", ")
            metrics.driftDetected.increment()
            guard options.selfHeal else {
                logger.warning("drift found", metadata: ["revision": "\(String(synced.revision.prefix(7)))", "objects": "\(objects)"])
                return
            }
            let healed = try Reconciler(options: reconcileOptions(revision: synced.revision, dryRun: false)).run()
            if let record = healed.syncRecordID { settling = (record, healed.source.keys) }
            metrics.driftCorrections.increment()
            logger.info("drift healed", metadata: ["revision": "\(String(synced.revision.prefix(7)))", "objects": "\(objects)"])
        } catch {
            logger.error("drift check failed", metadata: ["error": "\(error)"])
        }
    }
}

/// A duration in seconds with three decimals, as the sync log prints it.
func threeDecimals(_ seconds: Double) -> String {
    let thousandths = Int((max(0, seconds) * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

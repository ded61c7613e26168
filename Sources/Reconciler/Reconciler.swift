import FoundationEssentials
import GitSource
import Glibc
import Manifests
import Resources
import Store

/// What to reconcile and how.
public struct ReconcileOptions: Sendable {
    /// A local repository (work tree or bare) or a URL, mirrored into the state folder's cache.
    public var repository: String = "."
    public var revision: String = "HEAD"
    public var path: String = "manifests"
    public var stateDirectory: String = ".berth"
    public var dryRun = false
    public var prune = true
    public var limits = DecodeLimits.default
    /// Read only the files changed since the last apply and diff only the objects changed since;
    /// false reads and diffs everything.
    public var incremental = true

    public init() {}
}

/// The result of one `berth reconcile`.
public struct ReconcileOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        /// Dry run: the plan, nothing written.
        case previewed
        /// Nothing to change (the revision is recorded in the history if it was new).
        case inSync
        /// Written in one transaction at this store revision (nil when only the history was written).
        case applied(storeRevision: Int64?)
    }

    public var sourceID: String
    public var source: LoadedSource
    public var plan: Plan
    public var result: Result
    /// The history record this run wrote (nil for a dry run, or an in-sync run that wrote nothing).
    public var syncRecordID: Int64?
    /// When the plan changes nothing: the store revision through which every object was seen as git
    /// wants it (see `Reconciler.recordInSync`).
    public var inSyncThrough: Int64?
    /// The store the run read and wrote, still open (nil for a dry run against no state), for a
    /// caller to go on with: waiting for health, or ending the process without closing it.
    public var store: SQLiteStore?
}

/// Plans a commit against the store and applies it in one transaction: the spine of berth.
public struct Reconciler: Sendable {
    public var options: ReconcileOptions
    public var clock: @Sendable () -> Date
    public var registry = KindRegistry.builtIn

    public init(options: ReconcileOptions, clock: @escaping @Sendable () -> Date = Date.init) {
        self.options = options
        self.clock = clock
    }

    public func run() throws -> ReconcileOutcome {
        let (opened, state) = bothAtOnce({ Result { try openRepository() } }, { Result { try openState() } })
        let (repository, sourceID) = try opened.get()
        var (store, early) = try state.get()
        if store == nil, !options.dryRun { store = try SQLiteStore.open(directory: options.stateDirectory, clock: clock) }
        if early?.sourceID != sourceID { early = nil }
        let snapshot = try early?.snapshot ?? (options.incremental ? store?.snapshot(source: sourceID) : nil)
        let baseline = snapshot.flatMap { snapshot in
            store.map { store in
                SourceLoader.Baseline(snapshot: snapshot) { blobs in
                    if !blobs, let rows = early?.rows.value { return rows }
                    return try Self.files(of: sourceID, matching: snapshot, blobs: blobs, in: store)
                }
            }
        }
        var source = try refusing(sourceID, repository) { try load(repository, baseline: baseline) }
        // Every object stored at or before this revision is looked at (or known unchanged) below.
        let checked = try store?.revision()
        var planned: (plan: Plan, live: [ObjectKey: StoredObject])?
        if let baseline = source.baseline, let store {
            planned = try planChanges(of: source, since: baseline, now: checked ?? baseline, sourceID: sourceID, store: store)
            if planned == nil { source = try refusing(sourceID, repository) { try load(repository, baseline: nil) } }
        }
        let (plan, live) = try planned ?? refusing(sourceID, repository) { try planAll(of: source, sourceID: sourceID, store: store) }

        let inSyncThrough = plan.changes.isEmpty ? checked : nil
        guard !options.dryRun, let store else {
            return ReconcileOutcome(
                sourceID: sourceID, source: source, plan: plan, result: .previewed, syncRecordID: nil,
                inSyncThrough: inSyncThrough, store: store)
        }
        if plan.changes.isEmpty {
            // Nothing to change: write only what is new (the inventory, or this revision in the history).
            let lastSync = try store.history(source: sourceID, limit: 20).first { $0.result == .applied || $0.result == .inSync }
            var recordID: Int64?
            if plan.inventoryChanged || lastSync?.revision != source.commit.id {
                recordID = try apply(plan, source: source, sourceID: sourceID, live: live, store: store).record
            } else if let inSyncThrough, let baseline = source.baseline, inSyncThrough > baseline {
                try Self.recordInSync(source: source, sourceID: sourceID, through: inSyncThrough, in: store)
            }
            return ReconcileOutcome(
                sourceID: sourceID, source: source, plan: plan, result: .inSync, syncRecordID: recordID,
                inSyncThrough: inSyncThrough, store: store)
        }
        let (revision, record) = try apply(plan, source: source, sourceID: sourceID, live: live, store: store)
        return ReconcileOutcome(
            sourceID: sourceID, source: source, plan: plan, result: .applied(storeRevision: revision), syncRecordID: record,
            inSyncThrough: nil, store: store)
    }

    /// Moves the source's snapshot up to `revision` after a plan found everything in sync, so the
    /// next run does not diff again the objects controllers wrote since the apply (a status, an
    /// annotation). A dry run never does this itself; a caller that owns the state (`berth serve`
    /// after its drift check) may.
    public static func recordInSync(source: LoadedSource, sourceID: String, through revision: Int64, in store: SQLiteStore) throws {
        try store.advanceSnapshot(
            source: sourceID, commit: source.commit.id, loader: source.snapshot.loader, to: revision)
    }

    private func load(_ repository: GitRepository, baseline: SourceLoader.Baseline?) throws -> LoadedSource {
        try SourceLoader.load(
            repository: repository, revision: options.revision, path: options.path, limits: options.limits,
            registry: registry, baseline: baseline)
    }

    /// Runs `body`; a refusal it throws is recorded in the history (unless this is a dry run).
    private func refusing<T>(_ sourceID: String, _ repository: GitRepository, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReconcileError {
            if !options.dryRun { try recordRefusal(sourceID: sourceID, repository: repository, error: error) }
            throw error
        }
    }

    /// Plans every object of the source against the store.
    private func planAll(
        of source: LoadedSource, sourceID: String, store: SQLiteStore?
    ) throws -> (plan: Plan, live: [ObjectKey: StoredObject]) {
        let inventory = try store?.inventory(source: sourceID) ?? []
        let live = try liveObjects(for: source.keys + inventory.map(\.key), in: store)
        var plan = Planner.plan(desired: source.objects, live: live, inventory: inventory, prune: options.prune)
        plan = Planner.cascadeNamespaceDeletes(plan, contents: try contents(of: Planner.deletedNamespaces(plan), in: store))
        try NamespaceCheck.verify(source.objects, plan: plan, storedNamespaces: { try storedNamespaces(store) })
        return (plan, live)
    }

    /// Plans only what can differ since the last apply left every object in sync at `baseline`:
    /// the objects of the files read again, those written in the store since (or gone from it), and
    /// those no longer in git. Nil when the state does not allow it (then every file is read again).
    private func planChanges(
        of source: LoadedSource, since baseline: Int64, now revision: Int64, sourceID: String, store: SQLiteStore
    ) throws -> (plan: Plan, live: [ObjectKey: StoredObject])? {
        let readKeys = Set(source.objects.map(\.key))
        let readEntries = try store.inventory(source: sourceID, keys: source.objects.map(\.key))
        // The inventory lists every object of the files not read again (the last apply wrote both),
        // the objects read again unless they are new, and the objects gone from git: count those.
        let goneCount = try store.inventoryCount(source: sourceID) - (source.keys.count - readKeys.count) - readEntries.count
        guard goneCount >= 0 else { return nil }  // the inventory does not match the snapshot
        let changed = revision > baseline ? try store.inventoryChanged(source: sourceID, after: baseline) : []
        let desiredKeys = goneCount > 0 || !changed.isEmpty ? Set(source.keys) : []
        let gone = goneCount > 0 ? try store.inventoryKeys(source: sourceID).filter { !desiredKeys.contains($0) } : []
        let touched = changed.filter { desiredKeys.contains($0) && !readKeys.contains($0) }.sorted()
        let inventory = readEntries + (try store.inventory(source: sourceID, keys: touched + gone))
        let applied = Dictionary(inventory.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let scope = source.objects.map(\.key) + touched + gone
        var desired = source.objects
        for key in touched {
            guard let entry = applied[key] else { return nil }  // not applied by this source: the snapshot is stale
            desired.append(
                DesiredObject(
                    key: key, apiVersion: entry.apiVersion, value: entry.lastApplied, document: nil,
                    isBuiltIn: registry.info(apiVersion: entry.apiVersion, kind: key.kind) != nil))
        }
        let live = try store.objects(scope)
        var plan = Planner.plan(desired: desired, live: live, inventory: inventory, prune: options.prune)
        plan = Planner.cascadeNamespaceDeletes(plan, contents: try contents(of: Planner.deletedNamespaces(plan), in: store))
        // The objects not read again had their namespaces at the snapshot; they can lose them only
        // to a Namespace this plan deletes, or one deleted in the store since.
        let checked =
            Planner.deletedNamespaces(plan).isEmpty && revision == baseline ? source.objects.map(\.key) + touched : source.keys
        let homeless = try NamespaceCheck.homeless(
            checked, committed: checked.isEmpty ? [] : NamespaceCheck.namespaces(in: source.keys), plan: plan,
            storedNamespaces: { try storedNamespaces(store) })
        guard homeless.isEmpty else { return nil }  // a full read reports it with each object's place
        // Every object of the commit the plan does not create or update, in file order (with
        // nothing to change, the source's own keys: 10,000 of them are not copied).
        let planned = plan.changes.filter { $0.action != .delete }.map(\.key)
        plan.unchanged = source.keys.excluding(planned)
        return (plan, live)
    }

    /// Writes every change, the inventory and the sync record in one transaction.
    private func apply(
        _ plan: Plan, source: LoadedSource, sourceID: String, live: [ObjectKey: StoredObject], store: SQLiteStore
    ) throws -> (revision: Int64?, record: Int64) {
        let before = try store.revision()
        let recordID: Int64
        let syncRecord = record(
            sourceID: sourceID, commit: source.commit, result: plan.changes.isEmpty ? .inSync : .applied, message: "",
            plan: plan)
        do {
            recordID = try store.write { tx in
                var created = 0  // the creates already written with the run they start
                for (index, change) in plan.changes.enumerated() {
                    switch change.action {
                    case .create:
                        guard index >= created else { continue }
                        // A run of creates is written at once: their JSON is written on all cores.
                        let run = plan.changes[index...].prefix { $0.action == .create }
                        created = index + run.count
                        let stamped = Array(run).concurrentMap { ChangeCause.stamped($0.object!, live: nil, commit: source.commit) }
                        try tx.create(stamped)
                    case .update:
                        let object = ChangeCause.stamped(change.object!, live: live[change.key]?.value, commit: source.commit)
                        _ = try tx.update(object, expectedResourceVersion: change.expectedResourceVersion)
                    case .delete: try tx.delete(change.key, expectedResourceVersion: change.expectedResourceVersion)
                    }
                }
                try tx.updateInventory(source: sourceID, upserts: plan.inventoryWrites, removals: plan.inventoryRemovals)
                try tx.writeSnapshot(source: sourceID, source.snapshot)
                return try tx.appendHistory(syncRecord)
            }
        } catch let error as StoreError {
            if case .conflict(let key, _, _) = error {
                throw ReconcileError(
                    "\(key) changed in the store while the plan was made; nothing was applied",
                    hint: "run berth reconcile again")
            }
            throw error
        }
        let after = try store.revision()
        return (after == before ? nil : after, recordID)
    }

    private func record(sourceID: String, commit: CommitInfo?, result: SyncResult, message: String, plan: Plan?) -> SyncRecord {
        SyncRecord(
            id: 0, source: sourceID, time: clock(), revision: commit?.id ?? "", author: commit?.authorName ?? "",
            subject: commit?.subject ?? "", result: result, message: message,
            created: plan?.count(.create) ?? 0, updated: plan?.count(.update) ?? 0,
            deleted: plan?.count(.delete) ?? 0, unchanged: plan?.unchanged.count ?? 0, storeRevision: 0)
    }

    /// A refusal is history too, but writes no object and does not move the store's revision.
    private func recordRefusal(sourceID: String, repository: GitRepository, error: ReconcileError) throws {
        let commit = try? repository.resolve(options.revision)
        let store = try SQLiteStore.open(directory: options.stateDirectory, clock: clock)
        try store.write { tx in
            try tx.appendHistory(record(sourceID: sourceID, commit: commit, result: .refused, message: error.description, plan: nil))
        }
    }

    /// The snapshot of a source, and its files (without blob ids) being read meanwhile: nil when
    /// they could not be read, or an apply wrote between the two reads.
    struct EarlySnapshot {
        var sourceID: String
        var snapshot: SourceSnapshot
        var rows: Later<[SourceFileRecord]?>
    }

    /// Opens an existing store while the repository opens (a new one is created only once the
    /// repository has opened, so a bad repository leaves no state behind). For a local folder,
    /// the snapshot of the source it most likely is (the folder's real path) is read meanwhile.
    /// A dry run may find all of it read already (`prefetchState`).
    private func openState() throws -> (SQLiteStore?, EarlySnapshot?) {
        if let prefetched = StatePrefetch.shared.take(options.prefetchKey) { return prefetched }
        return try readState()
    }

    func readState() throws -> (SQLiteStore?, EarlySnapshot?) {
        let store: SQLiteStore? =
            options.dryRun
            ? try SQLiteStore.openExisting(directory: options.stateDirectory, clock: clock)
            : SQLiteStore.exists(in: options.stateDirectory)
                ? try SQLiteStore.open(directory: options.stateDirectory, clock: clock) : nil
        guard let store, options.incremental, !Self.isURL(options.repository),
            let folder = realpath(options.repository, nil)
        else { return (store, nil) }
        let sourceID = "\(String(cString: folder))#\(options.path)"
        free(folder)
        guard let snapshot = try store.snapshot(source: sourceID) else { return (store, nil) }
        // On a thread of their own: the run diffs git's trees meanwhile, which needs the snapshot's
        // commit only.
        let rows = Later { try? Self.files(of: sourceID, matching: snapshot, blobs: false, in: store) }
        return (store, EarlySnapshot(sourceID: sourceID, snapshot: snapshot, rows: rows))
    }

    /// A source's file rows, read after its snapshot: nil when an apply wrote in between, which
    /// makes the two disagree.
    private static func files(
        of sourceID: String, matching snapshot: SourceSnapshot, blobs: Bool, in store: SQLiteStore
    ) throws -> [SourceFileRecord]? {
        let files = try store.snapshotFiles(source: sourceID, blobs: blobs)
        return try store.snapshot(source: sourceID) == snapshot ? files : nil
    }

    private func openRepository() throws -> (GitRepository, String) {
        do {
            if Self.isURL(options.repository) {
                let cache = options.stateDirectory.appendingPath("sources")
                let repository = try GitRepository.mirror(url: options.repository, cacheDirectory: cache)
                return (repository, "\(options.repository)#\(options.path)")
            }
            let repository = try GitRepository.open(path: options.repository)
            return (repository, "\(repository.path)#\(options.path)")
        } catch {
            throw ReconcileError(error.description, hint: "pass --repo with a git repository's folder or URL")
        }
    }

    /// A repository given as a URL (mirrored into the state folder) rather than a local folder.
    public static func isURL(_ repository: String) -> Bool {
        repository.contains("://") || (repository.contains("@") && repository.contains(":") && !repository.hasPrefix("/"))
    }

    private func liveObjects(for keys: [ObjectKey], in store: SQLiteStore?) throws -> [ObjectKey: StoredObject] {
        guard let store else { return [:] }
        var live: [ObjectKey: StoredObject] = [:]
        let wanted = Set(keys)
        let kinds = Set(wanted.map { [$0.group, $0.kind] })
        for kind in kinds {
            for object in try store.list(group: kind[0], kind: kind[1], namespace: nil).items where wanted.contains(object.key) {
                live[object.key] = object
            }
        }
        return live
    }

    /// Every stored object in these namespaces, of every kind.
    private func contents(of namespaces: [String], in store: SQLiteStore?) throws -> [StoredObject] {
        guard let store, !namespaces.isEmpty else { return [] }
        var out: [StoredObject] = []
        for kind in try store.kinds() {
            for namespace in namespaces {
                out += try store.list(group: kind.group, kind: kind.kind, namespace: namespace).items
            }
        }
        return out
    }

    private func storedNamespaces(_ store: SQLiteStore?) throws -> Set<String> {
        guard let store else { return ["default"] }
        return Set(try store.list(group: "", kind: "Namespace", namespace: nil).items.map(\.key.name)).union(["default"])
    }
}

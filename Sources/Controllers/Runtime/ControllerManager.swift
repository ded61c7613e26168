import FoundationEssentials
import Resources
import Store

/// Runs a graph of controllers over one store: an informer cache fed by the store's change log,
/// one work queue per controller, time from an injected clock.
///
/// It runs on the caller's thread, one reconcile at a time. SQLite takes one writer at a time, so
/// reconciling in parallel would only queue on the database; one thread keeps every run
/// deterministic under a fake clock.
public final class ControllerManager {
    public let store: any ObjectStore
    public let clock: any ControllerClock
    public private(set) var cache = ObjectCache()
    /// How often to look for changes written by other processes while idle; nil never looks
    /// (a fake clock then jumps straight to the next timer).
    public var pollInterval: Double?
    /// Called for every change the cache takes in (progress display, logs).
    public var observer: ((ObjectEvent) -> Void)?
    /// Called when a reconcile fails (the key is retried with backoff unless the error is terminal).
    public var errorHandler: ((String, ObjectKey, any Error) -> Void)?

    private var entries: [Entry] = []
    private var revision: Int64 = 0
    private var kinds: Set<GroupKind> = []
    private lazy var context = ControllerContext(manager: self)

    final class Entry {
        let controller: any Controller
        var queue = WorkQueue<ObjectKey>()
        init(_ controller: any Controller) { self.controller = controller }
    }

    public init(store: any ObjectStore, clock: any ControllerClock, controllers: [any Controller], pollInterval: Double? = 0.05) {
        self.store = store
        self.clock = clock
        self.pollInterval = pollInterval
        entries = controllers.map(Entry.init)
        kinds = Set(controllers.flatMap { $0.watches.map(\.kind) })
    }

    public var controllers: [any Controller] { entries.map(\.controller) }

    /// Whether the cache holds objects of this kind (some controller watches it).
    public func isCaching(_ kind: GroupKind) -> Bool { kinds.contains(kind) }

    /// Lists every watched kind into the cache and queues every object for the controllers that
    /// watch it (the initial sync). On a relist, what the old cache held and the store no longer
    /// does is dispatched as deleted, as client-go's reflector does, so watchers hear of every
    /// deletion they missed.
    public func start() throws {
        let previous = cache
        cache = ObjectCache()
        let from = try store.revision()
        for kind in kinds {
            for object in try store.list(group: kind.group, kind: kind.kind).items { cache.put(object.value) }
        }
        revision = from
        try pullChanges(dispatch: false)
        for kind in kinds {
            for object in previous.list(kind) where cache.get(object.objectKey!) == nil {
                dispatch(ObjectEvent(kind: .deleted, key: object.objectKey!, object: object))
            }
            for object in cache.list(kind) {
                dispatch(ObjectEvent(kind: .added, key: object.objectKey!, object: object))
            }
        }
    }

    /// Takes in every change since the last look and wakes the controllers that watch it.
    public func pullChanges() throws { try pullChanges(dispatch: true) }

    private func pullChanges(dispatch shouldDispatch: Bool) throws {
        let events: [WatchEvent]
        do {
            events = try store.changes(after: revision, limit: nil)
        } catch StoreError.compacted {
            try start()  // the log moved on: relist, as a watcher must
            return
        }
        for event in events {
            revision = max(revision, event.revision)
            guard kinds.contains(event.key.groupKind) else { continue }
            let change: ObjectEvent.Kind
            switch event.type {
            case .added: change = .added
            case .modified: change = .modified
            case .deleted: change = .deleted
            }
            let previous = cache.get(event.key)
            if change == .deleted { cache.remove(event.key) } else { cache.put(event.object) }
            let objectEvent = ObjectEvent(kind: change, key: event.key, object: event.object, previous: previous)
            observer?(objectEvent)
            if shouldDispatch { dispatch(objectEvent) }
        }
    }

    private func dispatch(_ event: ObjectEvent) {
        for entry in entries {
            for watch in entry.controller.watches where watch.kind == event.key.groupKind {
                for key in watch.keys(event, cache) { entry.queue.add(key) }
            }
        }
    }

    /// Queues a key for the named controller (a command asking for a reconcile now).
    public func enqueue(_ key: ObjectKey, controller name: String) {
        entries.first { $0.controller.name == name }?.queue.add(key)
    }

    /// Reconciles every key that is ready now, round-robin over the controllers; true if any was.
    @discardableResult
    public func step() throws -> Bool {
        var worked = false
        let now = clock.now()
        for entry in entries { entry.queue.promote(now: now) }
        var progress = true
        while progress {
            progress = false
            for entry in entries {
                guard let key = entry.queue.next() else { continue }
                progress = true
                worked = true
                reconcile(key, in: entry)
            }
        }
        return worked
    }

    private func reconcile(_ key: ObjectKey, in entry: Entry) {
        defer { entry.queue.done(key) }
        do {
            switch try entry.controller.reconcile(key, context: context) {
            case .done:
                entry.queue.forget(key)
            case .requeue(let seconds):
                entry.queue.forget(key)
                entry.queue.add(key, after: seconds, now: clock.now())
            }
        } catch {
            errorHandler?(entry.controller.name, key, error)
            if !(error is TerminalError) { _ = entry.queue.retryWithBackoff(key, now: clock.now()) }
            try? pullChanges()  // a failed write may have lost a race: see the winner's change
        }
    }

    /// The earliest time any controller wants to look again.
    public var nextWakeUp: Date? { entries.compactMap(\.queue.nextDelayedTime).min() }

    /// Work queue depth per controller (for progress and metrics).
    public var queueDepths: [String: Int] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.controller.name, $0.queue.depth) })
    }

    /// Runs until `isDone` holds (true) or the clock passes `deadline` (false). With no poll
    /// interval and nothing left to wait for, it stops early (false): nothing would ever change.
    public func run(until isDone: () throws -> Bool, deadline: Date) throws -> Bool {
        while true {
            try pullChanges()
            let worked = try step()
            if try isDone() { return true }
            if worked { continue }
            let now = clock.now()
            if now >= deadline { return false }
            var wake = nextWakeUp.map { min($0, deadline) }
            if let pollInterval { wake = min(wake ?? deadline, now.addingTimeInterval(pollInterval)) }
            guard let wake else { return false }
            clock.sleep(until: wake)
        }
    }
}

import Synchronization

/// What `berth serve` counts, for `/metrics`: read by the listener's threads, written by the loop.
public final class ServerStats: Sendable {
    public struct Snapshot: Sendable {
        public var syncs: [String: Int] = [:]
        public var syncDurations: [Double] = []
        public var objectsApplied = 0
        public var driftCorrections = 0
        public var driftDetected = 0
        public var reconcileErrors: [String: Int] = [:]
        public var queueDepth: [String: Int] = [:]
        public var syncedRevision = ""
        public var ready = false
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ change: (inout Snapshot) -> Void) { state.withLock { change(&$0) } }
}

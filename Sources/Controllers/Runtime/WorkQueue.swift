import FoundationEssentials
import Glibc

/// controller-runtime's work queue: a key waits at most once however often it is added; a key
/// being reconciled is not handed out again until it is done (if added meanwhile, it comes back
/// after); failures back off exponentially per key, capped; a result may ask for a key again after
/// a delay.
public struct WorkQueue<Key: Hashable & Sendable>: Sendable {
    private var queue: [Key] = []
    private var head = 0
    private var queued: Set<Key> = []
    private var processing: Set<Key> = []
    private var dirtyWhileProcessing: Set<Key> = []
    private var delayed: [Key: Date] = [:]
    private var failures: [Key: Int] = [:]

    /// The first retry waits `baseDelay`; each further failure doubles it, up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(baseDelay: Double = 0.005, maxDelay: Double = 300) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public var isEmpty: Bool { head == queue.count && delayed.isEmpty && processing.isEmpty }
    public var readyCount: Int { queue.count - head }
    public var depth: Int { readyCount + delayed.count }

    public mutating func add(_ key: Key) {
        if processing.contains(key) {
            dirtyWhileProcessing.insert(key)
            return
        }
        guard queued.insert(key).inserted else { return }
        delayed[key] = nil
        queue.append(key)
    }

    /// Adds `key` once `after` seconds have passed from `now`; an earlier pending time wins.
    public mutating func add(_ key: Key, after seconds: Double, now: Date) {
        guard seconds > 0 else { return add(key) }
        if queued.contains(key) { return }
        let at = now.addingTimeInterval(seconds)
        if let existing = delayed[key], existing <= at { return }
        delayed[key] = at
    }

    /// Moves delayed keys whose time has come into the queue.
    public mutating func promote(now: Date) {
        guard !delayed.isEmpty else { return }
        let due = delayed.filter { $0.value <= now }.sorted { $0.value < $1.value }
        for (key, _) in due {
            delayed[key] = nil
            add(key)
        }
    }

    /// The earliest time a delayed key becomes ready.
    public var nextDelayedTime: Date? { delayed.values.min() }

    /// The next key to reconcile, marked as in process.
    public mutating func next() -> Key? {
        guard head < queue.count else { return nil }
        let key = queue[head]
        head += 1
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        queued.remove(key)
        processing.insert(key)
        return key
    }

    /// Ends a reconcile of `key`; a key added while it ran goes back in the queue.
    public mutating func done(_ key: Key) {
        processing.remove(key)
        if dirtyWhileProcessing.remove(key) != nil { add(key) }
    }

    /// Success: the key's failure count resets.
    public mutating func forget(_ key: Key) { failures[key] = nil }

    /// Failure: the key comes back after its backoff, which doubles each time.
    public mutating func retryWithBackoff(_ key: Key, now: Date) -> Double {
        let count = failures[key, default: 0]
        failures[key] = count + 1
        let delay = min(maxDelay, baseDelay * pow(2, Double(min(count, 62))))
        add(key, after: delay, now: now)
        return delay
    }

    public func failureCount(_ key: Key) -> Int { failures[key, default: 0] }
}

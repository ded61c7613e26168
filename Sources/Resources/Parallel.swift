import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// The cores this process may use, looked up once (it reads the cgroup's limits from files).
public let processorCount = ProcessInfo.processInfo.activeProcessorCount

/// Runs `first` and `second` at the same time (on two cores when two are free) and returns both
/// results once both are done.
public func bothAtOnce<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    var a: A?
    var b: B?
    _ = onAllCores(count: 2, minimumSlice: 1) { range in
        for slot in range { if slot == 0 { a = first() } else { b = second() } }
    }
    return (a!, b!)
}

/// `body` run on consecutive slices of `0..<count` on all cores: as many slices as there are
/// cores, none shorter than `minimumSlice` (one slice, on this thread, for a short range). The
/// results come in the order of the slices.
public func onAllCores<T>(count: Int, minimumSlice: Int, _ body: (Range<Int>) -> T) -> [T] {
    let most = count / Swift.max(minimumSlice, 1)
    let slices = most < 2 ? 1 : Swift.min(processorCount, most)
    guard slices > 1 else { return [body(0..<count)] }
    return withoutActuallyEscaping(body) { body in
        let work = SliceWork(count: count, slices: slices, body: body)
        DispatchQueue.concurrentPerform(iterations: slices) { work.run($0) }
        return work.results()
    }
}

extension Array {
    /// `transform` of every element, in order, worked out on all cores.
    public func concurrentMap<T>(minimumSlice: Int = 256, _ transform: (Element) -> T) -> [T] {
        withoutActuallyEscaping(transform) { transform in
            onAllCores(count: count, minimumSlice: minimumSlice) { range in self[range].map(transform) }.flatMap { $0 }
        }
    }
}

/// The work of `onAllCores`: each slice's result is written once, by the worker that made it.
private final class SliceWork<T>: @unchecked Sendable {
    private let count: Int
    private let body: (Range<Int>) -> T
    private var slices: [T?]
    private let lock = Mutex(())

    init(count: Int, slices: Int, body: @escaping (Range<Int>) -> T) {
        self.count = count
        self.body = body
        self.slices = Array(repeating: nil, count: slices)
    }

    func run(_ slice: Int) {
        let result = body((count * slice / slices.count)..<(count * (slice + 1) / slices.count))
        lock.withLock { _ in slices[slice] = result }
    }

    func results() -> [T] { slices.map { $0! } }
}

/// Works through `0..<count` in chunks: `produce` makes each chunk's result (on all cores, if it
/// spreads its work itself) while `consume` takes the previous chunk's, in order, on this thread.
/// For work with a serial end, such as rows written into one database connection: the writing of
/// one chunk overlaps the making of the next. Stops at the first error `consume` throws.
public func pipelined<T>(
    count: Int, chunk: Int, produce: (Range<Int>) -> T, consume: (Range<Int>, T) throws -> Void
) throws {
    let ranges = stride(from: 0, to: count, by: Swift.max(chunk, 1)).map { $0..<Swift.min($0 + chunk, count) }
    guard let first = ranges.first else { return }
    var ready = produce(first)
    for (index, range) in ranges.enumerated() {
        // The last chunk (the only one, for a single row) has nothing to overlap: no second thread.
        guard index + 1 < ranges.count else { return try consume(range, ready) }
        let current = ready
        var failure: (any Error)?
        (ready, _) = bothAtOnce(
            { produce(ranges[index + 1]) },
            { do { try consume(range, current) } catch { failure = error } })
        if let failure { throw failure }
    }
}

/// Runs `body` on a new thread of its own and returns at once (a plain POSIX thread: nothing of
/// Foundation's to set up, for work started in the first milliseconds of a process).
public func detachThread(_ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { context in
        let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    if started == 0 {
        pthread_detach(thread)
    } else {
        let box = Unmanaged<Box>.fromOpaque(box).takeRetainedValue()
        box.body()  // no thread to be had: run it here
    }
}

/// Blocks this thread for `seconds` (nothing when not positive), resuming after a signal.
public func pause(seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}

/// A value computed on a thread of its own, started at once; `value` waits until it is ready.
public final class Later<Value>: @unchecked Sendable {
    private var result: Value?
    private let ready = DispatchSemaphore(value: 0)

    public init(_ compute: @escaping @Sendable () -> Value) {
        detachThread { [self] in
            result = compute()
            ready.signal()
        }
    }

    /// The value, once computed. The semaphore orders its write before this read, and is signalled
    /// again so that every later read returns at once.
    public var value: Value {
        ready.wait()
        ready.signal()
        return result!
    }
}

import Dispatch
import Synchronization

/// Accepted connections waiting for a worker: bounded, so a flood is refused instead of queued
/// without end, and closable, so workers drain what was accepted and then exit.
final class ConnectionQueue: Sendable {
    private struct State {
        var waiting: [Int32] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// One signal per queued connection plus one per worker on close, so every `take` wakes.
    private let available = DispatchSemaphore(value: 0)
    private let capacity: Int
    private let workers: Int

    init(capacity: Int, workers: Int) {
        self.capacity = capacity
        self.workers = workers
    }

    /// Queues `fd` unless the queue is full or closed; false means the caller must refuse it.
    /// `busy` is how many connections workers are serving now: with them, the waiting ones may
    /// fill every worker plus `capacity`, so a free worker always takes a connection.
    func offer(_ fd: Int32, busy: Int) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed, state.waiting.count + busy < capacity + workers else { return false }
            state.waiting.append(fd)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// The next connection, or nil once the queue is closed and empty.
    func take() -> Int32? {
        while true {
            available.wait()
            let next: Int32?? = state.withLock { state in
                if !state.waiting.isEmpty { return .some(state.waiting.removeFirst()) }
                return state.closed ? .some(nil) : nil
            }
            if let next { return next }
        }
    }

    func close() {
        state.withLock { $0.closed = true }
        for _ in 0..<workers { available.signal() }
    }
}

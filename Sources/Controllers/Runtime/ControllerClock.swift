import FoundationEssentials
import Glibc
import Resources
import Synchronization

/// Where controllers get the time, and how they wait for it. Injected, so tests run in fake time.
public protocol ControllerClock: Sendable {
    func now() -> Date
    /// Waits until `date` (a fake clock jumps there at once).
    func sleep(until date: Date)
}

/// The wall clock.
public struct SystemClock: ControllerClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(until date: Date) {
        Resources.pause(seconds: date.timeIntervalSinceNow)
    }
}

/// A clock that moves only when told to, or when the manager sleeps (it jumps to the wake-up time).
public final class FakeClock: ControllerClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func sleep(until date: Date) {
        current.withLock { if date > $0 { $0 = date } }
    }

    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

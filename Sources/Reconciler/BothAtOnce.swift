import Dispatch
import Resources

/// Runs `first` and `second` at the same time (on two cores when two are free) and returns both
/// results once both are done.
func bothAtOnce<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let pair = Pair(first, second)
            DispatchQueue.concurrentPerform(iterations: 2) { pair.run($0) }
            return (pair.a!, pair.b!)
        }
    }
}

/// Each slot is written by one iteration only, and both are done when concurrentPerform returns.
private final class Pair<A, B>: @unchecked Sendable {
    let first: () -> A
    let second: () -> B
    var a: A?
    var b: B?

    init(_ first: @escaping () -> A, _ second: @escaping () -> B) {
        self.first = first
        self.second = second
    }

    func run(_ slot: Int) {
        if slot == 0 { a = first() } else { b = second() }
    }
}

extension Array where Element == ObjectKey {
    /// Whether any of `keys` is among these. A few keys are compared one by one, which is much
    /// cheaper than hashing every key of a long array.
    func containsAny(of keys: [ObjectKey]) -> Bool {
        if keys.isEmpty { return false }
        if keys.count <= 16 { return contains { keys.contains($0) } }
        let wanted = Set(keys)
        return contains(where: wanted.contains)
    }
}

import Foundation

extension Plan {
    /// Every change's diff text, in the order of `changes`. Each diff renders on its own, so they
    /// render on all cores, in as many slices as there are cores.
    public func renderedDiffs() -> [String] {
        let changes = self.changes
        let slices = min(changes.count, ProcessInfo.processInfo.activeProcessorCount)
        guard slices > 1 else { return changes.map(\.diff.text) }
        let rendered = RenderedSlices(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (changes.count * slice / slices)..<(changes.count * (slice + 1) / slices)
            rendered.set(slice, changes[range].map(\.diff.text))
        }
        return rendered.joined()
    }
}

/// The slices' results, each written once by the worker that rendered it.
private final class RenderedSlices: @unchecked Sendable {
    private var slices: [[String]]
    private let lock = NSLock()

    init(count: Int) { slices = Array(repeating: [], count: count) }

    func set(_ slice: Int, _ texts: [String]) {
        lock.lock()
        defer { lock.unlock() }
        slices[slice] = texts
    }

    func joined() -> [String] { slices.flatMap { $0 } }
}

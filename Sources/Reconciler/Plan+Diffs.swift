import Resources

extension Plan {
    /// Every change's diff text, in the order of `changes`. Each diff renders on its own, so they
    /// render on all cores.
    public func renderedDiffs() -> [String] {
        inSlices { $0.map(\.diff.text) }.flatMap { $0 }
    }

    /// `body` run on consecutive slices of `changes` on all cores (one slice per core, one in all
    /// for a few changes); the results in the order of the slices.
    public func inSlices<T>(_ body: (ArraySlice<PlannedChange>) -> T) -> [T] {
        let changes = self.changes
        return withoutActuallyEscaping(body) { body in
            onAllCores(count: changes.count, minimumSlice: 16) { range in body(changes[range]) }
        }
    }
}

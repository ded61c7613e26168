import Dispatch
import Resources
import Synchronization
import Testing

@Suite struct ParallelTests {
    @Test func concurrentMapKeepsOrderAtEverySize() {
        for count in [0, 1, 2, 255, 256, 1_000, 10_001] {
            let items = Array(0..<count)
            #expect(items.concurrentMap(minimumSlice: 16) { $0 * 3 } == items.map { $0 * 3 })
        }
    }

    @Test func slicesCoverTheRangeOnceInOrder() {
        let slices = onAllCores(count: 1_003, minimumSlice: 10) { $0 }
        #expect(slices.first?.lowerBound == 0 && slices.last?.upperBound == 1_003)
        #expect(zip(slices, slices.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(onAllCores(count: 5, minimumSlice: 10) { $0 } == [0..<5])  // too short to split
    }

    @Test func bothAtOnceGivesBothResults() {
        let (a, b) = bothAtOnce({ (0..<1_000).reduce(0, +) }, { "done" })
        #expect(a == 499_500 && b == "done")
    }

    @Test func pipelinedConsumesEveryChunkInOrderAndStopsAtAnError() throws {
        var consumed: [Int] = []
        try pipelined(count: 1_000, chunk: 64) { range in range.map { $0 * 2 } } consume: { range, made in
            #expect(made == range.map { $0 * 2 })
            consumed += made
        }
        #expect(consumed == (0..<1_000).map { $0 * 2 })

        struct Stop: Error {}
        var chunks = 0
        #expect(throws: Stop.self) {
            try pipelined(count: 1_000, chunk: 100) { $0 } consume: { _, _ in
                chunks += 1
                if chunks == 3 { throw Stop() }
            }
        }
        #expect(chunks == 3)
        try pipelined(count: 0, chunk: 10) { $0 } consume: { _, _ in Issue.record("nothing to consume") }
    }

    @Test func laterComputesOnAThreadOfItsOwnOnceForEveryRead() {
        let gate = DispatchSemaphore(value: 0)
        let calls = Atomic<Int>(0)
        // Computed on the creating thread, the value would wait for a signal that comes only after.
        let later = Later { () -> Int in
            calls.add(1, ordering: .relaxed)
            return gate.wait(timeout: .now() + 10) == .success ? 42 : -1
        }
        gate.signal()
        #expect(later.value == 42)
        #expect(later.value == 42)
        #expect(calls.load(ordering: .relaxed) == 1)
    }
}

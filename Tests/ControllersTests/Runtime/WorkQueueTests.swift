import Foundation
import Testing

@testable import Controllers

@Suite struct WorkQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aKeyWaitsOnceHoweverOftenItIsAdded() {
        var queue = WorkQueue<String>()
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(queue.readyCount == 2)
        #expect(queue.next() == "a")
        #expect(queue.next() == "b")
        #expect(queue.next() == nil)
    }

    @Test func aKeyInProcessIsNotHandedOutTwiceButComesBackAfter() {
        var queue = WorkQueue<String>()
        queue.add("a")
        let key = queue.next()
        queue.add("a")  // changed while being reconciled
        #expect(queue.next() == nil, "never reconciled in two places at once")
        queue.done(key!)
        #expect(queue.next() == "a", "and looked at again once done")
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        var queue = WorkQueue<String>(baseDelay: 0.005, maxDelay: 1)
        var delays: [Double] = []
        for _ in 0..<10 {
            delays.append(queue.retryWithBackoff("a", now: t0))
        }
        // 5 ms, 10, 20, 40, 80, 160, 320, 640, then capped at 1 s.
        #expect(delays.map { ($0 * 1000).rounded() } == [5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000])
        queue.forget("a")
        #expect(queue.retryWithBackoff("a", now: t0) == 0.005, "success resets the count")
    }

    @Test func requeueAfterWaitsForItsTime() {
        var queue = WorkQueue<String>()
        queue.add("a", after: 30, now: t0)
        queue.add("a", after: 60, now: t0)  // the earlier time wins
        #expect(queue.next() == nil)
        #expect(queue.nextDelayedTime == t0.addingTimeInterval(30))
        queue.promote(now: t0.addingTimeInterval(29))
        #expect(queue.next() == nil)
        queue.promote(now: t0.addingTimeInterval(30))
        #expect(queue.next() == "a")
    }

    @Test func anImmediateAddSupersedesADelayedOne() {
        var queue = WorkQueue<String>()
        queue.add("a", after: 30, now: t0)
        queue.add("a")
        #expect(queue.next() == "a")
        #expect(queue.nextDelayedTime == nil)
    }
}

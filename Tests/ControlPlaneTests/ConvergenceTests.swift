import BerthTestSupport
import Controllers
import Foundation
import Resources
import Store
import Testing

@testable import ControlPlane

/// One controller graph per state: the lease holder runs it, everyone else waits on the store.
@Suite struct ConvergenceTests {
    @Test func aWaiterThatFindsTheLeaseHeldDoesNotRunControllers() throws {
        let directory = try TemporaryDirectory("berth-convergence")
        let clock = FakeClock()
        let store = try SQLiteStore.open(directory: directory.path, clock: { clock.now() })
        // Another process holds the lease.
        #expect(try LeaderLease(identity: "server", duration: 15).acquire(in: store, now: clock.now()))

        let waiter = Convergence(store: store, clock: clock, identity: "cli")
        let nodesExist = { (view: ClusterView) in !view.list(.node).isEmpty }
        #expect(try !waiter.wait(timeout: 10, until: nodesExist), "no graph of its own: nothing bootstraps the nodes")
        #expect(try store.list(group: "", kind: "Node").items.isEmpty)
        #expect(try LeaderLease.holder(in: store, now: clock.now()) == "server")

        // The holder goes away; its lease expires and the waiter takes over.
        clock.advance(by: 20)
        #expect(try waiter.wait(timeout: 10, until: nodesExist))
        #expect(try store.list(group: "", kind: "Node").items.count == 3, "the default cluster")
        #expect(try LeaderLease.holder(in: store, now: clock.now()) == nil, "released on return")
    }
}

import Dispatch
import Foundation
import HTTPServer
import Synchronization
import Testing

/// A gate a handler waits at until the test opens it, with a bounded wait so a bug fails the test
/// instead of hanging it.
final class Gate: Sendable {
    let entered = DispatchSemaphore(value: 0)
    let opened = DispatchSemaphore(value: 0)

    func pass() {
        entered.signal()
        _ = opened.wait(timeout: .now() + 10)
    }

    func waitForEntry() -> Bool {
        entered.wait(timeout: .now() + 10) == .success
    }
}

/// Waits until `condition` holds, giving up after about five seconds.
func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

@Suite struct HTTPServerLifecycleTests {
    @Test func twentyConcurrentClientsAreAllAnswered() throws {
        let active = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let handler: HTTPServer.Handler = { request in
            let now = active.add(1, ordering: .relaxed).newValue
            peak.max(now, ordering: .relaxed)
            defer { active.subtract(1, ordering: .relaxed) }
            usleep(20_000)  // long enough that requests overlap, so the pool is exercised
            return .text(request.path)
        }
        try withServer(handler: handler) { _, port in
            // All twenty connect before any sends, so they are open at once: sixteen are served
            // and four wait in the queue until a worker frees up.
            let clients = try (0..<20).map { _ in try TestClient(port: port) }
            for (index, client) in clients.enumerated() {
                try client.send(request("GET", "/client/\(index)", headers: ["Connection: close"]))
            }
            for (index, client) in clients.enumerated() {
                #expect(try client.readResponse().text == "/client/\(index)")
            }
        }
        #expect(peak.load(ordering: .relaxed) > 1)
        #expect(peak.load(ordering: .relaxed) <= HTTPServerConfiguration().maxConnections)
    }

    @Test func stopFinishesTheRequestInFlightAndClosesIdleConnections() throws {
        let gate = Gate()
        let server = HTTPServer(port: 0) { request in
            if request.path == "/slow" { gate.pass() }
            return .text("done \(request.path)")
        }
        try server.start()
        let port = try #require(server.boundPort)
        let idle = try TestClient(port: port)
        try idle.send(request("GET", "/fast"))
        #expect(try idle.readResponse().text == "done /fast")

        let busy = try TestClient(port: port)
        try busy.send(request("GET", "/slow"))
        #expect(gate.waitForEntry())
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            server.stop()
            stopped.signal()
        }.start()

        // The listener closes first; the request in flight is still held at the gate.
        #expect(eventually { !TestClient.canConnect(port: port) })
        #expect(idle.closedByServer())
        gate.opened.signal()
        let response = try busy.readResponse()
        #expect(response.text == "done /slow")
        #expect(response.headers["connection"] == "close")
        #expect(stopped.wait(timeout: .now() + 10) == .success)
        #expect(server.boundPort == nil)
    }

    @Test func aStoppedServerCanStartAgain() throws {
        let server = HTTPServer(port: 0) { _ in .text("up") }
        try server.start()
        server.stop()
        server.stop()
        try server.start()
        defer { server.stop() }
        let client = try TestClient(port: try #require(server.boundPort))
        try client.send(request("GET", "/"))
        #expect(try client.readResponse().text == "up")
    }

    @Test func portInUseIsATypedErrorNamingTheAddress() throws {
        try withServer(handler: echo) { first, port in
            let second = HTTPServer(port: port, handler: echo)
            let error = #expect(throws: HTTPServerError.self) { try second.start() }
            #expect(error?.reason == .addressInUse)
            #expect(error?.description == "cannot serve HTTP on 127.0.0.1:\(port): address already in use")
            #expect(throws: HTTPServerError.self) { try first.start() }
        }
    }

    @Test func unresolvableHostIsATypedError() {
        let server = HTTPServer(host: "no-such-host.invalid", port: 0, handler: echo)
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.reason == .cannotResolveHost)
        #expect(error?.address == "no-such-host.invalid:0")
    }

    @Test func localhostResolves() throws {
        let server = HTTPServer(host: "localhost", port: 0, handler: echo)
        try server.start()
        defer { server.stop() }
        let client = try TestClient(port: try #require(server.boundPort))
        try client.send(request("GET", "/local"))
        #expect(try client.readResponse().status == 200)
    }

    @Test func invalidConfigurationIsRefusedAtStart() {
        let server = HTTPServer(port: 0, configuration: HTTPServerConfiguration(maxConnections: 0), handler: echo)
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.reason == .invalidConfiguration)
        #expect(error?.message.contains("maxConnections") == true)
    }

    @Test func idleConnectionIsClosedAfterTheReadTimeout() throws {
        let configuration = HTTPServerConfiguration(readTimeout: .milliseconds(200))
        try withServer(configuration: configuration, handler: echo) { _, port in
            let silent = try TestClient(port: port)
            #expect(silent.closedByServer())

            let afterOne = try TestClient(port: port)
            try afterOne.send(request("GET", "/"))
            #expect(try afterOne.readResponse().status == 200)
            #expect(afterOne.closedByServer())
        }
    }

    @Test func slowRequestGets408() throws {
        let configuration = HTTPServerConfiguration(readTimeout: .milliseconds(200))
        try withServer(configuration: configuration, handler: echo) { _, port in
            let slowHead = try TestClient(port: port)
            try slowHead.send("GET / HTTP/1.1\r\nHost: t\r\n")
            #expect(try slowHead.readResponse().status == 408)
            #expect(slowHead.closedByServer())

            let slowBody = try TestClient(port: port)
            try slowBody.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try slowBody.readResponse().status == 408)
        }
    }

    @Test func connectionsBeyondWorkersAndQueueGet503() throws {
        let gate = Gate()
        let configuration = HTTPServerConfiguration(maxConnections: 1, maxPendingConnections: 0)
        try withServer(configuration: configuration, handler: { _ in gate.pass(); return .text("ok") }) { _, port in
            let first = try TestClient(port: port)
            try first.send(request("GET", "/"))
            #expect(gate.waitForEntry())
            let second = try TestClient(port: port)
            let refused = try second.readResponse()
            #expect(refused.status == 503)
            #expect(second.closedByServer())
            gate.opened.signal()
            #expect(try first.readResponse().status == 200)
        }
    }
}

import Glibc
import HTTPServer
import Testing

@Suite struct HTTPClientTests {
    @Test func aRequestGetsTheServersStatusWithItsHeaders() throws {
        let server = HTTPServer(port: 0) { request in
            guard request.method == "POST", request.path == "/api/v1/sync" else { return .text("no", status: 404) }
            return request.headers["authorization"] == "Bearer s3cret" ? .text("queued", status: 202) : .text("who?", status: 401)
        }
        try server.start()
        defer { server.stop() }
        let port = try #require(server.boundPort)
        let sync = { (headers: [(String, String)]) in
            try HTTPClient.status(method: "POST", host: "127.0.0.1", port: port, path: "/api/v1/sync", headers: headers)
        }
        #expect(try sync([("Authorization", "Bearer s3cret")]) == 202)
        #expect(try sync([]) == 401)
        #expect(try HTTPClient.status(method: "GET", host: "localhost", port: port, path: "/elsewhere") == 404)
    }

    @Test func nobodyListeningIsAnErrorNamingTheAddress() throws {
        // A port that was just free: bind, note it, close.
        let server = HTTPServer(port: 0) { _ in .text("up") }
        try server.start()
        let port = try #require(server.boundPort)
        server.stop()
        let error = try #require(throws: HTTPClient.Failure.self) {
            try HTTPClient.status(method: "POST", host: "127.0.0.1", port: port, path: "/", timeout: .seconds(2))
        }
        #expect(error.description.contains("127.0.0.1:\(port)"))
    }
}

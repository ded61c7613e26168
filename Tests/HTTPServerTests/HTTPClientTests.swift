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
        // A port bound but not listening refuses connections, and no other test can take it meanwhile.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let error = try #require(throws: HTTPClient.Failure.self) {
            try HTTPClient.status(method: "POST", host: "127.0.0.1", port: port, path: "/", timeout: .seconds(2))
        }
        #expect(error.description.contains("127.0.0.1:\(port)"))
    }
}

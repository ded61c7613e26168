import Foundation
import HTTPServer
import Testing

/// A handler that describes what it received, so tests see the parsed request from outside.
@Sendable func echo(_ request: HTTPRequest) -> HTTPResponse {
    let query = request.query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    let text = "\(request.method) \(request.path) [\(query)] agent=\(request.headers["USER-AGENT"] ?? "-") body=\(request.bodyText ?? "?")"
    return .text(text)
}

@Suite struct HTTPServerRequestTests {
    @Test func getAndPostRoundTrip() throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/healthz", headers: ["user-agent: probe"]))
            let get = try client.readResponse()
            #expect(get.status == 200)
            #expect(get.text == "GET /healthz [] agent=probe body=")
            #expect(get.headers["content-length"] == "\(get.body.count)")
            #expect(get.headers["content-type"] == "text/plain; charset=utf-8")
            #expect(get.headers["date"]?.hasSuffix(" GMT") == true)

            try client.send(request("POST", "/api/v1/sync", body: "{\"ref\":\"main\"}"))
            let post = try client.readResponse()
            #expect(post.text == "POST /api/v1/sync [] agent=- body={\"ref\":\"main\"}")
        }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnectionThenHonoursClose() throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/one"))
            #expect(try client.readResponse().text.hasPrefix("GET /one"))
            try client.send(request("GET", "/two"))
            let second = try client.readResponse()
            #expect(second.text.hasPrefix("GET /two"))
            #expect(second.headers["connection"] == nil)

            try client.send(request("GET", "/three", headers: ["Connection: close"]))
            let third = try client.readResponse()
            #expect(third.headers["connection"] == "close")
            #expect(client.closedByServer())
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("POST", "/a", body: "first") + request("GET", "/b"))
            #expect(try client.readResponse().text == "POST /a [] agent=- body=first")
            #expect(try client.readResponse().text == "GET /b [] agent=- body=")
        }
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() throws {
        try withServer(handler: echo) { _, port in
            let keep = try TestClient(port: port)
            try keep.send("GET /k HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keep.readResponse().headers["connection"] == nil)
            try keep.send("GET /k2 HTTP/1.0\r\n\r\n")
            #expect(try keep.readResponse().headers["connection"] == "close")
            #expect(keep.closedByServer())
        }
    }

    @Test func queryIsParsedAndPathPercentDecoded() throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/objects/caf%C3%A9%20bar?name=a%2Bb&mode=dry+run&flag&x=1&x=2"))
            #expect(try client.readResponse().text == "GET /objects/café bar [flag=&mode=dry run&name=a+b&x=2] agent=- body=")
        }
    }

    @Test func headAnswersTheLengthWithoutTheBody() throws {
        try withServer(handler: { _ in .text("twelve bytes") }) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("HEAD", "/"))
            // The response has Content-Length 12 but no body; reading the next response proves
            // no stray body bytes were sent in between.
            let head = try client.readResponse(ignoringBody: true)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "12")
            try client.send(request("GET", "/"))
            #expect(try client.readResponse().text == "twelve bytes")
        }
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try client.readResponse(ignoringBody: true).status == 100)
            try client.send("data")
            #expect(try client.readResponse().text == "POST /up [] agent=- body=data")
        }
    }

    @Test func routerAnswers404And405WithAllow() throws {
        var router = Router()
        router.route("GET", "/healthz") { _ in .text("ok") }
        router.route("POST", "/api/v1/sync") { _ in .json("{\"queued\":true}", status: 202) }
        try withServer(handler: router.handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/nope"))
            #expect(try client.readResponse().status == 404)
            try client.send(request("DELETE", "/healthz"))
            let wrongMethod = try client.readResponse()
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "GET, HEAD")
            try client.send(request("GET", "/api/v1/sync"))
            #expect(try client.readResponse().headers["allow"] == "POST")
            try client.send(request("POST", "/api/v1/sync"))
            let accepted = try client.readResponse()
            #expect(accepted.status == 202)
            #expect(accepted.headers["content-type"] == "application/json")
        }
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET x HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
    ])
    func malformedRequestsAreRejectedAndClosed(raw: String, status: Int) throws {
        try withServer(handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(response.headers["connection"] == "close")
            #expect(client.closedByServer())
        }
    }

    @Test func bodyOverTheLimitIs413WithoutReadingIt() throws {
        let configuration = HTTPServerConfiguration(maxBodyBytes: 1024)
        try withServer(configuration: configuration, handler: echo) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("POST", "/", body: String(repeating: "x", count: 1024)))
            #expect(try client.readResponse().status == 200)
            try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1025\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.text.contains("1024"))
            #expect(client.closedByServer())
        }
    }

    @Test func headOverTheLimitIs431() throws {
        try withServer(handler: echo) { _, port in
            let fits = try TestClient(port: port)
            try fits.send(request("GET", "/", headers: ["X-Pad: " + String(repeating: "p", count: 7 * 1024)]))
            #expect(try fits.readResponse().status == 200)

            let tooBig = try TestClient(port: port)
            try tooBig.send(request("GET", "/", headers: ["X-Pad: " + String(repeating: "p", count: 9 * 1024)]))
            #expect(try tooBig.readResponse().status == 431)
            #expect(tooBig.closedByServer())
        }
    }

    @Test func handlerHeadersCannotSplitTheResponseOrOverrideFraming() throws {
        let handler: HTTPServer.Handler = { _ in
            HTTPResponse(status: 200, headers: [("X-Evil", "a\r\nSet-Cookie: b"), ("Content-Length", "999")], body: Array("ok".utf8))
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(request("GET", "/"))
            let response = try client.readResponse()
            #expect(response.headers["x-evil"] == "aSet-Cookie: b")
            #expect(response.headers["set-cookie"] == nil)
            #expect(response.headers["content-length"] == "2")
            #expect(response.text == "ok")
        }
    }
}

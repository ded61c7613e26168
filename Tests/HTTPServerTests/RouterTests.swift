import HTTPServer
import Testing

@Suite struct RouterTests {
    func router() -> Router {
        var router = Router()
        router.route("GET", "/healthz") { _ in .text("ok") }
        router.route("GET", "/readyz") { _ in .text("ready") }
        router.route("POST", "/readyz") { _ in .text("posted") }
        return router
    }

    @Test func dispatchesByPathAndMethod() {
        #expect(router().handle(HTTPRequest(method: "GET", path: "/readyz")).body == Array("ready".utf8))
        #expect(router().handle(HTTPRequest(method: "POST", path: "/readyz")).body == Array("posted".utf8))
    }

    @Test func headFallsBackToGet() {
        let response = router().handle(HTTPRequest(method: "HEAD", path: "/healthz"))
        #expect(response.status == 200)
    }

    @Test func wrongMethodListsEveryAllowedMethodSorted() {
        let response = router().handle(HTTPRequest(method: "PUT", path: "/readyz"))
        #expect(response.status == 405)
        #expect(response.header("allow") == "GET, HEAD, POST")
    }

    @Test func pathsMatchExactly() {
        #expect(router().handle(HTTPRequest(method: "GET", path: "/healthz/")).status == 404)
        #expect(router().handle(HTTPRequest(method: "get", path: "/healthz")).status == 405)
    }

    @Test func jsonEncodingIsStable() throws {
        struct Status: Encodable {
            var synced: Bool
            var revision: String
        }
        let response = try HTTPResponse.json(encoding: Status(synced: true, revision: "abc123"), status: 202)
        #expect(response.status == 202)
        #expect(response.header("content-type") == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"revision":"abc123","synced":true}"#)
    }
}

import Resources
import Testing

@Suite struct PathTests {
    @Test(arguments: [
        ("state", "sources", "state/sources"),
        ("/var/lib/berth/", "server.json", "/var/lib/berth/server.json"),
        ("/", "refs", "/refs"),
        ("", "refs", "refs"),
    ])
    func appendingPathPutsOneSlashBetween(base: String, component: String, joined: String) {
        #expect(base.appendingPath(component) == joined)
    }
}

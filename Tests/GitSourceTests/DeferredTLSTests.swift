import Foundation
import Glibc
import GitTLS
import Testing

@testable import GitSource

/// libgit2's TLS layer is set up at the first TLS connection, not when libgit2 starts (see
/// Sources/GitTLS/deferred_tls.c). No other test in this process opens an HTTPS remote.
@Suite("Deferred TLS set-up")
struct DeferredTLSTests {
    @Test("a local read leaves TLS unset; an https fetch sets it up and gets as far as the handshake")
    func setUpAtTheFirstTLSConnection() throws {
        let fixture = try GitFixture()
        let path = try fixture.makeRepository("local")
        try fixture.write("app.yaml", "replicas: 1\n", in: path)
        try fixture.commit("Add app", in: path)
        _ = try GitRepository.open(path: path).resolve("HEAD")
        #expect(berth_git_tls_is_set_up() == 0)

        // A server that answers a TLS client hello in plain HTTP: the fetch must fail in the TLS
        // handshake, which only a set-up TLS layer reaches (without one, the stream is made from an
        // empty configuration and the process crashes).
        let server = try PlainTextServer()
        let error = #expect(throws: GitError.self) {
            try GitRepository.mirror(url: "https://127.0.0.1:\(server.port)/app.git", cacheDirectory: fixture.root + "/cache")
        }
        #expect(error?.reason == .remoteFailed)
        #expect(error?.description.contains("SSL") == true, "\(String(describing: error))")
        #expect(server.served())
        #expect(berth_git_tls_is_set_up() == 1)
    }
}

/// Accepts one connection, reads what the client sends first, answers in plain HTTP and closes.
private final class PlainTextServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw GitFixture.CommandFailed(arguments: ["listen"], status: errno, output: String(cString: strerror(errno)))
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [listener, done] in
            let connection = accept(listener, nil, nil)
            if connection >= 0 {
                var hello = [UInt8](repeating: 0, count: 1024)
                _ = recv(connection, &hello, hello.count, 0)
                let answer = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = send(connection, answer, answer.count, Int32(MSG_NOSIGNAL))
                close(connection)
            }
            done.signal()
        }.start()
    }

    /// Whether the one connection was served (within ten seconds).
    func served() -> Bool {
        done.wait(timeout: .now() + 10) == .success
    }

    deinit {
        close(listener)
    }
}

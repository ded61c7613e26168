import Glibc

/// One HTTP/1.1 request to berth's own listener (`berth sync`), answered by its status code.
///
/// Plain HTTP over IPv4 with `Connection: close`, as the listener speaks; every socket call is
/// bounded by `timeout`. Not a general client: no redirects, no TLS, no chunked bodies.
public enum HTTPClient {
    /// A failure to reach the server or to read its answer.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Sends the request and returns the status code of the response.
    public static func status(
        method: String, host: String, port: Int, path: String, headers: [(String, String)] = [],
        timeout: Duration = .seconds(10)
    ) throws(Failure) -> Int {
        let address = "\(host):\(port)"
        let ip: in_addr
        do { ip = try Posix.resolveIPv4(host, address: address) } catch { throw Failure(description: error.message) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(Posix.errorText())") }
        defer { close(fd) }
        Posix.setSendTimeout(fd, timeout)
        Posix.setReceiveTimeout(fd, timeout)
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        socketAddress.sin_addr = ip
        let connected = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to \(address): \(Posix.errorText())") }

        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(address)\r\nContent-Length: 0\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        guard Posix.writeAll(fd, Array((request + "\r\n").utf8)) else {
            throw Failure(description: "cannot send to \(address): \(Posix.errorText())")
        }
        var response: [UInt8] = []
        while !response.contains(10) {
            let count = Posix.read(fd, into: &response, max: 4096)
            guard count > 0 else {
                throw Failure(description: count == 0 ? "\(address) closed the connection without answering" : "cannot read from \(address): \(Posix.errorText())")
            }
        }
        // "HTTP/1.1 202 Accepted"
        let statusLine = String(decoding: response.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure(description: "\(address) answered something other than HTTP")
        }
        return status
    }
}

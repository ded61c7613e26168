import Glibc

/// The socket calls the server makes, each checked in one place so no return code is dropped.
enum Posix {
    /// The system's words for `errno`.
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// An IPv4 address for `host`: a dotted quad as is, otherwise the first IPv4 result of the
    /// resolver (so `localhost` works without assuming what /etc/hosts says).
    static func resolveIPv4(_ host: String, address: String) throws(HTTPServerError) -> in_addr {
        var result = in_addr()
        if inet_pton(AF_INET, host, &result) == 1 { return result }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0, let first = list, let socketAddress = first.pointee.ai_addr else {
            let why = status == 0 ? "no IPv4 address" : String(cString: gai_strerror(status))
            throw HTTPServerError(reason: .cannotResolveHost, address: address, message: "cannot resolve host: \(why)")
        }
        return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
    }

    /// A listening, close-on-exec TCP socket and the port it got (which matters when port is 0).
    static func listen(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        let address = "\(host):\(port)"
        guard (0...65535).contains(port) else {
            throw HTTPServerError(reason: .invalidConfiguration, address: address, message: "port must be 0...65535")
        }
        let ip = try resolveIPv4(host, address: address)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw HTTPServerError(reason: .socketFailed, address: address, message: "socket: \(errorText())")
        }
        do throws(HTTPServerError) {
            // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT;
            // on Linux it does not let two listeners share a port, so "in use" is still caught.
            var one: Int32 = 1
            try check(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)), "setsockopt", address)
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
            socketAddress.sin_addr = ip
            let bound = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound != 0 { throw bindError(errno, address: address) }
            try check(Glibc.listen(fd, backlog), "listen", address)
            return (fd, try localPort(fd, address: address))
        } catch {
            close(fd)
            throw error
        }
    }

    private static func bindError(_ code: Int32, address: String) -> HTTPServerError {
        switch code {
        case EADDRINUSE:
            HTTPServerError(reason: .addressInUse, address: address, message: "address already in use")
        case EACCES, EADDRNOTAVAIL:
            HTTPServerError(reason: .cannotBind, address: address, message: errorText(code))
        default:
            HTTPServerError(reason: .socketFailed, address: address, message: "bind: \(errorText(code))")
        }
    }

    private static func localPort(_ fd: Int32, address: String) throws(HTTPServerError) -> Int {
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try check(status, "getsockname", address)
        return Int(UInt16(bigEndian: local.sin_port))
    }

    private static func check(_ status: Int32, _ call: String, _ address: String) throws(HTTPServerError) {
        if status != 0 {
            throw HTTPServerError(reason: .socketFailed, address: address, message: "\(call): \(errorText())")
        }
    }

    /// What one `accept` gave.
    enum Accepted {
        case connection(Int32)
        /// Nothing to take now (the client already left, or a signal interrupted the call).
        case none
        /// The process or system is out of descriptors or memory; the connection stays queued.
        case exhausted
    }

    static func accept(_ listener: Int32) -> Accepted {
        let fd = Glibc.accept(listener, nil, nil)
        guard fd >= 0 else {
            let code = errno
            return code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM ? .exhausted : .none
        }
        // accept4 is a GNU extension Swift's Glibc module does not expose; berth runs no child
        // processes from this module's threads, so setting close-on-exec afterwards is enough.
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return .connection(fd)
    }

    /// Waits until one of `fds` is readable (or hung up), at most `milliseconds` (nil: no limit);
    /// answers the ready flags in the same order, all false on timeout.
    static func waitReadable(_ fds: [Int32], milliseconds: Int?) -> [Bool] {
        var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let timeout = milliseconds.map { Int32(clamping: max(0, $0)) } ?? -1
        while true {
            let status = poll(&polls, nfds_t(polls.count), timeout)
            if status < 0 && errno == EINTR { continue }
            return polls.map { $0.revents != 0 }
        }
    }

    /// Reads what is available into `buffer`; 0 means the peer closed, negative an error.
    static func read(_ fd: Int32, into buffer: inout [UInt8], max: Int) -> Int {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let count = recv(fd, &chunk, max, 0)
            if count < 0 && errno == EINTR { continue }
            if count > 0 { buffer += chunk[0..<count] }
            return count
        }
    }

    /// Writes every byte or reports failure; MSG_NOSIGNAL keeps a vanished client from killing the
    /// process with SIGPIPE, and SO_SNDTIMEO (set at accept) bounds a client that stops reading.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    static func setSendTimeout(_ fd: Int32, _ timeout: Duration) {
        setTimeout(fd, SO_SNDTIMEO, timeout)
    }

    static func setReceiveTimeout(_ fd: Int32, _ timeout: Duration) {
        setTimeout(fd, SO_RCVTIMEO, timeout)
    }

    private static func setTimeout(_ fd: Int32, _ option: Int32, _ timeout: Duration) {
        let milliseconds = timeout.milliseconds
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// A close-on-exec pipe; the server writes one byte to it to wake every thread polling it.
    static func makePipe(address: String) throws(HTTPServerError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw HTTPServerError(reason: .socketFailed, address: address, message: "pipe: \(errorText())")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Makes the wake pipe readable for good (nobody reads it). `write`, not `send`: a pipe is
    /// not a socket.
    static func signal(pipe fd: Int32) {
        var byte: UInt8 = 1
        while write(fd, &byte, 1) < 0 && errno == EINTR {}
    }

    /// Starts a detached thread running `body`.
    static func startThread(_ body: @escaping @Sendable () -> Void) {
        final class Start {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let start = Unmanaged.passRetained(Start(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Start>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, start)
        precondition(status == 0, "cannot start a thread: \(errorText(status))")
        pthread_detach(thread)
    }

    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }
}

import Dispatch
import FoundationEssentials
import Synchronization

/// An HTTP/1.1 server on POSIX sockets for berth's few endpoints (health, metrics, webhook).
///
/// One accept thread hands connections to `maxConnections` worker threads through a bounded queue;
/// each worker serves one connection at a time, keep-alive included. `stop()` is graceful: it stops
/// accepting, lets requests already arriving finish, closes idle connections and joins every thread.
/// Request bodies must be framed by `Content-Length`; chunked bodies are refused with 501.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let host: String
    public let port: Int
    public let configuration: HTTPServerConfiguration
    private let handler: Handler
    private let run = Mutex<Run?>(nil)

    /// What one `start()` made, released by `stop()`.
    private struct Run: Sendable {
        var listener: Int32
        var boundPort: Int
        var wake: (read: Int32, write: Int32)
        var queue: ConnectionQueue
        var threads: DispatchGroup
    }

    public init(
        host: String = "127.0.0.1", port: Int, configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping Handler
    ) {
        self.host = host
        self.port = port
        self.configuration = configuration
        self.handler = handler
    }

    /// The port the server listens on while running (the one picked when `port` was 0), else nil.
    public var boundPort: Int? {
        run.withLock { $0?.boundPort }
    }

    /// Binds, listens and starts serving on background threads; returns once connections are accepted.
    public func start() throws(HTTPServerError) {
        let address = "\(host):\(port)"
        if let problem = configuration.problem {
            throw HTTPServerError(reason: .invalidConfiguration, address: address, message: problem)
        }
        try run.withLock { (run: inout Run?) throws(HTTPServerError) in
            if run != nil {
                throw HTTPServerError(reason: .alreadyRunning, address: address, message: "the server is already running")
            }
            let (listener, boundPort) = try Posix.listen(host: host, port: port, backlog: 128)
            let wake: (read: Int32, write: Int32)
            do throws(HTTPServerError) {
                wake = try Posix.makePipe(address: address)
            } catch {
                Posix.closeDescriptor(listener)
                throw error
            }
            let started = Run(
                listener: listener, boundPort: boundPort, wake: wake,
                queue: ConnectionQueue(capacity: configuration.maxPendingConnections, workers: configuration.maxConnections),
                threads: DispatchGroup())
            launchThreads(for: started)
            run = started
        }
    }

    /// Stops accepting, finishes requests in flight, closes every connection and joins the threads.
    /// Safe to call more than once and from any thread but a handler's; the server can be started
    /// again afterwards.
    public func stop() {
        // Taken out under the lock so two concurrent stops cannot both close the pipe.
        let taken = run.withLock { (run: inout Run?) -> Run? in
            defer { run = nil }
            return run
        }
        guard let stopping = taken else { return }
        // The pipe stays readable from here on, which every poll treats as "stopping".
        Posix.signal(pipe: stopping.wake.write)
        stopping.threads.wait()
        Posix.closeDescriptor(stopping.wake.read)
        Posix.closeDescriptor(stopping.wake.write)
    }

    deinit {
        stop()
    }

    private func launchThreads(for run: Run) {
        let busy = BusyWorkers()
        for index in 0..<configuration.maxConnections {
            spawn(group: run.threads) { [configuration, handler] in
                while let fd = run.queue.take() {
                    busy.add(1)
                    Posix.setSendTimeout(fd, configuration.writeTimeout)
                    var connection = HTTPConnection(
                        fd: fd, stopSignal: run.wake.read, configuration: configuration, handler: handler)
                    connection.serve()
                    Posix.closeDescriptor(fd)
                    busy.add(-1)
                }
            }
        }
        spawn(group: run.threads) { [configuration] in
            Self.acceptLoop(run: run, busy: busy, configuration: configuration)
        }
    }

    private static func acceptLoop(run: Run, busy: BusyWorkers, configuration: HTTPServerConfiguration) {
        while true {
            let ready = Posix.waitReadable([run.listener, run.wake.read], milliseconds: nil)
            if ready[1] { break }
            guard ready[0] else { continue }
            let fd: Int32
            switch Posix.accept(run.listener) {
            case .connection(let accepted): fd = accepted
            case .none: continue
            case .exhausted:
                // The pending connection stays readable, so polling again at once would spin;
                // back off until descriptors free up or the server stops.
                _ = Posix.waitReadable([run.wake.read], milliseconds: 100)
                continue
            }
            if !run.queue.offer(fd, busy: busy.value) {
                // Over capacity: say so rather than leave the client hanging, briefly and once.
                Posix.setSendTimeout(fd, .milliseconds(100))
                let refusal = HTTPResponse.text("too many connections; try again\n", status: 503)
                    .serialized(close: true, includeBody: true, date: nil)
                Posix.writeAll(fd, refusal)
                Posix.closeDescriptor(fd)
            }
        }
        // Closing the listener first makes new clients see "refused" while workers finish.
        Posix.closeDescriptor(run.listener)
        run.queue.close()
    }

    /// A plain thread, not a Dispatch queue: workers block in poll for seconds, which would starve
    /// Dispatch's small shared pool on two cores.
    private func spawn(group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Posix.startThread {
            body()
            group.leave()
        }
    }
}

/// How many workers are serving a connection. Relaxed ordering: it only sizes the admission check,
/// where being one off for an instant admits or refuses one connection early, never corrupts state.
final class BusyWorkers: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ delta: Int) { count.add(delta, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

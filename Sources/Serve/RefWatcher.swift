import FoundationEssentials
import Resources

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes a waiter when a local repository's refs change (a commit, a fetch, a branch switch), through
/// inotify on the folders that hold them, so a new commit is seen within moments rather than at the
/// next poll. Where inotify is not available the wait simply times out and the caller polls.
public final class RefWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var watches: [Int32: String] = [:]

    /// Watches `HEAD`, `packed-refs`, and every folder under `refs/` of `gitDirectory`.
    public init(gitDirectory: String) {
        #if canImport(Glibc)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        #else
            descriptor = -1
        #endif
        guard descriptor >= 0 else { return }
        add(gitDirectory)  // HEAD and packed-refs are replaced by rename into this folder
        var folders = [gitDirectory.appendingPath("refs")]
        while let folder = folders.popLast() {
            add(folder)
            let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for child in children {
                let full = folder.appendingPath(child)
                var status = stat()
                if stat(full, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    folders.append(full)
                }
            }
        }
    }

    /// True when notifications are live; false means the caller must poll.
    public var isActive: Bool { descriptor >= 0 && !watches.isEmpty }

    private func add(_ folder: String) {
        #if canImport(Glibc)
            let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE)
            let watch = inotify_add_watch(descriptor, folder, mask)
            if watch >= 0 { watches[watch] = folder }
        #endif
    }

    /// Waits up to `timeout` seconds for a change; true when one came. Drains all pending events.
    public func wait(timeout: Double) -> Bool {
        #if canImport(Glibc)
            guard isActive else {
                Resources.pause(seconds: timeout)
                return false
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(0, timeout) * 1000))
            guard ready > 0 else { return false }
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            var changed = false
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                changed = true
                // A new folder (a branch name with a slash) is watched too.
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE) != 0, event.len > 0,
                        let parent = watches[event.wd]
                    {
                        let nameStart = offset + MemoryLayout<inotify_event>.size
                        let bytes = buffer[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                        add(parent.appendingPath(String(decoding: bytes, as: UTF8.self)))
                    }
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                }
            }
            return changed
        #else
            Resources.pause(seconds: timeout)
            return false
        #endif
    }

    deinit {
        #if canImport(Glibc)
            if descriptor >= 0 { close(descriptor) }
        #endif
    }
}

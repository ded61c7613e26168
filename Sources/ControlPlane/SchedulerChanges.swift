import Controllers
import Resources
import Synchronization

/// The pods and nodes that changed since the scheduler's last pass, noted by its watches as
/// kube-scheduler's event handlers note them for its cache, so that a pass reads those alone
/// rather than every pod of the cluster.
final class SchedulerChanges: Sendable {
    struct Noted {
        var pods: Set<ObjectKey> = []
        var nodes: Set<String> = []
    }

    private let noted = Mutex(Noted())

    func note(_ event: ObjectEvent) {
        noted.withLock { noted in
            if event.key.groupKind == .node { noted.nodes.insert(event.key.name) } else { noted.pods.insert(event.key) }
        }
    }

    /// Notes pods whose last known state the scheduler must read again (a binding that failed).
    func note(pods: [ObjectKey]) {
        noted.withLock { $0.pods.formUnion(pods) }
    }

    /// What was noted since the last call; the next call starts afresh.
    func take() -> Noted {
        noted.withLock { noted in
            defer { noted = Noted() }
            return noted
        }
    }
}

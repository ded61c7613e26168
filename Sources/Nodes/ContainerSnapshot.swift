import FoundationEssentials
import Resources

/// One container's status at an instant, as the kubelet reports it in `containerStatuses` /
/// `initContainerStatuses`, plus the event times the simulator schedules around.
struct ContainerSnapshot {
    enum State: Equatable {
        case waiting(reason: String, message: String?)
        case running(since: Double)
        case terminated(exitCode: Int64, reason: String, started: Double, finished: Double)
    }

    let container: PodTimeline.Container
    var state: State
    /// The previous run's end, after a restart.
    var lastState: State?
    var ready: Bool
    var started: Bool
    var restartCount: Int
    /// Latest event at or before now, and the earliest after it.
    var latestEvent: Double?
    var nextEvent: Double?

    var isRunning: Bool { if case .running = state { return true } else { return false } }

    var terminatedExitCode: Int64? {
        if case .terminated(let code, _, _, _) = state { return code }
        return nil
    }

    /// Never started yet (waiting without a previous run).
    var neverStarted: Bool { if case .waiting = state, lastState == nil { return true } else { return false } }

    static func at(_ now: Double, _ c: PodTimeline.Container, timeline: PodTimeline, podName: String) -> ContainerSnapshot {
        let creating = timeline.hasInitContainers ? "PodInitializing" : "ContainerCreating"
        var snap = ContainerSnapshot(
            container: c, state: .waiting(reason: creating, message: nil), lastState: nil, ready: false, started: false,
            restartCount: 0, latestEvent: nil, nextEvent: c.running)
        guard now >= c.running else { return snap }
        switch c.kind {
        case .initContainer:
            let completes = c.completes ?? c.running
            if now < completes {
                snap.state = .running(since: c.running)
                snap.started = true
                snap.latestEvent = c.running
                snap.nextEvent = completes
            } else {
                snap.state = .terminated(exitCode: 0, reason: "Completed", started: c.running, finished: completes)
                snap.latestEvent = completes
                snap.nextEvent = nil
            }
        case .sidecar:
            snap.applyRun(start: c.running, exit: nil, now: now)
        case .app:
            let runs = ContainerRuns.at(now, firstStart: c.running, plan: timeline.exitPlan, restarts: timeline.restarts)
            snap.apply(runs, plan: timeline.exitPlan, now: now, podName: podName)
        }
        return snap
    }

    /// Running since `start`: started after the startup delay, ready after the readiness delay too.
    private mutating func applyRun(start: Double, exit: Double?, now: Double) {
        state = .running(since: start)
        let startedAt = start + container.startupDelay
        let readyAt = container.readinessDelay.map { startedAt + $0 }
        started = now >= startedAt
        ready = readyAt.map { now >= $0 } ?? false
        let events = [start, startedAt, readyAt, exit].compactMap { $0 }
        latestEvent = events.filter { $0 <= now }.max()
        nextEvent = events.filter { $0 > now }.min()
    }

    private mutating func apply(_ runs: ContainerRuns, plan: ExitPlan?, now: Double, podName: String) {
        restartCount = runs.index
        if let previous = runs.previous, let plan {
            lastState = .terminated(exitCode: plan.exitCode, reason: plan.reason, started: previous.start, finished: previous.exit)
        }
        switch runs.phase {
        case .running(let start):
            applyRun(start: start, exit: plan.map { start + $0.after }, now: now)
            if let previous = runs.previous { latestEvent = max(latestEvent ?? previous.exit, previous.exit) }
        case .backingOff(let exit, let restart, let backoff):
            let start = exit - (plan?.after ?? 0)
            lastState = .terminated(exitCode: plan?.exitCode ?? 0, reason: plan?.reason ?? "Completed", started: start, finished: exit)
            let message = "back-off \(GoDuration.format(backoff)) restarting failed container=\(container.name) pod=\(podName)"
            state = .waiting(reason: "CrashLoopBackOff", message: message)
            latestEvent = exit
            nextEvent = restart
        case .terminated(let exit):
            let start = exit - (plan?.after ?? 0)
            state = .terminated(exitCode: plan?.exitCode ?? 0, reason: plan?.reason ?? "Completed", started: start, finished: exit)
            latestEvent = exit
            nextEvent = nil
        }
    }
}

/// Go's `time.Duration` text for whole seconds (`10s`, `1m20s`, `5m0s`), as kubelet messages show it.
enum GoDuration {
    static func format(_ seconds: Double) -> String {
        let total = Int64(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(total % 60)s" }
        return "\(total / 3600)h\(total % 3600 / 60)m\(total % 60)s"
    }
}

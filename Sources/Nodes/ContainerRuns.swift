/// Where an app container with an injected exit is in its run → exit → back-off → restart cycle,
/// following the kubelet's back-off (`flowcontrol.Backoff`, initial 10 s, cap 300 s):
///
/// - the first exit restarts at once (the back-off has no entry yet) and records 10 s;
/// - each later exit waits the recorded back-off, then restarts and doubles it, up to 300 s;
/// - an exit more than 600 s (twice the cap) after the last restart finds the entry expired:
///   it restarts at once and the back-off starts again from 10 s.
///
/// So a container that crashes after 30 s waits 0, 10, 20, 40, 80, 160, 300, 300 … between runs:
/// runs start at 0, 30, 70, 120, 190, 300, 490, 820 … (each previous exit + its wait).
struct ContainerRuns {
    static let initialBackoff = 10.0
    static let maxBackoff = 300.0

    enum Phase: Equatable {
        /// Run `index` (0-based = restartCount) has been running since `start`.
        case running(start: Double)
        /// Run `index` exited at `exit`; the next starts at `restart` (`backoff` seconds later).
        case backingOff(exit: Double, restart: Double, backoff: Double)
        /// Run `index` exited at `exit` and the restart policy does not restart it.
        case terminated(exit: Double)
    }

    /// The run the container is in at `now` (its index is the restartCount) and what it is doing.
    var index: Int
    var phase: Phase
    /// Start and exit of the run before this one, for `lastState`.
    var previous: (start: Double, exit: Double)?

    /// Runs from `firstStart`; `plan` nil means the container never exits.
    static func at(_ now: Double, firstStart: Double, plan: ExitPlan?, restarts: (Int64) -> Bool) -> ContainerRuns {
        guard let plan else { return ContainerRuns(index: 0, phase: .running(start: firstStart), previous: nil) }
        var index = 0
        var start = firstStart
        var previous: (start: Double, exit: Double)?
        var backoff: Double?  // nil: no entry yet
        while true {
            let exit = start + plan.after
            if now < exit { return ContainerRuns(index: index, phase: .running(start: start), previous: previous) }
            guard restarts(plan.exitCode) else {
                return ContainerRuns(index: index, phase: .terminated(exit: exit), previous: previous)
            }
            let expired = backoff == nil || exit - start > 2 * maxBackoff
            let wait = expired ? 0 : backoff!
            let restart = exit + wait
            if now < restart {
                return ContainerRuns(index: index, phase: .backingOff(exit: exit, restart: restart, backoff: wait), previous: previous)
            }
            backoff = expired ? initialBackoff : min(wait * 2, maxBackoff)
            previous = (start, exit)
            index += 1
            start = restart
            // Once every cycle looks the same (back-off at its cap, or reset each time), jump over the
            // whole cycles before `now` instead of walking them one by one.
            let cycle: Double? = expired && plan.after > 2 * maxBackoff ? plan.after : (wait == maxBackoff ? plan.after + maxBackoff : nil)
            if let cycle, cycle > 0 {
                let skipped = ((now - start) / cycle).rounded(.down)
                if skipped >= 1 {
                    index += Int(skipped)
                    start += skipped * cycle
                    previous = (start - cycle, start - cycle + plan.after)
                }
            }
        }
    }
}

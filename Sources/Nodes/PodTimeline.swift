import Resources

/// When each container of a pod is created, starts, passes its probes and (for init containers)
/// completes, in seconds since 1970, laid out from the moment the kubelet accepted the pod.
///
/// Init containers run one at a time in order: a regular one is created, runs for
/// `initContainerRun` and completes before the next is created; a sidecar (restartPolicy Always) is
/// created, starts, and the next init container waits only for its startup (startupProbe) to pass,
/// while the sidecar keeps running. The pod is Initialized when the last init container is done;
/// then every app container is created at once and starts `containerStart` later.
struct PodTimeline {
    enum Kind: Equatable {
        case initContainer, sidecar, app
    }

    struct Container {
        let name: String
        let image: String
        let kind: Kind
        /// First start (`running.startedAt`).
        let running: Double
        /// From each start to `started: true` (startupProbe).
        let startupDelay: Double
        /// From `started` to `ready: true`; nil when it never becomes ready.
        let readinessDelay: Double?
        /// Regular init containers: when they exit 0.
        let completes: Double?
    }

    /// `status.startTime`: the kubelet's first status for the pod.
    let accepted: Double
    /// When the last init container finished (its start time for a sidecar, its exit for the rest).
    let initialized: Double
    let containers: [Container]
    let hasInitContainers: Bool
    let exitPlan: ExitPlan?
    let restartPolicy: String

    init(pod: Value, accepted: Double, timings: PodLifecycleTimings) {
        let spec = pod["spec"] ?? .emptyObject
        let neverReady = SimulationAnnotations.isNeverReady(pod: pod)
        var containers: [Container] = []
        var clock = accepted
        let initSpecs = spec["initContainers"]?.arrayValue ?? []
        for item in initSpecs {
            let running = clock + timings.containerStart
            let startup = ProbeTiming.delay(item["startupProbe"])
            if item["restartPolicy"]?.stringValue == "Always" {
                containers.append(PodTimeline.container(item, .sidecar, running: running, startup: startup, neverReady: false))
                clock = running + startup
            } else {
                let completes = running + timings.initContainerRun
                containers.append(
                    Container(
                        name: PodTimeline.name(item), image: item["image"]?.stringValue ?? "", kind: .initContainer,
                        running: running, startupDelay: 0, readinessDelay: nil, completes: completes))
                clock = completes
            }
        }
        let appRunning = clock + timings.containerStart
        for item in spec["containers"]?.arrayValue ?? [] {
            let startup = ProbeTiming.delay(item["startupProbe"])
            containers.append(PodTimeline.container(item, .app, running: appRunning, startup: startup, neverReady: neverReady))
        }
        self.accepted = accepted
        self.initialized = clock
        self.containers = containers
        self.hasInitContainers = !initSpecs.isEmpty
        self.exitPlan = SimulationAnnotations.exitPlan(pod: pod)
        self.restartPolicy = spec["restartPolicy"]?.stringValue ?? "Always"
    }

    private static func container(_ item: Value, _ kind: Kind, running: Double, startup: Double, neverReady: Bool) -> Container {
        Container(
            name: name(item), image: item["image"]?.stringValue ?? "", kind: kind, running: running, startupDelay: startup,
            readinessDelay: neverReady ? nil : ProbeTiming.delay(item["readinessProbe"]), completes: nil)
    }

    private static func name(_ item: Value) -> String { item["name"]?.stringValue ?? "" }

    /// Whether the pod's restart policy restarts an app container that exited with `code`.
    func restarts(exitCode code: Int64) -> Bool {
        switch restartPolicy {
        case "Never": return false
        case "OnFailure": return code != 0
        default: return true
        }
    }
}

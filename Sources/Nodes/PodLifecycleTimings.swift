import FoundationEssentials

/// How long the simulated kubelet takes for each step of a pod's start. Zero is allowed for every
/// delay (a pod then runs the moment it is bound); readiness timing comes from the pod's own probes.
public struct PodLifecycleTimings: Sendable, Hashable {
    /// Bound → the kubelet's first status (sandbox up, pod IP, containers `ContainerCreating`).
    public let accept: TimeInterval
    /// Image pull, create and start of one container → `running`. Restarts after a crash skip it
    /// (the image is present), as they do on a real node.
    public let containerStart: TimeInterval
    /// How long a regular init container runs before it exits 0.
    public let initContainerRun: TimeInterval

    public init(accept: TimeInterval = 1, containerStart: TimeInterval = 2, initContainerRun: TimeInterval = 1) throws(PodLifecycleTimingsError) {
        for (field, value) in [("accept", accept), ("containerStart", containerStart), ("initContainerRun", initContainerRun)] {
            guard value.isFinite, value >= 0 else { throw PodLifecycleTimingsError(field: field, value: value) }
        }
        self.accept = accept
        self.containerStart = containerStart
        self.initContainerRun = initContainerRun
    }

    /// 1 s to accept, 2 s per container start, 1 s per init container.
    public static var standard: PodLifecycleTimings { try! PodLifecycleTimings() }

    /// Every delay zero: the pod reaches its final state in the step that first sees it.
    public static var instant: PodLifecycleTimings { try! PodLifecycleTimings(accept: 0, containerStart: 0, initContainerRun: 0) }
}

/// A timing that is negative or not a number.
public struct PodLifecycleTimingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: Double

    public var description: String { "invalid pod timing \(field) \(value): must be zero or more seconds" }
}

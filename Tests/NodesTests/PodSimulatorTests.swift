import Foundation
import Testing

@testable import Nodes
@testable import Resources

@Suite struct PodSimulatorTests {
    typealias F = Fixtures

    // Standard timings: accept 1 s, container start 2 s, init run 1 s. A pod with one plain container:
    // bound 0 → accepted 1 (ContainerCreating) → running and ready at 3.
    @Test func plainPodTimeline() {
        let pod = F.pod()
        let at0 = F.run(pod, until: 0.5).pod
        #expect(PodState.phase(at0) == "Pending")
        #expect(at0[path: ["status", "startTime"]] == nil)

        let at1 = F.run(pod, until: 1).pod
        #expect(PodState.phase(at1) == "Pending")
        #expect(at1[path: ["status", "startTime"]] == F.stamp(1))
        #expect(F.containerStatus(at1, "app")?[path: ["state", "waiting", "reason"]] == "ContainerCreating")
        #expect(F.condition(at1, "Initialized").status == "True")
        #expect(F.condition(at1, "Ready").status == "False")
        #expect(PodState.condition(at1, "Ready")?["reason"] == "ContainersNotReady")
        #expect(PodState.condition(at1, "Ready")?["message"] == "containers with unready status: [app]")

        let (at3, wakes) = F.run(pod, until: 3)
        #expect(wakes == [1, 3])
        #expect(PodState.phase(at3) == "Running")
        #expect(F.containerStatus(at3, "app")?[path: ["state", "running", "startedAt"]] == F.stamp(3))
        #expect(F.containerStatus(at3, "app")?["ready"] == true)
        #expect(F.containerStatus(at3, "app")?["started"] == true)
        #expect(F.condition(at3, "Ready").status == "True")
        #expect(F.condition(at3, "Ready").time == F.stamp(3))
        #expect(F.condition(at3, "ContainersReady").time == F.stamp(3))
        #expect(F.condition(at3, "Initialized").time == F.stamp(1))
        #expect(F.condition(at3, "PodScheduled").time == F.stamp(0))
        #expect(at3[path: ["status", "hostIP"]] == "172.18.0.2")
        #expect(at3[path: ["status", "podIP"]] == "10.244.1.2")
    }

    // init "migrate" (created 1–3, runs 3–4), sidecar "proxy" (created 4–6, started 6), app from 6,
    // running at 8. Initialized at 6, when the sidecar has started.
    @Test func initContainerThenSidecarThenApp() {
        let pod = F.pod(initContainers: [["name": "migrate", "image": "tool"], ["name": "proxy", "image": "envoy", "restartPolicy": "Always"]])
        let (final, wakes) = F.run(pod, until: 20)
        #expect(wakes == [1, 3, 4, 6, 8])

        let at3 = F.run(pod, until: 3.5).pod
        #expect(F.containerStatus(at3, "migrate", init: true)?[path: ["state", "running", "startedAt"]] == F.stamp(3))
        #expect(F.containerStatus(at3, "proxy", init: true)?[path: ["state", "waiting", "reason"]] == "PodInitializing")
        #expect(F.containerStatus(at3, "app")?[path: ["state", "waiting", "reason"]] == "PodInitializing")
        #expect(PodState.condition(at3, "Initialized")?["message"] == "containers with incomplete status: [migrate proxy]")
        #expect(PodState.phase(at3) == "Pending")

        let at5 = F.run(pod, until: 5).pod
        let migrate = F.containerStatus(at5, "migrate", init: true)
        #expect(migrate?[path: ["state", "terminated", "reason"]] == "Completed")
        #expect(migrate?[path: ["state", "terminated", "exitCode"]] == 0)
        #expect(migrate?[path: ["state", "terminated", "finishedAt"]] == F.stamp(4))
        #expect(migrate?["ready"] == false)
        #expect(F.condition(at5, "Initialized").status == "False")

        #expect(F.condition(final, "Initialized").time == F.stamp(6))
        #expect(F.containerStatus(final, "proxy", init: true)?[path: ["state", "running", "startedAt"]] == F.stamp(6))
        #expect(F.containerStatus(final, "proxy", init: true)?["ready"] == true)
        #expect(F.containerStatus(final, "app")?[path: ["state", "running", "startedAt"]] == F.stamp(8))
        #expect(F.condition(final, "Ready").time == F.stamp(8))
        #expect(PodState.phase(final) == "Running")
    }

    // A sidecar with a startupProbe (period 5, threshold 1, initial delay 3 → passes at 5 s after its
    // start) holds the next init container back until it passes: sidecar runs at 3, started at 8;
    // app created 8, running 10.
    @Test func sidecarStartupGatesTheNextContainer() {
        let sidecar: Value = ["name": "proxy", "restartPolicy": "Always", "startupProbe": ["initialDelaySeconds": 3, "periodSeconds": 5]]
        let (final, wakes) = F.run(F.pod(initContainers: [sidecar]), until: 30)
        #expect(wakes == [1, 3, 8, 10])
        #expect(F.containerStatus(final, "app")?[path: ["state", "running", "startedAt"]] == F.stamp(10))
    }

    // Readiness: (⌈initialDelay / period⌉ + successThreshold − 1) × period after the start at 3.
    @Test(arguments: [
        (0, 10, 1, 3.0),  // first tick at the start
        (5, 10, 1, 13),  // ticks 0, 10: first counted 10
        (10, 10, 1, 13),  // tick 10 counts
        (0, 10, 3, 23),  // ticks 0, 10, 20
        (15, 5, 2, 23),  // ticks 15, 20
    ])
    func readinessProbeTiming(initialDelay: Int64, period: Int64, threshold: Int64, readyAt: Double) {
        let probe: Value = ["initialDelaySeconds": .int(initialDelay), "periodSeconds": .int(period), "successThreshold": .int(threshold)]
        let pod = F.pod(containers: [["name": "app", "readinessProbe": probe]])
        let before = F.run(pod, until: readyAt - 0.5).pod
        #expect(F.condition(before, "Ready").status == "False")
        if readyAt > 3 { #expect(F.containerStatus(before, "app")?["started"] == true) }
        let after = F.run(pod, until: readyAt).pod
        #expect(F.condition(after, "Ready").status == "True")
        #expect(F.condition(after, "Ready").time == F.stamp(readyAt))
    }

    @Test func neverReadyRunsButStaysUnready() {
        let (pod, _) = F.run(F.pod(annotations: [SimulationAnnotations.neverReady: "true"]), until: 3600)
        #expect(PodState.phase(pod) == "Running")
        #expect(F.condition(pod, "Ready").status == "False")
        #expect(F.containerStatus(pod, "app")?["ready"] == false)
        #expect(F.containerStatus(pod, "app")?["started"] == true)
    }

    // crash-after 30s, app starts at 3. Exits and waits 0, 10, 20, 40, 80, 160, 300 (kubelet back-off:
    // the first restart is immediate, then 10 s doubling to the 300 s cap):
    // exits at 33 (restart 33), 63 (+10 → 73), 103 (+20 → 123), 153 (+40 → 193), 223 (+80 → 303),
    // 333 (+160 → 493), 523 (+300 → 823).
    @Test(arguments: [
        (32.0, 0, "running"), (33, 1, "running"), (62, 1, "running"), (63, 1, "backoff 10s"), (73, 2, "running"),
        (103, 2, "backoff 20s"), (123, 3, "running"), (153, 3, "backoff 40s"), (193, 4, "running"),
        (223, 4, "backoff 1m20s"), (333, 5, "backoff 2m40s"), (493, 6, "running"), (523, 6, "backoff 5m0s"),
        (823, 7, "running"), (853, 7, "backoff 5m0s"),
    ])
    func crashLoopBackOff(at seconds: Double, restarts: Int64, state: String) {
        let (pod, _) = F.run(F.pod(annotations: [SimulationAnnotations.crashAfter: "30s"]), until: seconds)
        let status = F.containerStatus(pod, "app")
        #expect(status?["restartCount"] == .int(restarts))
        #expect(PodState.phase(pod) == "Running")
        if state == "running" {
            #expect(status?[path: ["state", "running"]] != nil)
        } else {
            #expect(status?[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
            let backoff = String(state.dropFirst("backoff ".count))
            #expect(status?[path: ["state", "waiting", "message"]] == .string("back-off \(backoff) restarting failed container=app pod=web_default(uid-web)"))
            #expect(F.condition(pod, "Ready").status == "False")
        }
        if restarts > 0 || state != "running" {
            #expect(status?[path: ["lastState", "terminated", "reason"]] == "Error")
            #expect(status?[path: ["lastState", "terminated", "exitCode"]] == 1)
        }
    }

    // The walk over many cycles jumps once the back-off is capped: a day later the count is exact.
    // From 823 every cycle is 30 + 300 = 330 s: at 86_400, (86_400 − 823) / 330 = 259.3 → 259 more.
    @Test func crashLoopCountAfterADay() {
        let runs = ContainerRuns.at(86_400, firstStart: 3, plan: ExitPlan(after: 30, exitCode: 1)) { _ in true }
        #expect(runs.index == 7 + 259)
    }

    // Running longer than 600 s (twice the cap) resets the back-off: every exit restarts at once.
    @Test func longRunsResetTheBackOff() {
        let runs = ContainerRuns.at(3 + 700 * 3 + 1, firstStart: 3, plan: ExitPlan(after: 700, exitCode: 1)) { _ in true }
        #expect(runs.index == 3)
        #expect(runs.phase == .running(start: 3 + 700 * 3))
    }

    @Test(arguments: [
        ("Never", SimulationAnnotations.crashAfter, "Failed", "Error"),
        ("Never", SimulationAnnotations.exitAfter, "Succeeded", "Completed"),
        ("OnFailure", SimulationAnnotations.exitAfter, "Succeeded", "Completed"),
    ])
    func restartPolicies(policy: String, annotation: String, phase: String, reason: String) {
        let (pod, _) = F.run(F.pod(annotations: [annotation: "10s"], restartPolicy: policy), until: 100)
        #expect(PodState.phase(pod) == phase)
        #expect(F.containerStatus(pod, "app")?[path: ["state", "terminated", "reason"]] == .string(reason))
        #expect(PodState.condition(pod, "Ready")?["reason"] == "PodCompleted")
        #expect(F.containerStatus(pod, "app")?["restartCount"] == 0)
    }

    @Test func onFailureRestartsACrashingContainer() {
        let (pod, _) = F.run(F.pod(annotations: [SimulationAnnotations.crashAfter: "10s"], restartPolicy: "OnFailure"), until: 14)
        #expect(PodState.phase(pod) == "Running")
        #expect(F.containerStatus(pod, "app")?["restartCount"] == 1)
    }

    @Test func failedNodeStopsUpdatingPods() {
        var node = F.node
        node[path: ["metadata", "annotations"]] = [SimulationAnnotations.failed: "true"]
        var addresses = PodIPAllocator(node: node, pods: [])
        let step = PodSimulator.step(pod: F.pod(), node: node, addresses: &addresses, timings: .standard, now: F.at(10))
        #expect(step == .idle)
    }

    @Test func stepIsIdempotentAndInstantTimingsFinishAtOnce() {
        var addresses = PodIPAllocator(node: F.node, pods: [])
        var pod = F.pod()
        let first = PodSimulator.step(pod: pod, node: F.node, addresses: &addresses, timings: .instant, now: F.t0)
        pod["status"] = first.status
        #expect(F.condition(pod, "Ready").status == "True")
        #expect(first.nextWake == nil)
        let again = PodSimulator.step(pod: pod, node: F.node, addresses: &addresses, timings: .instant, now: F.at(5))
        #expect(again.status == nil)
    }

    // The node lifecycle controller marked the pod not ready at 100 while the node was unreachable;
    // when the kubelet reports again at 200 the pod is ready again, stamped 200, not at its first
    // ready time.
    @Test func readyAgainAfterBeingMarkedNotReady() {
        var pod = F.run(F.pod(), until: 10).pod
        pod = NodeLifecycle.markNotReady(pod, now: F.at(100)) ?? pod
        var addresses = PodIPAllocator(node: F.node, pods: [pod])
        let step = PodSimulator.step(pod: pod, node: F.node, addresses: &addresses, timings: .standard, now: F.at(200))
        var after = pod
        after["status"] = step.status
        #expect(F.condition(after, "Ready").status == "True")
        #expect(F.condition(after, "Ready").time == F.stamp(200))
    }

    @Test(arguments: [(-1.0, "accept"), (.nan, "accept")])
    func timingsRefuseNegativeOrNaN(value: Double, field: String) {
        #expect(throws: PodLifecycleTimingsError.self) { try PodLifecycleTimings(accept: value) }
    }
}

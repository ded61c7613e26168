import Foundation
import Testing

@testable import Resources

@Suite struct PodStateTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func pod(ready: Bool, since: Double) -> Value {
        ["status": ["phase": "Running", "conditions": [["type": "Ready", "status": ready ? "True" : "False",
            "lastTransitionTime": .string(Timestamp.rfc3339(now.addingTimeInterval(-since)))]]]]
    }

    @Test func availabilityWaitsForMinReadySeconds() {
        #expect(PodState.isAvailable(Self.pod(ready: true, since: 0), minReadySeconds: 0, now: Self.now))
        #expect(!PodState.isAvailable(Self.pod(ready: true, since: 5), minReadySeconds: 10, now: Self.now))
        #expect(PodState.isAvailable(Self.pod(ready: true, since: 10), minReadySeconds: 10, now: Self.now))
        #expect(!PodState.isAvailable(Self.pod(ready: false, since: 100), minReadySeconds: 0, now: Self.now))
    }

    @Test func effectiveRequestsCountSidecarsAndInitContainers() {
        // Containers 100m + 200m; a sidecar 50m runs with them: 350m. A plain init container of 500m
        // runs beside the sidecars started before it (none): 500m. The pod needs max = 500m, + 10m overhead.
        let spec: Value = [
            "containers": [["resources": ["requests": ["cpu": "100m", "memory": "64Mi"]]], ["resources": ["requests": ["cpu": "200m"]]]],
            "initContainers": [
                ["resources": ["requests": ["cpu": "500m"]]],
                ["restartPolicy": "Always", "resources": ["requests": ["cpu": "50m", "memory": "1Gi"]]],
            ],
            "overhead": ["cpu": "10m"],
        ]
        let requests = ResourceRequests(podSpec: spec)
        #expect(requests.cpuMilli == 510)
        #expect(requests.memoryBytes == 64 * 1024 * 1024 + 1024 * 1024 * 1024)
    }

    @Test(arguments: [("90s", 90.0), ("5m", 300), ("1h30m", 5400), ("250ms", 0.25), ("0", 0), ("1.5h", 5400)])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["", "5", "m", "5x", "-5s", "1h 2m"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formatsDurations() {
        #expect(DurationText.format(45) == "45s")
        #expect(DurationText.format(150) == "2m30s")
        #expect(DurationText.format(3900) == "1h5m")
    }
}

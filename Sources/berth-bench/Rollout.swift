import Foundation

/// One commit of Deployments totalling 10,000 replicas, onto 1,000 simulated nodes with zero start
/// delay: `berth reconcile` from process start until every pod is Ready.
enum Rollout {
    static func measure(berth: String, scratch: String, repeats: Int) throws -> [Run] {
        let repo = scratch + "/rollout"
        let manifests = repo + "/manifests"
        try FileManager.default.createDirectory(atPath: manifests, withIntermediateDirectories: true)
        for i in 0..<100 {
            try """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: fleet-\(i), namespace: default}
                spec:
                  replicas: 100
                  selector: {matchLabels: {app: fleet-\(i)}}
                  template:
                    metadata: {labels: {app: fleet-\(i)}}
                    spec:
                      containers: [{name: main, image: "fleet:\(i)", resources: {requests: {cpu: 10m, memory: 16Mi}}}]

                """.write(toFile: manifests + "/fleet-\(i).yaml", atomically: true, encoding: .utf8)
        }
        try git(["init", "-q", "-b", "main"], in: repo)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "10,000 replicas"], in: repo)
        return try (0..<repeats).map { i in
            let state = ["BERTH_STATE": "\(scratch)/rollout-state-\(i)"]
            let initialised = try run(berth, ["cluster", "init", "--nodes", "1000", "--pod-accept", "0s", "--pod-start", "0s"], in: repo, environment: state)
            guard initialised.status == 0 else { throw BenchError("berth cluster init failed") }
            let result = try run(berth, ["reconcile", "--timeout", "10m"], in: repo, environment: state)
            guard result.status == 0 else { throw BenchError("the rollout did not become healthy (exit \(result.status))") }
            return result
        }
    }
}

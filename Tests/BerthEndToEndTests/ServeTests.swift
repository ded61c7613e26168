import BerthTestSupport
import Foundation
import Resources
import Testing

/// `berth serve` through the real binary: follow a branch, refuse a bad commit, heal drift, stop cleanly.
@Suite struct ServeTests {
    @Test func followsTheBranchRefusesBadCommitsHealsDriftAndStops() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "0s").status == 0)
        let server = try BackgroundProcess(
            PackagePaths.berthBinary, ["serve", "--interval", "2s"], in: repo.path,
            environment: repo.environment.merging(["BERTH_STATE": berth.statePath]) { $1 })
        defer { server.stop(signal: SIGKILL) }

        func status() throws -> Value { (try? Value(json: try berth("status", "-o", "json").stdout)) ?? .null }
        let first = try repo.git("rev-parse", "HEAD")
        #expect(try eventually { try status()["revision"]?.stringValue == first && status()["health"] == "Healthy" }, "\(server.log)")

        // A new commit is applied without being asked.
        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: 4")
        try repo.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        let second = try repo.commit("web: 4 replicas of nginx 1.28")
        #expect(try eventually { try status()["revision"]?.stringValue == second && status()["health"] == "Healthy" }, "\(server.log)")
        #expect(try berth.stored("po").count == 5)

        // A bad commit is refused whole; the previous revision keeps running.
        try repo.edit("manifests/web.yaml", replacing: "replicas: 4", with: "replicas: four")
        try repo.commit("web: a typo")
        #expect(try eventually { try status()["lastError"]?.stringValue?.contains("manifests/web.yaml:10") == true }, "\(server.log)")
        #expect(try status()["sync"] == "OutOfSync")
        #expect(try status()["revision"]?.stringValue == second)
        #expect(try berth.stored("po").count == 5)

        // The next good commit syncs normally.
        try repo.edit("manifests/web.yaml", replacing: "replicas: four", with: "replicas: 2")
        let third = try repo.commit("web: 2 replicas")
        #expect(try eventually { try status()["revision"]?.stringValue == third && status()["sync"] == "Synced" }, "\(server.log)")

        // Drift (a live rollback) is put back within an interval.
        #expect(try berth("rollout", "undo", "deployment/web", "-n", "shop").status == 0)
        #expect(try eventually { try berth("diff").status == 0 && server.log.contains("drift healed") }, "\(server.log)")

        #expect(server.stop(signal: SIGTERM) == 0, "a clean stop on SIGTERM: \(server.log)")
        #expect(server.log.contains("msg=stopped"))
        let history = try Value(json: try berth("history", "-o", "json").stdout).arrayValue ?? []
        #expect(history.contains { $0["result"] == "refused" && $0["subject"] == "web: a typo" })
    }
}

@Suite struct ServeCrashTests {
    @Test func killNineDuringALargeSyncLeavesNoPartialStateAndARestartConverges() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "0s").status == 0)
        var many = ""
        for i in 0..<400 {
            many += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-\(i), namespace: shop}\ndata: {index: \"\(i)\"}\n"
        }
        try repo.write("manifests/many.yaml", many)
        let big = try repo.commit("400 config maps")
        let environment = repo.environment.merging(["BERTH_STATE": berth.statePath]) { $1 }

        let first = try BackgroundProcess(PackagePaths.berthBinary, ["serve", "--interval", "5s"], in: repo.path, environment: environment)
        #expect(eventually(timeout: 20) { first.log.contains("sync started") }, "\(first.log)")
        first.stop(signal: SIGKILL)

        // All of the commit or none of it: never some of the ConfigMaps.
        let stored = try berth.stored("cm").filter { $0[path: ["metadata", "namespace"]] == "shop" }.count
        #expect(stored == 0 || stored == 401, "found \(stored) of 401")

        let second = try BackgroundProcess(PackagePaths.berthBinary, ["serve", "--interval", "5s"], in: repo.path, environment: environment)
        defer { second.stop(signal: SIGKILL) }
        let converged = try eventually(timeout: 40) {
            let status = (try? Value(json: try berth("status", "-o", "json").stdout)) ?? .null
            return status["revision"]?.stringValue == big && status["health"] == "Healthy"
        }
        #expect(converged, "\(second.log)")
        #expect(try berth.stored("cm").filter { $0[path: ["metadata", "namespace"]] == "shop" }.count == 401)
        #expect(second.stop(signal: SIGTERM) == 0)
    }
}

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
            PackagePaths.berthBinary, ["serve", "--interval", "2s", "--listen", "127.0.0.1:0"], in: repo.path,
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

        let first = try BackgroundProcess(PackagePaths.berthBinary, ["serve", "--interval", "5s", "--listen", "127.0.0.1:0"], in: repo.path, environment: environment)
        #expect(eventually(timeout: 20) { first.log.contains("sync started") }, "\(first.log)")
        first.stop(signal: SIGKILL)

        // All of the commit or none of it: never some of the ConfigMaps.
        let stored = try berth.stored("cm").filter { $0[path: ["metadata", "namespace"]] == "shop" }.count
        #expect(stored == 0 || stored == 401, "found \(stored) of 401")

        let second = try BackgroundProcess(PackagePaths.berthBinary, ["serve", "--interval", "5s", "--listen", "127.0.0.1:0"], in: repo.path, environment: environment)
        defer { second.stop(signal: SIGKILL) }
        let converged = eventually(timeout: 40) {
            let status = (try? Value(json: try berth("status", "-o", "json").stdout)) ?? .null
            return status["revision"]?.stringValue == big && status["health"] == "Healthy"
        }
        #expect(converged, "\(second.log)")
        #expect(try berth.stored("cm").filter { $0[path: ["metadata", "namespace"]] == "shop" }.count == 401)
        #expect(second.stop(signal: SIGTERM) == 0)
    }
}

@Suite struct ServeListenerTests {
    func get(_ url: String, method: String = "GET", headers: [String: String] = [:]) throws -> (Int, String) {
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, url]
        for (k, v) in headers { arguments += ["-H", "\(k): \(v)"] }
        let result = try runProcess("/usr/bin/env", ["curl"] + arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "needs curl"))
    func healthMetricsAndTheSyncWebhook() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "0s").status == 0)
        let server = try BackgroundProcess(
            PackagePaths.berthBinary, ["serve", "--interval", "1h", "--listen", "127.0.0.1:0", "--webhook-secret", "s3cret"],
            in: repo.path, environment: repo.environment.merging(["BERTH_STATE": berth.statePath]) { $1 })
        defer { server.stop(signal: SIGKILL) }
        // Port 0 picks a free port; the server says which in the state folder.
        let addressFile = URL(fileURLWithPath: berth.statePath).appendingPathComponent("server.json")
        var port: Int64 = 0
        #expect(eventually {
            port = (try? Value(json: String(contentsOf: addressFile, encoding: .utf8)))?["port"]?.intValue ?? 0
            return port > 0
        }, "\(server.log)")
        let base = "http://127.0.0.1:\(port)"
        #expect(try eventually { try get("\(base)/readyz").0 == 200 }, "\(server.log)")
        #expect(try get("\(base)/healthz") == (200, "ok\n"))
        #expect(try get("\(base)/nope").0 == 404)
        #expect(try get("\(base)/api/v1/sync").0 == 405)
        #expect(try get("\(base)/api/v1/sync", method: "POST").0 == 401, "the secret is required")
        #expect(try get("\(base)/api/v1/sync", method: "POST", headers: ["Authorization": "Bearer wrong"]).0 == 401)

        // With an interval of an hour, only the webhook (or berth sync) makes it fetch again.
        try repo.edit("manifests/web.yaml", replacing: "replicas: 3", with: "replicas: 2")
        let next = try repo.commit("web: 2 replicas")
        // A local repository is followed through its refs anyway: the commit is applied at once.
        func revision() -> String? { (try? Value(json: try berth("status", "-o", "json").stdout))?["revision"]?.stringValue }
        #expect(eventually { revision() == next }, "\(server.log)")
        let sync = try berth("sync", "--webhook-secret", "s3cret")
        #expect(sync.status == 0, "\(sync)")
        #expect(try berth("sync").status == 1, "no secret, refused")

        let (status, metrics) = try get("\(base)/metrics")
        #expect(status == 200)
        #expect(metrics.contains("# TYPE berth_syncs_total counter"))
        #expect(metrics.contains("berth_syncs_total{result=\"applied\"} 2"), "\(metrics)")
        #expect(metrics.contains("berth_sync_duration_seconds_count "))
        #expect(metrics.contains("berth_controller_queue_depth{controller=\"scheduler\"}"))
        #expect(!metrics.contains("change-me-in-a-real-deployment"))
        #expect(server.stop(signal: SIGINT) == 0)
        #expect(try berth("sync").status == 1, "nothing listens any more")
    }

    @Test func listeningBeyondLoopbackNeedsASecret() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        let refused = try berth("serve", "--listen", "0.0.0.0:8477")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--webhook-secret"))
    }
}

@Suite struct ServeRemoteTests {
    @Test func aFileURLIsFetchedEveryIntervalAndDriftIsOnlyReportedWithoutSelfHeal() throws {
        let work = try shopRepository()
        try work.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        try work.commit("web: nginx 1.28")
        let origin = try TemporaryDirectory("berth-origin")
        let bare = origin.subpath("shop.git")
        try work.git("clone", "-q", "--bare", work.path, bare)
        try work.git("remote", "add", "origin", bare)
        let berth = try Berth(repo: work)
        #expect(try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "0s").status == 0)
        let elsewhere = try TemporaryDirectory()
        let server = try BackgroundProcess(
            PackagePaths.berthBinary,
            ["serve", "--repo", "file://\(bare)", "--interval", "1s", "--no-self-heal", "--listen", "127.0.0.1:0"],
            in: elsewhere.path, environment: work.environment.merging(["BERTH_STATE": berth.statePath]) { $1 })
        defer { server.stop(signal: SIGKILL) }
        func status() -> Value { (try? Value(json: try berth("status", "-o", "json").stdout)) ?? .null }

        let first = try work.git("rev-parse", "HEAD")
        #expect(eventually { status()["revision"]?.stringValue == first }, "\(server.log)")

        // A push to the remote is picked up by the next fetch.
        try work.edit("manifests/web.yaml", replacing: "image: nginx:1.28", with: "image: nginx:1.29")
        let second = try work.commit("web: nginx 1.29")
        try work.git("push", "-q", "origin", "main")
        #expect(eventually { status()["revision"]?.stringValue == second }, "\(server.log)")

        // Without self-heal, drift is reported and left alone (once the new revision has rolled out,
        // there is an older one to go back to).
        #expect(try berth("rollout", "status", "deployment/web", "-n", "shop", "--timeout", "60s").status == 0)
        let undo = try berth("rollout", "undo", "deployment/web", "-n", "shop")
        #expect(undo.status == 0, "\(undo)")
        #expect(eventually { server.log.contains("drift found") }, "\(server.log)")
        #expect(try berth("diff").status == 2, "still drifted")
        #expect(!server.log.contains("drift healed"))
        #expect(server.stop(signal: SIGTERM) == 0)
    }
}

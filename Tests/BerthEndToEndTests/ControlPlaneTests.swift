import BerthTestSupport
import Foundation
import Resources
import Testing

/// The controller graph through the real binary: rollouts, rollbacks, failures.
@Suite struct ControlPlaneEndToEndTests {
    /// A shop repository with a fast cluster: pods start in a second, nodes go Unknown after 3 s
    /// without heartbeats and pods tolerate that for 2 s.
    func fastShop() throws -> (GitFixture, Berth) {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        let initialised = try berth("cluster", "init", "--pod-accept", "0s", "--pod-start", "1s", "--heartbeat", "1s",
            "--node-grace", "3s", "--toleration", "2s")
        #expect(initialised.status == 0, "\(initialised)")
        return (repo, berth)
    }

    @Test func commitRolloutEditRollingUpdateAndUndo() throws {
        let (repo, berth) = try fastShop()
        let first = try berth("reconcile", "--timeout", "60s")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("Healthy · 7 resources"))

        let pods = try berth("get", "pods", "-n", "shop", "-o", "wide")
        #expect(pods.stdout.split(separator: "\n").count == 5, "db and 3 web pods: \(pods.stdout)")
        #expect(pods.stdout.contains("Running"))
        #expect(pods.stdout.contains("10.244."))
        #expect(pods.stdout.contains("node-"))

        let clusterIP = try berth.stored("svc").first { $0[path: ["metadata", "name"]] == "web" }?[path: ["spec", "clusterIP"]]
        #expect(clusterIP?.stringValue?.hasPrefix("10.96.") == true)

        try repo.edit("manifests/web.yaml", replacing: "image: nginx:1.27", with: "image: nginx:1.28")
        try repo.edit("manifests/web.yaml", replacing: "      port: 80\n", with: "      port: 80\n      appProtocol: http\n")
        try repo.commit("web: nginx 1.28")
        let rolling = try berth("reconcile", "--timeout", "60s")
        #expect(rolling.status == 0, "\(rolling)")
        #expect(rolling.stdout.contains("new replicas have been updated"), "progress is shown: \(rolling.stdout)")

        let service = try berth.stored("svc").first { $0[path: ["metadata", "name"]] == "web" }
        #expect(service?[path: ["spec", "clusterIP"]] == clusterIP, "the allocated address survives an apply from git")
        #expect(service?[path: ["spec", "ports"]]?.arrayValue?.first?["appProtocol"] == "http")

        let history = try berth("rollout", "history", "deployment/web", "-n", "shop")
        #expect(history.stdout.contains("1          shop: first version"), "\(history.stdout)")
        #expect(history.stdout.contains("2          web: nginx 1.28"))

        let undo = try berth("rollout", "undo", "deployment/web", "-n", "shop", "--to-revision", "1")
        #expect(undo.stdout.contains("rolled back to revision 1"), "\(undo)")
        let rolledBack = try berth("rollout", "status", "deployment/web", "-n", "shop", "--timeout", "60s")
        #expect(rolledBack.status == 0, "\(rolledBack)")
        #expect(rolledBack.stdout.contains("successfully rolled out"))
        let images = try berth.stored("po").filter { $0[path: ["metadata", "namespace"]] == "shop" && $0[path: ["metadata", "labels", "app.kubernetes.io/name"]] == "web" }
            .compactMap { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue }
        #expect(images == ["nginx:1.27", "nginx:1.27", "nginx:1.27"])

        // git is still the truth: the undo shows as drift, and a reconcile puts git's template back.
        let drift = try berth("reconcile", "--dry-run")
        #expect(drift.status == 2)
        #expect(drift.stdout.contains("+         image: nginx:1.28"))
        let liveDrift = try berth("diff")
        #expect(liveDrift.status == 2, "\(liveDrift)")
        #expect(liveDrift.stdout.contains("Drift from git: 0 to create, 1 to update"))
        let status = try Value(json: try berth("status", "-o", "json").stdout)
        #expect(status["sync"] == "OutOfSync")
        #expect(status["health"] == "Healthy")
        let web = status["resources"]?.arrayValue?.first { $0["kind"] == "Deployment" && $0["name"] == "web" }
        #expect(web?["sync"] == "OutOfSync")
        #expect(try berth("reconcile", "--timeout", "60s").status == 0)
        #expect(try berth("diff").status == 0)
        let synced = try berth("status")
        #expect(synced.stdout.hasPrefix("Synced to"), "\(synced.stdout)")
    }

    @Test func aProgressDeadlineExitsThree() throws {
        let (repo, berth) = try fastShop()
        try repo.edit("manifests/web.yaml", replacing: "  replicas: 3\n", with: "  replicas: 3\n  progressDeadlineSeconds: 3\n")
        try repo.edit("manifests/web.yaml", replacing: "        app.kubernetes.io/part-of: shop\n    spec:", with: "        app.kubernetes.io/part-of: shop\n      annotations:\n        sim.berth.dev/never-ready: \"true\"\n    spec:")
        try repo.commit("web: never ready")
        let result = try berth("reconcile", "--timeout", "60s")
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.contains("Degraded"))
        #expect(result.stdout.contains("exceeded its progress deadline"))
        let history = try Value(json: try berth("history", "-o", "json").stdout).arrayValue ?? []
        #expect(history.first?["health"] == "Degraded")
    }

    @Test func aFailedNodesPodsAreRescheduled() throws {
        let (_, berth) = try fastShop()
        #expect(try berth("reconcile", "--timeout", "60s").status == 0)
        let pods = try berth.stored("po")
        let nodes = pods.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }
        let victim = try #require(nodes.first)
        let failed = try berth("node", "fail", victim, "--wait", "--timeout", "60s")
        #expect(failed.status == 0, "\(failed)")
        let list = try berth("node", "list")
        #expect(list.stdout.contains("Unknown,Failed"), "\(list.stdout)")
        let after = try berth.stored("po")
        #expect(after.count == pods.count)
        #expect(after.allSatisfy { $0[path: ["spec", "nodeName"]]?.stringValue != victim })
        let endpoints = try berth("get", "ep", "web", "-n", "shop", "-o", "json")
        let addresses = try Value(json: endpoints.stdout)["subsets"]?.arrayValue?.first?["addresses"]?.arrayValue ?? []
        #expect(addresses.count == 3, "Endpoints follow the pods")
        let recovered = try berth("node", "recover", victim, "--wait", "--timeout", "30s")
        #expect(recovered.status == 0, "\(recovered)")

        #expect(try berth("node", "cordon", "node-1").stdout == "node/node-1 cordoned\n")
        #expect(try berth("node", "cordon", "node-1").stdout == "node/node-1 already cordoned\n")
        #expect(try berth("node", "list").stdout.contains("Ready,SchedulingDisabled"))
        let drained = try berth("node", "drain", "node-1", "--wait", "--timeout", "60s")
        #expect(drained.status == 0, "\(drained)")
        #expect(try berth.stored("po").allSatisfy { $0[path: ["spec", "nodeName"]]?.stringValue != "node-1" })
        #expect(try berth("node", "uncordon", "node-1").stdout == "node/node-1 uncordoned\n")
        #expect(try berth("node", "fail", "node-9").status == 1, "an unknown node is an error")
    }

    @Test func theGraphPrints() throws {
        let (_, berth) = try fastShop()
        let text = try berth("controllers")
        #expect(text.stdout.contains("scheduler"))
        #expect(text.stdout.contains("garbage-collector"))
        let dot = try berth("controllers", "-o", "dot")
        #expect(dot.stdout.hasPrefix("digraph berth {"))
        #expect(dot.stdout.contains("\"Deployment\" -> \"deployment\""))
    }
}

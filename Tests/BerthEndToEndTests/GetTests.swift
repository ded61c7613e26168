import BerthTestSupport
import Foundation
import Manifests
import Resources
import Testing

/// `berth get` reads what reconcile stored, by kubectl's kind names.
@Suite struct GetTests {
    @Test func tablesByShortAndPluralNames() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)

        let deployments = try berth("get", "deployments", "-n", "shop")
        #expect(deployments.status == 0)
        let lines = deployments.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.count == 3)
        #expect(deployments.stdout.contains("3/3"), "reconcile waited for the rollout")

        // The AGE column may tick between two runs: compare the names only.
        func names(_ table: String) -> [String] { table.split(separator: "\n").map { String($0.prefix(while: { $0 != " " })) } }
        for alias in ["deploy", "deployment", "Deployment", "deployments.apps"] {
            #expect(names(try berth("get", alias, "-n", "shop").stdout) == names(deployments.stdout), "\(alias)")
        }
        let services = try berth("get", "svc", "-A", "-o", "wide")
        #expect(services.stdout.hasPrefix("NAMESPACE"))
        #expect(services.stdout.contains("5432/TCP"))
        #expect(services.stdout.contains("app.kubernetes.io/name=db"))

        let namespaces = try berth("get", "ns")
        #expect(namespaces.stdout.contains("default"))
        #expect(namespaces.stdout.contains("shop"))

        let empty = try berth("get", "pods")
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("No resources found in default namespace."))
    }

    @Test func wholeObjectsAsYAMLAndJSON() throws {
        let repo = try shopRepository()
        let berth = try Berth(repo: repo)
        #expect(try berth("reconcile").status == 0)
        let yaml = try berth("get", "deploy", "web", "-n", "shop", "-o", "yaml")
        #expect(yaml.status == 0)
        let object = try YAMLDecoder.decodeAll(Array(yaml.stdout.utf8), file: "out").first?.value
        #expect(object?[path: ["spec", "replicas"]] == 3)
        #expect(object?[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "25%", "stored defaulted")
        #expect(object?[path: ["metadata", "uid"]]?.stringValue?.count == 36)
        #expect(object?[path: ["metadata", "resourceVersion"]] != nil)

        let json = try berth("get", "deploy", "web", "-n", "shop", "-o", "json")
        #expect(try Value(json: json.stdout) == object)

        let missing = try berth("get", "deploy", "nope", "-n", "shop")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\"nope\" not found"))
        let badKind = try berth("get", "gadgets")
        #expect(badKind.status == 1)
    }
}

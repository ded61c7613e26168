import Testing
@testable import Resources

@Suite struct DefaultingTests {
    static let deployment: Value = [
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
        "spec": [
            "selector": ["matchLabels": ["app": "web"]],
            "template": [
                "metadata": ["labels": ["app": "web"]],
                "spec": [
                    "containers": [[
                        "name": "web", "image": "nginx:1.27",
                        "ports": [["containerPort": 80]],
                        "readinessProbe": ["httpGet": ["port": 80]],
                        "livenessProbe": ["grpc": ["port": 9000]],
                        "env": [["name": "POD", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]]],
                        "resources": ["requests": ["cpu": "1000m", "memory": "1024Mi"], "limits": ["cpu": 1.5]],
                    ]],
                    "volumes": [["name": "cfg", "configMap": ["name": "cfg"]], ["name": "tmp"]],
                ],
            ],
        ],
    ]

    static func defaulted(_ object: Value) -> Value {
        var copy = object
        Defaulting.apply(to: &copy)
        return copy
    }

    static let expected: [(String, Value)] = [
        ("metadata.namespace", "default"),
        ("spec.replicas", 1),
        ("spec.strategy.type", "RollingUpdate"),
        ("spec.strategy.rollingUpdate.maxUnavailable", "25%"),
        ("spec.strategy.rollingUpdate.maxSurge", "25%"),
        ("spec.revisionHistoryLimit", 10),
        ("spec.progressDeadlineSeconds", 600),
        ("spec.template.spec.restartPolicy", "Always"),
        ("spec.template.spec.terminationGracePeriodSeconds", 30),
        ("spec.template.spec.dnsPolicy", "ClusterFirst"),
        ("spec.template.spec.schedulerName", "default-scheduler"),
        ("spec.template.spec.securityContext", [:]),
        ("spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent"),
        ("spec.template.spec.containers[0].terminationMessagePath", "/dev/termination-log"),
        ("spec.template.spec.containers[0].terminationMessagePolicy", "File"),
        ("spec.template.spec.containers[0].ports[0].protocol", "TCP"),
        ("spec.template.spec.containers[0].readinessProbe.timeoutSeconds", 1),
        ("spec.template.spec.containers[0].readinessProbe.periodSeconds", 10),
        ("spec.template.spec.containers[0].readinessProbe.successThreshold", 1),
        ("spec.template.spec.containers[0].readinessProbe.failureThreshold", 3),
        ("spec.template.spec.containers[0].readinessProbe.httpGet.scheme", "HTTP"),
        ("spec.template.spec.containers[0].readinessProbe.httpGet.path", "/"),
        ("spec.template.spec.containers[0].livenessProbe.grpc.service", ""),
        ("spec.template.spec.containers[0].livenessProbe.failureThreshold", 3),
        ("spec.template.spec.containers[0].env[0].valueFrom.fieldRef.apiVersion", "v1"),
        ("spec.template.spec.containers[0].resources.requests.cpu", "1"),
        ("spec.template.spec.containers[0].resources.requests.memory", "1Gi"),
        ("spec.template.spec.containers[0].resources.limits.cpu", "1500m"),
        ("spec.template.spec.volumes[0].configMap.defaultMode", 420),
        ("spec.template.spec.volumes[1].emptyDir", [:]),
    ]

    @Test(arguments: expected)
    func setsEachDeploymentDefault(path: String, value: Value) {
        let object = Self.defaulted(Self.deployment)
        #expect(Self.lookup(object, path) == value)
    }

    @Test func templatesDoNotGetPodOnlyDefaults() {
        let object = Self.defaulted(Self.deployment)
        #expect(object[path: ["spec", "template", "spec", "enableServiceLinks"]] == nil)
        #expect(Self.lookup(object, "spec.template.spec.containers[0].resources.limits.memory") == nil)
    }

    @Test func isIdempotent() {
        for object in [Self.deployment, Self.pod, Self.service, Self.secret] {
            let once = Self.defaulted(object)
            #expect(Self.defaulted(once) == once)
        }
    }

    @Test func neverOverwritesExplicitValues() {
        var object = Self.deployment
        object[path: ["spec", "replicas"]] = 0
        object[path: ["spec", "strategy"]] = ["type": "Recreate"]
        object[path: ["metadata", "namespace"]] = "shop"
        object[path: ["spec", "template", "spec", "restartPolicy"]] = "Never"
        object[path: ["spec", "template", "spec", "terminationGracePeriodSeconds"]] = 5
        let result = Self.defaulted(object)
        #expect(result[path: ["spec", "replicas"]] == 0)
        #expect(result[path: ["spec", "strategy"]] == ["type": "Recreate"])
        #expect(result[path: ["metadata", "namespace"]] == "shop")
        #expect(result[path: ["spec", "template", "spec", "restartPolicy"]] == "Never")
        #expect(result[path: ["spec", "template", "spec", "terminationGracePeriodSeconds"]] == 5)
    }

    @Test(arguments: [
        ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.27", "IfNotPresent"),
        ("registry:5000/app", "Always"), ("registry:5000/app:v2", "IfNotPresent"),
        ("nginx@sha256:abc", "IfNotPresent"), ("nginx:latest@sha256:abc", "Always"),
        ("ghcr.io/org/app:latest", "Always"), ("localhost:5000/a/b", "Always"),
    ])
    func pullPolicyFollowsTheTag(image: String, policy: String) {
        #expect(Defaulting.defaultPullPolicy(forImage: image) == policy)
    }

    static let pod: Value = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
        "spec": ["containers": [["name": "c", "image": "busybox", "resources": ["limits": ["cpu": "2", "memory": "1G"]]]]],
    ]

    @Test func podCopiesLimitsToRequests() {
        let object = Self.defaulted(Self.pod)
        #expect(Self.lookup(object, "spec.containers[0].resources.requests") == ["cpu": "2", "memory": "1G"])
        #expect(object[path: ["spec", "enableServiceLinks"]] == true)
        #expect(Self.lookup(object, "spec.containers[0].imagePullPolicy") == "Always")
    }

    static let service: Value = [
        "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
        "spec": ["selector": ["app": "web"], "ports": [["name": "http", "port": 80], ["name": "https", "port": 443, "targetPort": "https"]]],
    ]

    @Test func serviceDefaults() {
        let spec = Self.defaulted(Self.service)["spec"]!
        #expect(spec["type"] == "ClusterIP")
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["externalTrafficPolicy"] == nil)
        #expect(spec[fieldPath: [.key("ports"), .index(0), .key("targetPort")]] == 80)
        #expect(spec[fieldPath: [.key("ports"), .index(0), .key("protocol")]] == "TCP")
        #expect(spec[fieldPath: [.key("ports"), .index(1), .key("targetPort")]] == "https")

        var nodePort = Self.service
        nodePort[path: ["spec", "type"]] = "NodePort"
        #expect(Self.defaulted(nodePort)[path: ["spec", "externalTrafficPolicy"]] == "Cluster")
    }

    static let secret: Value = [
        "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"],
        "data": ["a": "b2xk"], "stringData": ["a": "new", "pass": "hunter2"],
    ]

    @Test func secretFoldsStringDataIntoData() {
        let object = Self.defaulted(Self.secret)
        #expect(object["type"] == "Opaque")
        #expect(object["stringData"] == nil)
        #expect(object["data"] == ["a": "bmV3", "pass": "aHVudGVyMg=="])
    }

    @Test func namespacesAndClusterScopedKinds() {
        let namespace = Self.defaulted(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop", "namespace": "x"]])
        #expect(namespace[path: ["metadata", "namespace"]] == nil)
        #expect(namespace[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] == "shop")
        let widget = Self.defaulted(["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"]])
        #expect(widget[path: ["metadata", "namespace"]] == "default")
    }

    @Test func recreateGetsNoRollingUpdate() {
        var object = Self.deployment
        object[path: ["spec", "strategy"]] = ["type": "Recreate"]
        #expect(Self.defaulted(object)[path: ["spec", "strategy", "rollingUpdate"]] == nil)
    }

    /// Looks a value up by its printed path, so the table reads like the paths users see.
    static func lookup(_ object: Value, _ path: String) -> Value? {
        var components: [FieldPath.Component] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indexes: [Int] = []
            while let open = name.lastIndex(of: "[") {
                indexes.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
                name = name[..<open]
            }
            components.append(.key(String(name)))
            components += indexes.map { .index($0) }
        }
        return object[fieldPath: FieldPath(components)]
    }
}

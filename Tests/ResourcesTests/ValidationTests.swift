import Testing
@testable import Resources

/// A change to a valid object and the error it must produce, with exact path and message.
struct Case: Sendable, CustomStringConvertible {
    var base: Value
    var path: [String]
    var value: Value?
    var expected: String
    var description: String { expected }
}

@Suite struct ValidationTests {
    static let deployment = DefaultingTests.deployment
    static let pod = DefaultingTests.pod
    static let service = DefaultingTests.service
    static let podSpec = ["spec", "template", "spec"]
    static let c0 = ["spec", "template", "spec", "containers", "0"]

    @Test func validObjectsHaveNoIssues() {
        for object in [Self.deployment, Self.pod, Self.service, DefaultingTests.secret] {
            let report = Validation.validate(object)
            #expect(report.isValid && report.warnings.isEmpty, "\(object["kind"]!) \(report)")
            var defaulted = object
            Defaulting.apply(to: &defaulted)
            let again = Validation.validate(defaulted)
            #expect(again.isValid && again.warnings.isEmpty, "\(again)")
        }
    }

    static let cases: [Case] = [
        Case(base: deployment, path: ["spec", "replicas"], value: -1, expected: "spec.replicas: must be greater than or equal to 0"),
        Case(base: deployment, path: ["spec", "replicas"], value: "three", expected: #"spec.replicas: expected an integer, found string "three""#),
        Case(base: deployment, path: ["apiVersion"], value: "v1", expected: #"apiVersion: Deployment is served as apiVersion "apps/v1", found "v1"; write apiVersion: apps/v1"#),
        Case(base: deployment, path: ["kind"], value: "", expected: "kind: required: a non-empty string"),
        Case(base: deployment, path: ["metadata", "name"], value: "Web", expected: #"metadata.name: invalid value "Web": \#(NameRules.dns1123SubdomainMessage)"#),
        Case(base: deployment, path: ["metadata", "name"], value: nil, expected: "metadata.name: required: every object needs a name"),
        Case(base: deployment, path: ["metadata", "namespace"], value: "My_NS", expected: #"metadata.namespace: invalid value "My_NS": \#(NameRules.dns1123LabelMessage)"#),
        Case(base: deployment, path: ["metadata", "labels"], value: ["app": "-bad"], expected: #"metadata.labels.app: invalid value "-bad": \#(NameRules.labelValueMessage)"#),
        Case(base: deployment, path: ["metadata", "annotations"], value: ["a/b/c": "x"], expected: #"metadata.annotations["a/b/c"]: invalid value "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#),
        Case(base: deployment, path: ["metadata", "annotations"], value: ["big": .string(String(repeating: "x", count: 262_145))], expected: "metadata.annotations: too long: must have at most 262144 bytes, found 262148"),
        Case(base: deployment, path: ["spec", "selector"], value: nil, expected: "spec.selector: required: a label selector matching the template's labels"),
        Case(base: deployment, path: ["spec", "selector"], value: [:], expected: "spec.selector: empty selector is invalid for deployment"),
        Case(base: deployment, path: ["spec", "selector", "matchLabels", "app"], value: "api", expected: "spec.template.metadata.labels: selector does not match template labels (selector: app=api)"),
        Case(base: deployment, path: ["spec", "selector", "matchExpressions"], value: [["key": "tier", "operator": "Exists"]], expected: "spec.template.metadata.labels: selector does not match template labels (selector: app=web,tier)"),
        Case(base: deployment, path: ["spec", "strategy"], value: ["type": "Blue"], expected: #"spec.strategy.type: unsupported value "Blue": supported values: "Recreate", "RollingUpdate""#),
        Case(base: deployment, path: ["spec", "strategy"], value: ["type": "Recreate", "rollingUpdate": ["maxSurge": 1]], expected: "spec.strategy.rollingUpdate: may not be specified when strategy `type` is 'Recreate'"),
        Case(base: deployment, path: ["spec", "strategy"], value: ["rollingUpdate": ["maxSurge": 0, "maxUnavailable": "0%"]], expected: "spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when `maxSurge` is 0"),
        Case(base: deployment, path: ["spec", "strategy"], value: ["rollingUpdate": ["maxSurge": "x%"]], expected: #"spec.strategy.rollingUpdate.maxSurge: invalid value "x%": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%')"#),
        Case(base: deployment, path: ["spec", "strategy"], value: ["rollingUpdate": ["maxUnavailable": "120%"]], expected: "spec.strategy.rollingUpdate.maxUnavailable: must not be greater than 100%"),
        Case(base: deployment, path: ["spec", "revisionHistoryLimit"], value: -2, expected: "spec.revisionHistoryLimit: must be greater than or equal to 0"),
        Case(base: deployment, path: ["spec", "progressDeadlineSeconds"], value: 0, expected: "spec.progressDeadlineSeconds: must be greater than minReadySeconds"),
        Case(base: deployment, path: podSpec + ["restartPolicy"], value: "Never", expected: #"spec.template.spec.restartPolicy: unsupported value "Never": supported values: "Always""#),
        Case(base: deployment, path: podSpec + ["containers"], value: [], expected: "spec.template.spec.containers: required: a pod needs at least one container"),
        Case(base: deployment, path: podSpec + ["initContainers"], value: [["name": "web", "image": "x"]], expected: #"spec.template.spec.containers[0].name: duplicate value "web""#),
        Case(base: deployment, path: c0 + ["name"], value: "Web", expected: #"spec.template.spec.containers[0].name: invalid value "Web": \#(NameRules.dns1123LabelMessage)"#),
        Case(base: deployment, path: c0 + ["image"], value: "", expected: "spec.template.spec.containers[0].image: required: the image to run"),
        Case(base: deployment, path: c0 + ["ports"], value: [["containerPort": 70000]], expected: "spec.template.spec.containers[0].ports[0].containerPort: invalid value 70000: must be between 1 and 65535, inclusive"),
        Case(base: deployment, path: c0 + ["ports"], value: [["containerPort": 80, "hostPort": -1]], expected: "spec.template.spec.containers[0].ports[0].hostPort: invalid value -1: must be between 1 and 65535, inclusive"),
        Case(base: deployment, path: c0 + ["ports"], value: [["containerPort": 80, "protocol": "HTTP"]], expected: #"spec.template.spec.containers[0].ports[0].protocol: unsupported value "HTTP": supported values: "SCTP", "TCP", "UDP""#),
        Case(base: deployment, path: c0 + ["ports"], value: [["containerPort": 80, "name": "http"], ["containerPort": 81, "name": "http"]], expected: #"spec.template.spec.containers[0].ports[1].name: duplicate value "http""#),
        Case(base: deployment, path: c0 + ["ports"], value: [["containerPort": 80, "name": "web--port"]], expected: #"spec.template.spec.containers[0].ports[0].name: invalid value "web--port": must not contain consecutive hyphens"#),
        Case(base: deployment, path: c0 + ["env"], value: [["name": "1X", "value": "y"]], expected: #"spec.template.spec.containers[0].env[0].name: invalid value "1X": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1')"#),
        Case(base: deployment, path: c0 + ["env"], value: [["name": "X", "valueFrom": [:]]], expected: "spec.template.spec.containers[0].env[0].valueFrom: must specify exactly one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        Case(base: deployment, path: c0 + ["restartPolicy"], value: "Always", expected: "spec.template.spec.containers[0].restartPolicy: may not be set for non-init containers"),
        Case(base: deployment, path: c0 + ["resources"], value: ["requests": ["cpu": "2"], "limits": ["cpu": "500m"]], expected: #"spec.template.spec.containers[0].resources.requests.cpu: invalid value "2": must be less than or equal to cpu limit of 500m"#),
        Case(base: deployment, path: c0 + ["resources"], value: ["requests": ["memory": "12XB"]], expected: #"spec.template.spec.containers[0].resources.requests.memory: invalid value string "12XB": unknown suffix "XB"; \#(Quantity.formatReason)"#),
        Case(base: deployment, path: c0 + ["resources"], value: ["requests": ["cpu": "-1"]], expected: "spec.template.spec.containers[0].resources.requests.cpu: must be greater than or equal to 0"),
        Case(base: deployment, path: c0 + ["livenessProbe"], value: ["httpGet": ["port": 80], "successThreshold": 2], expected: "spec.template.spec.containers[0].livenessProbe.successThreshold: invalid value 2: must be 1"),
        Case(base: deployment, path: c0 + ["livenessProbe"], value: ["periodSeconds": 5], expected: "spec.template.spec.containers[0].livenessProbe: must specify a handler type (one of exec, httpGet, tcpSocket, grpc)"),
        Case(base: deployment, path: c0 + ["livenessProbe"], value: ["grpc": ["port": 0]], expected: "spec.template.spec.containers[0].livenessProbe.grpc.port: invalid value 0: must be between 1 and 65535, inclusive"),
        Case(base: deployment, path: c0 + ["readinessProbe"], value: ["tcpSocket": ["port": 80], "failureThreshold": -1], expected: "spec.template.spec.containers[0].readinessProbe.failureThreshold: must be greater than or equal to 0"),
        Case(base: deployment, path: c0 + ["readinessProbe"], value: ["exec": ["command": ["true"]], "httpGet": ["port": 80]], expected: "spec.template.spec.containers[0].readinessProbe.httpGet: may not specify more than 1 handler type"),
        Case(base: deployment, path: c0 + ["volumeMounts"], value: [["name": "nope", "mountPath": "/x"]], expected: #"spec.template.spec.containers[0].volumeMounts[0].name: not found: no volume named "nope" in the pod's volumes"#),
        Case(base: deployment, path: podSpec + ["initContainers"], value: [["name": "init", "image": "x", "readinessProbe": ["exec": ["command": ["true"]]]]], expected: "spec.template.spec.initContainers[0].readinessProbe: may not be set for init containers without restartPolicy=Always"),
        Case(base: deployment, path: podSpec + ["tolerations"], value: [["key": "k", "operator": "Exists", "value": "v"]], expected: "spec.template.spec.tolerations[0].value: must be empty when `operator` is \"Exists\""),
        Case(base: deployment, path: podSpec + ["tolerations"], value: [["key": "k", "effect": "NoRun"]], expected: #"spec.template.spec.tolerations[0].effect: unsupported value "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#),
        Case(base: deployment, path: podSpec + ["affinity"], value: ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": []]]], expected: "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: must have at least one node selector term"),
        Case(base: deployment, path: podSpec + ["affinity"], value: ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [["weight": 101, "podAffinityTerm": ["topologyKey": "zone"]]]]], expected: "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: invalid value 101: must be in the range 1-100"),
        Case(base: deployment, path: podSpec + ["topologySpreadConstraints"], value: [["maxSkew": 0, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"]], expected: "spec.template.spec.topologySpreadConstraints[0].maxSkew: invalid value 0: must be greater than zero"),
        Case(base: deployment, path: podSpec + ["nodeSelector"], value: ["disk": 1], expected: "spec.template.spec.nodeSelector.disk: expected a string, found integer 1"),
        Case(base: pod, path: ["spec", "restartPolicy"], value: "Sometimes", expected: #"spec.restartPolicy: unsupported value "Sometimes": supported values: "Always", "OnFailure", "Never""#),
        Case(base: service, path: ["metadata", "name"], value: "1web", expected: #"metadata.name: invalid value "1web": \#(NameRules.dns1035LabelMessage)"#),
        Case(base: service, path: ["spec", "type"], value: "Ingress", expected: #"spec.type: unsupported value "Ingress": supported values: "ClusterIP", "NodePort", "LoadBalancer", "ExternalName""#),
        Case(base: service, path: ["spec", "ports"], value: [], expected: "spec.ports: required: at least one port (or clusterIP: None for a headless service)"),
        Case(base: service, path: ["spec", "ports"], value: [["port": 80], ["port": 81, "name": "b"]], expected: "spec.ports[0].name: required: every port needs a name when a service has more than one"),
        Case(base: service, path: ["spec", "ports"], value: [["port": 0]], expected: "spec.ports[0].port: invalid value 0: must be between 1 and 65535, inclusive"),
        Case(base: service, path: ["spec", "ports"], value: [["port": 80, "targetPort": 70000]], expected: "spec.ports[0].targetPort: invalid value 70000: must be between 1 and 65535, inclusive"),
        Case(base: service, path: ["spec", "ports"], value: [["port": 80, "nodePort": 30080]], expected: "spec.ports[0].nodePort: may not be used when `type` is 'ClusterIP'"),
        Case(base: service, path: ["spec", "selector"], value: ["app": "a b"], expected: #"spec.selector.app: invalid value "a b": \#(NameRules.labelValueMessage)"#),
    ]

    @Test(arguments: cases)
    func reportsEachRule(c: Case) {
        var object = c.base
        Self.set(&object, c.path, c.value)
        let report = Validation.validate(object)
        #expect(report.errors.map(\.description).contains(c.expected), "\(report.errors.map(\.description))")
    }

    @Test func nodePortRangeForNodePortServices() {
        var object = Self.service
        object[path: ["spec", "type"]] = "NodePort"
        object[path: ["spec", "ports"]] = [["port": 80, "nodePort": 80]]
        #expect(Validation.validate(object).errors.map(\.description) == [
            "spec.ports[0].nodePort: invalid value 80: provided port is not in the valid range. The range of valid ports is 30000-32767"
        ])
        object[path: ["spec", "ports"]] = [["port": 80, "nodePort": 30080]]
        #expect(Validation.validate(object).isValid)
    }

    @Test func unknownFieldsAreWarningsAndKept() {
        var object = Self.deployment
        object[path: ["spec", "replica"]] = 3
        let report = Validation.validate(object)
        #expect(report.isValid)
        #expect(report.warnings.map(\.description) == [#"spec.replica: unknown field "spec.replica" (kept as written, not checked)"#])
    }

    @Test func genericKindsNeedOnlyIdentity() {
        let widget: Value = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["anything": [1, 2]]]
        let report = Validation.validate(widget)
        #expect(report.isValid && report.warnings.isEmpty)
        #expect(Validation.validate(["kind": "Widget", "metadata": ["name": "w"]]).errors.map(\.description) == ["apiVersion: required: a non-empty string"])
        #expect(Validation.validate("text").errors.map(\.description) == [#"<root>: expected a mapping with apiVersion, kind and metadata, found string "text""#])
    }

    @Test func namespaceOnClusterScopedKindIsIgnoredWithAWarning() {
        let ns: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop", "namespace": "x"]]
        let report = Validation.validate(ns)
        #expect(report.isValid)
        #expect(report.warnings.map(\.description) == ["metadata.namespace: ignored: Namespace is cluster-scoped, so it has no namespace"])
        let bad: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop.prod"]]
        #expect(Validation.validate(bad).errors.map(\.path.description) == ["metadata.name"])
    }

    static func set(_ object: inout Value, _ path: [String], _ value: Value?) {
        guard let first = path.first else { return }
        let rest = Array(path.dropFirst())
        if var items = object.arrayValue, let index = Int(first) {
            if rest.isEmpty { items[index] = value ?? .null } else { set(&items[index], rest, value) }
            object = .array(items)
            return
        }
        if rest.isEmpty {
            object[first] = value
            return
        }
        var child = object[first] ?? .emptyObject
        set(&child, rest, value)
        object[first] = child
    }
}

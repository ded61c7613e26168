import Testing
@testable import Resources

@Suite struct ConfigDataValidationTests {
    static let secretValue = "s3cr3t-value-never-shown"

    static func secret(_ fields: [String: Value]) -> Value {
        var object: Value = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"]]
        for (k, v) in fields { object[k] = v }
        return object
    }

    static let secretCases: [(Value, String)] = [
        (secret(["data": ["key": .string(secretValue)]]), "data.key: expected base64, found a value that is not"),
        (secret(["data": ["key": 42]]), "data.key: expected a string, found a value of type integer"),
        (secret(["stringData": ["key": [.string(secretValue)]]]), "stringData.key: expected a string, found a value of type list"),
        (secret(["data": ["bad key": "Zm9v"]]), #"data["bad key"]: invalid value "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')"#),
        (secret(["type": "kubernetes.io/tls", "data": ["tls.crt": "Zm9v"]]), #"data["tls.key"]: required: a Secret of type "kubernetes.io/tls" must hold this key"#),
        (secret(["type": 3]), "type: expected a string, found integer 3"),
    ]

    @Test(arguments: secretCases)
    func secretRulesNeverShowValues(object: Value, expected: String) {
        let report = Validation.validate(object)
        #expect(report.errors.map(\.description).contains(expected), "\(report.errors)")
        for issue in report.errors + report.warnings {
            #expect(!issue.description.contains(Self.secretValue))
        }
    }

    @Test func validSecretAndConfigMap() {
        let secret = Self.secret(["type": "kubernetes.io/tls", "data": ["tls.crt": "Zm9v"], "stringData": ["tls.key": "k"]])
        #expect(Validation.validate(secret).isValid)
        let configMap: Value = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"],
            "data": ["app.yaml": "a: 1"], "binaryData": ["logo.png": "iVBORw0KGgo="],
        ]
        let report = Validation.validate(configMap)
        #expect(report.isValid && report.warnings.isEmpty)
    }

    static let configMapCases: [(Value, String)] = [
        (["data": ["k": 1]], "data.k: expected a string, found integer 1"),
        (["data": ["k": "v"], "binaryData": ["k": "Zm9v"]], "binaryData.k: duplicate of key present in data"),
        (["binaryData": ["k": "not base64!"]], "binaryData.k: expected base64, found a value that is not"),
        (["data": ["..k": "v"]], #"data["..k"]: invalid value "..k": must not start with '..'"#),
    ]

    @Test(arguments: configMapCases)
    func configMapRules(fields: Value, expected: String) {
        var object: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]]
        for (k, v) in fields.objectValue! { object[k] = v }
        #expect(Validation.validate(object).errors.map(\.description).contains(expected))
    }

    static let clusterCases: [(Value, String)] = [
        (["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"], "spec": ["taints": [["key": "k", "effect": "Sometimes"]]]],
         #"spec.taints[0].effect: unsupported value "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#),
        (["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"], "spec": ["unschedulable": "yes"]],
         #"spec.unschedulable: expected a boolean, found string "yes""#),
        (["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"], "spec": ["podCIDR": "10.0.0.0/33"]],
         #"spec.podCIDR: invalid value "10.0.0.0/33": must be a valid CIDR such as 10.244.0.0/24"#),
        (["apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "e"], "subsets": [["addresses": [["ip": "10.0.0.300"]]]]],
         #"subsets[0].addresses[0].ip: invalid value "10.0.0.300": must be a valid IP address"#),
        (["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "sa"], "imagePullSecrets": [["name": "Bad_Name"]]],
         #"imagePullSecrets[0].name: invalid value "Bad_Name": \#(NameRules.dns1123SubdomainMessage)"#),
        (["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ns"], "spec": ["finalizers": ["a/b/c"]]],
         #"spec.finalizers[0]: invalid value "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#),
    ]

    @Test(arguments: clusterCases)
    func clusterKindRules(object: Value, expected: String) {
        #expect(Validation.validate(object).errors.map(\.description).contains(expected), "\(Validation.validate(object).errors)")
    }

    @Test func validNodeAndEndpoints() {
        let node: Value = [
            "apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"],
            "spec": ["podCIDR": "10.244.1.0/24", "unschedulable": true, "taints": [["key": "gpu", "value": "yes", "effect": "NoSchedule"]]],
        ]
        let endpoints: Value = [
            "apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "web"],
            "subsets": [["addresses": [["ip": "10.0.0.5"]], "ports": [["port": 80]]]],
        ]
        for object in [node, endpoints] {
            let report = Validation.validate(object)
            #expect(report.isValid && report.warnings.isEmpty, "\(report)")
        }
    }
}

/// Rules of ConfigMaps and Secrets. Secret values never appear in a message: only keys do.
extension Validation {
    static let maxConfigBytes = 1024 * 1024

    static func checkConfigMap(_ object: Value, into report: inout ValidationReport) {
        let data = object["data"]?.objectValue ?? Fields()
        let binary = object["binaryData"]?.objectValue ?? Fields()
        var total = 0
        for (key, value) in data {
            report.reasons(FieldPath(keys: "data", key), key, NameRules.configMapKey(key))
            total += value.stringValue?.utf8.count ?? 0
        }
        for (key, value) in binary {
            let path = FieldPath(keys: "binaryData", key)
            report.reasons(path, key, NameRules.configMapKey(key))
            if data.contains(key) { report.error(path, "duplicate of key present in data") }
            if let text = value.stringValue {
                if let bytes = Base64.decode(text) {
                    total += bytes.count
                } else {
                    report.error(path, "expected base64, found a value that is not")
                }
            }
        }
        if total > maxConfigBytes {
            report.error(FieldPath(keys: "data"), "too long: must have at most \(maxConfigBytes) bytes, found \(total)")
        }
    }

    /// Keys a Secret of each well-known type must hold (in `data` or `stringData`).
    static let requiredSecretKeys: [String: [String]] = [
        "kubernetes.io/tls": ["tls.crt", "tls.key"],
        "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
        "kubernetes.io/dockercfg": [".dockercfg"],
        "kubernetes.io/ssh-auth": ["ssh-privatekey"],
    ]

    static func checkSecret(_ object: Value, into report: inout ValidationReport) {
        let data = object["data"]?.objectValue ?? Fields()
        let stringData = object["stringData"]?.objectValue ?? Fields()
        var total = 0
        for (key, value) in data {
            let path = FieldPath(keys: "data", key)
            report.reasons(path, key, NameRules.configMapKey(key))
            if let text = value.stringValue {
                if let bytes = Base64.decode(text) {
                    total += bytes.count
                } else {
                    report.error(path, "expected base64, found a value that is not")
                }
            }
        }
        for (key, value) in stringData {
            report.reasons(FieldPath(keys: "stringData", key), key, NameRules.configMapKey(key))
            total += value.stringValue?.utf8.count ?? 0
        }
        if total > maxConfigBytes {
            report.error(FieldPath(keys: "data"), "too long: must have at most \(maxConfigBytes) bytes, found \(total)")
        }
        guard let type = object["type"]?.stringValue, !type.isEmpty else { return }
        for key in requiredSecretKeys[type] ?? [] where !data.contains(key) && !stringData.contains(key) {
            report.error(FieldPath(keys: "data", key), "required: a Secret of type \(quote(type)) must hold this key")
        }
        if type == "kubernetes.io/basic-auth", !["username", "password"].contains(where: { data.contains($0) || stringData.contains($0) }) {
            report.error(FieldPath(keys: "data"), "a Secret of type \"kubernetes.io/basic-auth\" must hold `username` or `password`")
        }
        if type == "kubernetes.io/service-account-token",
            object[path: ["metadata", "annotations", "kubernetes.io/service-account.name"]]?.stringValue?.isEmpty ?? true
        {
            report.error(
                FieldPath(keys: "metadata", "annotations", "kubernetes.io/service-account.name"),
                "required: the service account this token belongs to")
        }
    }
}

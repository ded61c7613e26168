/// Checks an object as Kubernetes' API server would before storing it: shape and types of every
/// known field of the built-in kinds, names, labels, and the per-kind rules.
///
/// It reads the object as written (before defaulting) and equally accepts a defaulted one. Fields
/// it does not know in a built-in kind are warnings, not errors: berth's schema is a subset of
/// Kubernetes', and a real manifest must not be refused for a field berth has not learnt.
///
/// `metadata.namespace` on a cluster-scoped kind is a warning: the API server ignores it (it
/// clears the namespace of cluster-scoped objects), and defaulting removes it the same way.
public enum Validation {
    public static func validate(_ object: Value, registry: KindRegistry = .builtIn) -> ValidationReport {
        var report = ValidationReport()
        guard object.objectValue != nil else {
            report.error(.root, "expected a mapping with apiVersion, kind and metadata, found \(describe(object))")
            return report
        }
        let apiVersion = requiredString(object, "apiVersion", at: .root, into: &report)
        let kind = requiredString(object, "kind", at: .root, into: &report)
        guard let apiVersion, let kind else {
            checkMetadata(object, info: nil, into: &report)
            return report
        }
        let info = registry.info(apiVersion: apiVersion, kind: kind)
        if let info, apiVersion != info.apiVersion {
            report.error(
                FieldPath(keys: "apiVersion"),
                "\(kind) is served as apiVersion \(quote(info.apiVersion)), found \(quote(apiVersion)); write apiVersion: \(info.apiVersion)")
        }
        if let info, let shape = Shape.kinds[info.kind] {
            shape.check(object, at: .root, into: &report)
        } else if let metadata = object["metadata"] {
            Shape.objectMeta.check(metadata, at: FieldPath(keys: "metadata"), into: &report)
        }
        checkMetadata(object, info: info, into: &report)
        if let info { checkKind(info.kind, object, into: &report) }
        return report
    }

    private static func checkKind(_ kind: String, _ object: Value, into report: inout ValidationReport) {
        switch kind {
        case "Pod":
            if let spec = object["spec"] {
                checkPodSpec(spec, at: FieldPath(keys: "spec"), into: &report)
            } else {
                report.error(FieldPath(keys: "spec"), "required: a pod needs a spec with containers")
            }
        case "Deployment": checkDeployment(object, into: &report)
        case "ReplicaSet": checkReplicaSet(object, into: &report)
        case "Service": checkService(object, into: &report)
        case "ConfigMap": checkConfigMap(object, into: &report)
        case "Secret": checkSecret(object, into: &report)
        case "Namespace": checkNamespace(object, into: &report)
        case "Node": checkNode(object, into: &report)
        case "Endpoints": checkEndpoints(object, into: &report)
        case "ServiceAccount": checkServiceAccount(object, into: &report)
        default: break
        }
    }

    // MARK: - Metadata

    static let maxAnnotationsBytes = 256 * 1024

    private static func checkMetadata(_ object: Value, info: KindInfo?, into report: inout ValidationReport) {
        let path = FieldPath(keys: "metadata")
        guard let metadata = object["metadata"], metadata.objectValue != nil else {
            if object["metadata"] == nil {
                report.error(path, "required: metadata with at least a name")
            }
            return
        }
        let namePath = path.appending("name")
        if let name = metadata["name"]?.stringValue, !name.isEmpty {
            report.reasons(namePath, name, nameRule(for: info?.kind)(name))
        } else if metadata["name"] == nil || metadata["name"]?.stringValue == "" {
            report.error(namePath, "required: every object needs a name")
        }
        if let namespace = metadata["namespace"]?.stringValue, !namespace.isEmpty {
            if let info, !info.isNamespaced {
                report.warn(path.appending("namespace"), "ignored: \(info.kind) is cluster-scoped, so it has no namespace")
            } else {
                report.reasons(path.appending("namespace"), namespace, NameRules.dns1123Label(namespace))
            }
        }
        if let labels = metadata["labels"] { _ = checkLabels(labels, at: path.appending("labels"), into: &report) }
        if let annotations = metadata["annotations"]?.objectValue {
            var total = 0
            for (key, value) in annotations {
                report.reasons(path.appending("annotations").appending(key), key, NameRules.qualifiedName(key))
                total += key.utf8.count + (value.stringValue?.utf8.count ?? 0)
            }
            if total > maxAnnotationsBytes {
                report.error(path.appending("annotations"), "too long: must have at most \(maxAnnotationsBytes) bytes, found \(total)")
            }
        }
    }

    /// Namespaces use RFC 1123 labels and Services RFC 1035 labels (they become DNS names); every
    /// other kind, and custom kinds, use RFC 1123 subdomains.
    static func nameRule(for kind: String?) -> (String) -> [String] {
        switch kind {
        case "Namespace": return NameRules.dns1123Label
        case "Service": return NameRules.dns1035Label
        default: return NameRules.dns1123Subdomain
        }
    }

    /// Validates a string-to-string label map (keys qualified names, values label values) and
    /// returns it when every entry is a string.
    @discardableResult
    static func checkLabels(_ value: Value, at path: FieldPath, into report: inout ValidationReport) -> [String: String]? {
        if value.isNull { return [:] }
        guard let fields = value.objectValue else { return nil }
        var labels: [String: String] = [:]
        var complete = true
        for (key, item) in fields {
            report.reasons(path.appending(key), key, NameRules.qualifiedName(key))
            guard let text = item.stringValue else {
                // Type errors are reported by the shape check when the kind is known; a selector read
                // on its own reports them here.
                let itemPath = path.appending(key)
                if !report.errors.contains(where: { $0.path == itemPath }) {
                    report.error(itemPath, "expected a string, found \(describe(item))")
                }
                complete = false
                continue
            }
            report.reasons(path.appending(key), text, NameRules.labelValue(text))
            labels[key] = text
        }
        return complete ? labels : nil
    }

    // MARK: - Helpers shared by the kind rules

    private static func requiredString(_ object: Value, _ key: String, at path: FieldPath, into report: inout ValidationReport) -> String? {
        let fieldPath = path.appending(key)
        switch object[key] {
        case .string(let s) where !s.isEmpty: return s
        case nil, .null, .string: report.error(fieldPath, "required: a non-empty string")
        case let other?: report.error(fieldPath, "expected a string, found \(describe(other))")
        }
        return nil
    }

    /// A value as a message names it, quoting short strings only.
    static func describe(_ value: Value?) -> String {
        guard let value else { return "nothing" }
        switch value {
        case .null: return "null"
        case .bool(let b): return "boolean \(b)"
        case .int(let i): return "integer \(i)"
        case .double(let d): return "number \(d)"
        case .string(let s): return "string \(quote(s))"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }

    static func quote(_ s: String) -> String {
        let limit = 64
        let shown = s.count > limit ? String(s.prefix(limit)) + "…" : s
        var out = ""
        Value.writeJSONString(shown, into: &out)
        return out
    }

    static func supported(_ values: [String]) -> String {
        "supported values: " + values.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Reports an enum field whose value is not one of `allowed` (absent and "" pass unless required).
    static func checkEnum(
        _ value: Value?, _ allowed: [String], at path: @autoclosure () -> FieldPath, required: Bool = false,
        into report: inout ValidationReport
    ) {
        guard let text = value?.stringValue, !text.isEmpty else {
            if required, value?.stringValue != nil || value == nil || value == .null {
                report.error(path(), "required: \(supported(allowed))")
            }
            return
        }
        if !allowed.contains(text) { report.error(path(), "unsupported value \(quote(text)): \(supported(allowed))") }
    }

    static func checkNonNegative(_ value: Value?, at path: @autoclosure () -> FieldPath, into report: inout ValidationReport) {
        if let i = value?.intValue, i < 0 { report.error(path(), "must be greater than or equal to 0") }
    }

    static func checkPortNumber(
        _ value: Value?, at path: @autoclosure () -> FieldPath, required: Bool, into report: inout ValidationReport
    ) {
        guard let port = value?.intValue else {
            if required, value == nil || value == .null { report.error(path(), "required: a port number between 1 and 65535") }
            return
        }
        if port < 1 || port > 65535 { report.error(path(), "invalid value \(port): must be between 1 and 65535, inclusive") }
    }

    /// A port given by number (1–65535) or by a container port's IANA service name.
    static func checkPortNumberOrName(_ value: Value?, at path: @autoclosure () -> FieldPath, into report: inout ValidationReport) {
        switch value {
        case .int?: checkPortNumber(value, at: path(), required: true, into: &report)
        case .string(let name)?: report.reasons(path(), name, NameRules.ianaServiceName(name))
        case nil, .null?: report.error(path(), "required: a port number or name")
        default: break
        }
    }

    /// The list at `key`, or nil (and an empty list when absent); wrong types were reported by shape.
    static func list(_ object: Value?, _ key: String) -> [Value] {
        object?[key]?.arrayValue ?? []
    }
}

/// Fills in the defaults the Kubernetes API server sets, so a manifest that omits a default is
/// equal to the stored object that has it and shows no diff. Pure and idempotent; a value written
/// in the manifest is never replaced. Values of the wrong type are left alone for validation to
/// report.
public enum Defaulting {
    public static func apply(to object: inout Value, registry: KindRegistry = .builtIn) {
        guard object.objectValue != nil,
            let apiVersion = object["apiVersion"]?.stringValue,
            let kind = object["kind"]?.stringValue
        else { return }
        let info = registry.info(apiVersion: apiVersion, kind: kind)
        defaultNamespace(&object, isNamespaced: info?.isNamespaced ?? true)
        guard let info, info.apiVersion == apiVersion else { return }
        switch info.kind {
        case "Namespace": defaultNamespaceLabel(&object)
        case "Pod": defaultPod(&object)
        case "Deployment": defaultDeployment(&object)
        case "ReplicaSet": defaultReplicaSet(&object)
        case "Service": defaultService(&object)
        case "Secret": defaultSecret(&object)
        case "Endpoints": defaultEndpoints(&object)
        default: break
        }
    }

    /// Namespaced objects without a namespace go to `default`; cluster-scoped objects lose any
    /// namespace, as the API server clears it.
    private static func defaultNamespace(_ object: inout Value, isNamespaced: Bool) {
        object.modify("metadata") { metadata in
            let namespace = metadata["namespace"]
            if isNamespaced {
                if namespace == nil || namespace == .null || namespace == "" { metadata["namespace"] = "default" }
            } else if namespace != nil {
                metadata["namespace"] = nil
            }
        }
    }

    /// Since Kubernetes 1.21 every namespace carries `kubernetes.io/metadata.name: <name>`.
    private static func defaultNamespaceLabel(_ object: inout Value) {
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else { return }
        let labels = object[path: ["metadata", "labels"]]
        guard labels == nil || labels == .null || labels?.objectValue != nil else { return }
        if labels == .null { object[path: ["metadata", "labels"]] = .emptyObject }
        object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(name)
    }

    private static func defaultDeployment(_ object: inout Value) {
        modifyMapping(&object, "spec") { spec in
            setIfAbsent(&spec, "replicas", 1)
            modifyMapping(&spec, "strategy", creating: true) { strategy in
                setIfAbsent(&strategy, "type", "RollingUpdate")
                guard strategy["type"] == "RollingUpdate" else { return }
                if strategy["rollingUpdate"] == .null { strategy["rollingUpdate"] = .emptyObject }
                modifyMapping(&strategy, "rollingUpdate", creating: true) { rolling in
                    setIfAbsent(&rolling, "maxUnavailable", "25%")
                    setIfAbsent(&rolling, "maxSurge", "25%")
                }
            }
            setIfAbsent(&spec, "revisionHistoryLimit", 10)
            setIfAbsent(&spec, "progressDeadlineSeconds", 600)
            defaultTemplate(&spec)
        }
    }

    private static func defaultReplicaSet(_ object: inout Value) {
        modifyMapping(&object, "spec") { spec in
            setIfAbsent(&spec, "replicas", 1)
            defaultTemplate(&spec)
        }
    }

    private static func defaultTemplate(_ spec: inout Value) {
        spec.modify("template") { template in modifyMapping(&template, "spec", defaultPodSpec) }
    }

    private static func defaultPod(_ object: inout Value) {
        modifyMapping(&object, "spec", defaultPod(spec:))
    }

    private static func defaultPod(spec: inout Value) {
        defaultPodSpec(&spec)
        // Only Pods, not templates, get these (as in SetDefaults_Pod): a template change would
        // otherwise roll every Deployment on upgrade.
        for list in ["containers", "initContainers"] {
            mapItems(&spec, list) { container in
                guard var resources = container["resources"], let limits = resources["limits"]?.objectValue, !limits.isEmpty else { return }
                var requests = resources["requests"] ?? .emptyObject
                guard requests.objectValue != nil || requests == .null else { return }
                if requests == .null { requests = .emptyObject }
                for (name, limit) in limits where requests[name] == nil { requests[name] = limit }
                resources["requests"] = requests
                container["resources"] = resources
            }
        }
        setIfAbsent(&spec, "enableServiceLinks", true)
        if spec["hostNetwork"] == true {
            for list in ["containers", "initContainers"] {
                mapItems(&spec, list) { container in
                    mapItems(&container, "ports") { port in
                        if port["hostPort"] == nil || port["hostPort"] == 0, let containerPort = port["containerPort"]?.intValue {
                            port["hostPort"] = .int(containerPort)
                        }
                    }
                }
            }
        }
    }

    private static func defaultSecret(_ object: inout Value) {
        setIfAbsent(&object, "type", "Opaque")
        // The API server folds stringData into data (stringData wins) and never stores stringData.
        guard let stringData = object["stringData"] else { return }
        guard let fields = stringData.objectValue, fields.allSatisfy({ $0.value.stringValue != nil }) else {
            if stringData == .null { object["stringData"] = nil }
            return
        }
        var data = object["data"] ?? .emptyObject
        if data == .null { data = .emptyObject }
        guard data.objectValue != nil else { return }
        for (key, value) in fields { data[key] = .string(Base64.encode(Array(value.stringValue!.utf8))) }
        object["data"] = data
        object["stringData"] = nil
    }

    private static func defaultEndpoints(_ object: inout Value) {
        mapItems(&object, "subsets") { subset in
            mapItems(&subset, "ports") { port in setIfAbsent(&port, "protocol", "TCP") }
        }
    }

    // MARK: - Helpers

    // Each helper changes a field where it stands, so no mapping or list is copied on the way.

    /// Sets `key` when it is absent, null or an empty string (Go's zero values for these fields).
    static func setIfAbsent(_ object: inout Value, _ key: String, _ value: Value) {
        object.modify(key, default: value) { current in
            switch current {
            case .null, .string(""): current = value
            default: break
            }
        }
    }

    /// Applies `body` to the mapping at `key`; with `creating`, an absent field is first set to an
    /// empty mapping. A field of another type is left alone.
    static func modifyMapping(_ object: inout Value, _ key: String, creating: Bool = false, _ body: (inout Value) -> Void) {
        let modifyIfMapping = { (value: inout Value) in
            if value.objectValue != nil { body(&value) }
        }
        if creating {
            object.modify(key, default: .emptyObject, modifyIfMapping)
        } else {
            object.modify(key, modifyIfMapping)
        }
    }

    /// Applies `body` to each mapping in the list at `key`, leaving other items as they are.
    static func mapItems(_ object: inout Value, _ key: String, _ body: (inout Value) -> Void) {
        object.modify(key) { list in
            guard case .array(var items) = list else { return }
            list = .null  // release the payload so the items are changed without a copy
            for i in items.indices where items[i].objectValue != nil { body(&items[i]) }
            list = .array(items)
        }
    }
}

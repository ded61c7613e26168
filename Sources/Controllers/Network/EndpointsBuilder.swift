import Resources

/// Kubernetes' endpoints controller (`pkg/controller/endpoint`) for one Service, as a pure function.
///
/// Pods in the service's namespace matched by its selector, with a pod IP, not Succeeded/Failed and
/// not terminating (unless `publishNotReadyAddresses`), become addresses: Ready pods in `addresses`,
/// the rest in `notReadyAddresses` (all in `addresses` with `publishNotReadyAddresses`). Each service
/// port resolves per pod: a number is used as is; a name is looked up among the pod's container
/// ports (and sidecars') with the same protocol, and a pod without it is left out of that port.
/// Subsets are then repacked so addresses offering the same ports share one subset.
public enum EndpointsBuilder {
    /// Whether a Service's selector picks pods with these labels (one without a selector picks none).
    public static func selects(_ service: Value, labels: [String: String]) -> Bool {
        selector(of: service)?.matches(labels: labels) ?? false
    }

    /// The selector of a Service, nil when it has none (or an empty one, which the API server
    /// stores as none).
    public static func selector(of service: Value) -> LabelSelector? {
        guard let fields = service[path: ["spec", "selector"]]?.objectValue, !fields.isEmpty else { return nil }
        var labels: [String: String] = [:]
        for (key, value) in fields { labels[key] = value.stringValue ?? "" }
        return LabelSelector(matchLabels: labels)
    }

    /// nil for a service without a selector (or an empty one, which the API server stores as none):
    /// its Endpoints are managed by hand and left alone.
    public static func endpoints(for service: Value, pods: [Value]) -> Value? {
        guard let selector = selector(of: service) else { return nil }
        let namespace = service[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        let publishNotReady = service[path: ["spec", "publishNotReadyAddresses"]]?.boolValue ?? false
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        let headless = service[path: ["spec", "clusterIP"]]?.stringValue == "None"
        var entries: [EndpointEntry] = []
        for pod in pods {
            guard (pod[path: ["metadata", "namespace"]]?.stringValue ?? "default") == namespace,
                selector.matches(labels: PodState.labels(pod)), shouldInclude(pod, publishNotReady: publishNotReady),
                let address = address(of: pod, service: service)
            else { continue }
            let ready = publishNotReady || PodState.isReady(pod)
            if ports.isEmpty {
                if headless { entries.append(EndpointEntry(address: address, ready: ready, port: nil)) }
                continue
            }
            for port in ports {
                guard let number = resolve(port, in: pod) else { continue }
                var endpointPort: Fields = ["port": .int(number), "protocol": port["protocol"] ?? "TCP"]
                if let name = port["name"]?.stringValue, !name.isEmpty { endpointPort["name"] = .string(name) }
                if let appProtocol = port["appProtocol"] { endpointPort["appProtocol"] = appProtocol }
                entries.append(EndpointEntry(address: address, ready: ready, port: .object(endpointPort)))
            }
        }
        return object(for: service, subsets: EndpointSubsets.repack(entries), headless: headless)
    }

    /// `ShouldPodBeInEndpoints`: not terminal, has an IP, not terminating unless not-ready addresses
    /// are published.
    static func shouldInclude(_ pod: Value, publishNotReady: Bool) -> Bool {
        guard !PodState.isTerminal(pod) else { return false }
        guard !(pod[path: ["status", "podIP"]]?.stringValue ?? "").isEmpty else { return false }
        return publishNotReady || !PodState.isTerminating(pod)
    }

    static func address(of pod: Value, service: Value) -> Value? {
        guard let ip = pod[path: ["status", "podIP"]]?.stringValue else { return nil }
        var fields: Fields = ["ip": .string(ip)]
        let hostname = pod[path: ["spec", "hostname"]]?.stringValue ?? ""
        if !hostname.isEmpty, pod[path: ["spec", "subdomain"]]?.stringValue == service[path: ["metadata", "name"]]?.stringValue {
            fields["hostname"] = .string(hostname)
        }
        if let node = pod[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty { fields["nodeName"] = .string(node) }
        var ref: Fields = ["kind": "Pod"]
        ref["namespace"] = pod[path: ["metadata", "namespace"]] ?? "default"
        ref["name"] = pod[path: ["metadata", "name"]] ?? ""
        if let uid = pod[path: ["metadata", "uid"]] { ref["uid"] = uid }
        fields["targetRef"] = .object(ref)
        return .object(fields)
    }

    /// `FindPort`: a numeric targetPort as is; a named one from the containers' ports, then the
    /// sidecars', matching name and protocol; nil when the pod has no such port.
    static func resolve(_ servicePort: Value, in pod: Value) -> Int64? {
        switch servicePort["targetPort"] {
        case .int(let number)? where number != 0: return number
        case .string(let name)? where !name.isEmpty:
            let proto = servicePort["protocol"]?.stringValue ?? "TCP"
            let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
            let sidecars = (pod[path: ["spec", "initContainers"]]?.arrayValue ?? []).filter { $0["restartPolicy"]?.stringValue == "Always" }
            for container in containers + sidecars {
                for port in container["ports"]?.arrayValue ?? []
                where port["name"]?.stringValue == name && (port["protocol"]?.stringValue ?? "TCP") == proto {
                    return port["containerPort"]?.intValue
                }
            }
            return nil
        default:
            return servicePort["port"]?.intValue
        }
    }

    private static func object(for service: Value, subsets: [Value], headless: Bool) -> Value {
        var metadata: Fields = [
            "name": service[path: ["metadata", "name"]] ?? "",
            "namespace": service[path: ["metadata", "namespace"]] ?? "default",
        ]
        var labels = service[path: ["metadata", "labels"]]?.objectValue ?? Fields()
        if headless { labels["service.kubernetes.io/headless"] = "" }
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        var out: Fields = ["apiVersion": "v1", "kind": "Endpoints", "metadata": .object(metadata)]
        if !subsets.isEmpty { out["subsets"] = .array(subsets) }
        return .object(out)
    }
}

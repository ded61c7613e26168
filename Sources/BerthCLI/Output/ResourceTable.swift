import FoundationEssentials
import Resources

/// The columns kubectl shows for each kind, from the stored objects.
enum ResourceTable {
    static func table(for kind: String, objects: [Value], wide: Bool, now: Date) -> Table {
        let spec = columns(for: kind, wide: wide)
        var table = Table(["NAME"] + spec.map(\.0) + ["AGE"] + (wide ? wideColumns(for: kind).map(\.0) : []))
        for object in objects {
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            let age = Age.since(object[path: ["metadata", "creationTimestamp"]]?.stringValue, now: now)
            let extra = wide ? wideColumns(for: kind).map { $0.1(object) } : []
            table.append([name] + spec.map { $0.1(object) } + [age] + extra)
        }
        return table
    }

    static func withNamespaceColumn(_ table: Table, objects: [Value]) -> Table {
        var result = Table(["NAMESPACE"] + table.headers)
        for (row, object) in zip(table.rows, objects) {
            result.append([object[path: ["metadata", "namespace"]]?.stringValue ?? ""] + row)
        }
        return result
    }

    typealias Column = (String, (Value) -> String)

    private static func int(_ value: Value?, _ fallback: Int64 = 0) -> Int64 { value?.intValue ?? fallback }

    private static func columns(for kind: String, wide: Bool) -> [Column] {
        switch kind {
        case "Deployment":
            return [
                ("READY", { "\(int($0[path: ["status", "readyReplicas"]]))/\(int($0[path: ["spec", "replicas"]], 1))" }),
                ("UP-TO-DATE", { "\(int($0[path: ["status", "updatedReplicas"]]))" }),
                ("AVAILABLE", { "\(int($0[path: ["status", "availableReplicas"]]))" }),
            ]
        case "ReplicaSet":
            return [
                ("DESIRED", { "\(int($0[path: ["spec", "replicas"]], 1))" }),
                ("CURRENT", { "\(int($0[path: ["status", "replicas"]]))" }),
                ("READY", { "\(int($0[path: ["status", "readyReplicas"]]))" }),
            ]
        case "Pod":
            return [
                ("READY", { pod in
                    let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
                    let total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
                    return "\(statuses.filter { $0["ready"]?.boolValue == true }.count)/\(total)"
                }),
                ("STATUS", { $0[path: ["status", "phase"]]?.stringValue ?? "Pending" }),
                ("RESTARTS", { pod in
                    let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
                    return "\(statuses.reduce(Int64(0)) { $0 + int($1["restartCount"]) })"
                }),
            ]
        case "Service":
            return [
                ("TYPE", { $0[path: ["spec", "type"]]?.stringValue ?? "ClusterIP" }),
                ("CLUSTER-IP", { $0[path: ["spec", "clusterIP"]]?.stringValue ?? "<pending>" }),
                ("EXTERNAL-IP", { service in
                    let ingress = (service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
                    if !ingress.isEmpty { return ingress.joined(separator: ",") }
                    return service[path: ["spec", "type"]] == "LoadBalancer" ? "<pending>" : "<none>"
                }),
                ("PORT(S)", { servicePorts($0) }),
            ]
        case "ConfigMap":
            return [("DATA", { "\(($0["data"]?.objectValue?.count ?? 0) + ($0["binaryData"]?.objectValue?.count ?? 0))" })]
        case "Secret":
            return [
                ("TYPE", { $0["type"]?.stringValue ?? "Opaque" }),
                ("DATA", { "\($0["data"]?.objectValue?.count ?? 0)" }),
            ]
        case "Namespace":
            return [("STATUS", { $0[path: ["status", "phase"]]?.stringValue ?? "Active" })]
        case "Endpoints":
            return [("ENDPOINTS", { endpoints($0) })]
        case "Node":
            return [
                ("STATUS", { node in
                    let ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"] == "Ready" }
                    var status = ready?["status"]?.stringValue == "True" ? "Ready" : "NotReady"
                    if node[path: ["spec", "unschedulable"]]?.boolValue == true { status += ",SchedulingDisabled" }
                    return status
                }),
                ("ROLES", { _ in "<none>" }),
            ]
        case "ServiceAccount":
            return [("SECRETS", { "\($0["secrets"]?.arrayValue?.count ?? 0)" })]
        default:
            return []
        }
    }

    private static func wideColumns(for kind: String) -> [Column] {
        switch kind {
        case "Deployment", "ReplicaSet":
            return [
                ("CONTAINERS", { containers($0, "name") }),
                ("IMAGES", { containers($0, "image") }),
                ("SELECTOR", { selector($0[path: ["spec", "selector", "matchLabels"]]) }),
            ]
        case "Service":
            return [("SELECTOR", { selector($0[path: ["spec", "selector"]]) })]
        case "Pod":
            return [
                ("IP", { $0[path: ["status", "podIP"]]?.stringValue ?? "<none>" }),
                ("NODE", { $0[path: ["spec", "nodeName"]]?.stringValue ?? "<none>" }),
            ]
        default:
            return []
        }
    }

    private static func containers(_ object: Value, _ field: String) -> String {
        let list = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        return list.compactMap { $0[field]?.stringValue }.joined(separator: ",")
    }

    private static func selector(_ labels: Value?) -> String {
        guard let fields = labels?.objectValue, !fields.isEmpty else { return "<none>" }
        return fields.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
    }

    private static func servicePorts(_ service: Value) -> String {
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        guard !ports.isEmpty else { return "<none>" }
        return ports.map { port in
            let number = port["port"]?.intValue.map(String.init) ?? "?"
            let node = port["nodePort"]?.intValue.map { ":\($0)" } ?? ""
            return "\(number)\(node)/\(port["protocol"]?.stringValue ?? "TCP")"
        }.joined(separator: ",")
    }

    private static func endpoints(_ object: Value) -> String {
        var out: [String] = []
        for subset in object["subsets"]?.arrayValue ?? [] {
            let ports = (subset["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
            for address in subset["addresses"]?.arrayValue ?? [] {
                let ip = address["ip"]?.stringValue ?? "?"
                out += ports.isEmpty ? [ip] : ports.map { "\(ip):\($0)" }
            }
        }
        return out.isEmpty ? "<none>" : out.joined(separator: ",")
    }
}

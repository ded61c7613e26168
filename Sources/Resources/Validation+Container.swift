/// Rules of one container: name, image, ports, environment, resources, probes, mounts.
extension Validation {
    static let protocols = ["SCTP", "TCP", "UDP"]

    static func checkContainer(
        _ container: Value, at path: FieldPath, isInit: Bool, volumes: Set<String>, names: inout Set<String>,
        into report: inout ValidationReport
    ) {
        guard container.objectValue != nil else { return }
        if let name = container["name"]?.stringValue, !name.isEmpty {
            report.reasons(path.appending("name"), name, NameRules.dns1123Label(name))
            if !names.insert(name).inserted { report.error(path.appending("name"), "duplicate value \(quote(name))") }
        } else {
            report.error(path.appending("name"), "required: a container name")
        }
        if container["image"]?.stringValue?.isEmpty ?? (container["image"] == nil || container["image"] == .null) {
            report.error(path.appending("image"), "required: the image to run")
        }
        let isSidecar = container["restartPolicy"]?.stringValue == "Always"
        if isInit {
            checkEnum(container["restartPolicy"], ["Always"], at: path.appending("restartPolicy"), into: &report)
        } else if let policy = container["restartPolicy"], !policy.isNull {
            report.error(path.appending("restartPolicy"), "may not be set for non-init containers")
        }
        checkEnum(container["imagePullPolicy"], ["Always", "IfNotPresent", "Never"], at: path.appending("imagePullPolicy"), into: &report)
        checkEnum(container["terminationMessagePolicy"], ["File", "FallbackToLogsOnError"], at: path.appending("terminationMessagePolicy"), into: &report)
        checkPorts(list(container, "ports"), at: path.appending("ports"), into: &report)
        checkEnv(list(container, "env"), at: path.appending("env"), into: &report)
        for (i, source) in list(container, "envFrom").enumerated() {
            let sources = ["configMapRef", "secretRef"].filter { source[$0] != nil && source[$0] != .null }
            if sources.count != 1 {
                report.error(path.appending("envFrom").appending(index: i), "must specify exactly one of: `configMapRef` or `secretRef`")
            }
        }
        if let resources = container["resources"] { checkResources(resources, at: path.appending("resources"), into: &report) }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard let value = container[probe], !value.isNull else { continue }
            if isInit && !isSidecar {
                report.error(path.appending(probe), "may not be set for init containers without restartPolicy=Always")
                continue
            }
            checkProbe(value, named: probe, at: path.appending(probe), into: &report)
        }
        for hook in ["postStart", "preStop"] {
            if let handler = container[path: ["lifecycle", hook]], !handler.isNull {
                checkHandler(handler, at: path.appending("lifecycle").appending(hook), into: &report)
            }
        }
        checkMounts(list(container, "volumeMounts"), at: path.appending("volumeMounts"), volumes: volumes, into: &report)
        if let profile = container[path: ["securityContext", "seccompProfile"]] {
            checkSeccomp(profile, at: path.appending("securityContext").appending("seccompProfile"), into: &report)
        }
    }

    private static func checkPorts(_ ports: [Value], at path: FieldPath, into report: inout ValidationReport) {
        var names: Set<String> = []
        for (i, port) in ports.enumerated() {
            let itemPath = path.appending(index: i)
            guard port.objectValue != nil else { continue }
            if let name = port["name"]?.stringValue, !name.isEmpty {
                report.reasons(itemPath.appending("name"), name, NameRules.ianaServiceName(name))
                if !names.insert(name).inserted { report.error(itemPath.appending("name"), "duplicate value \(quote(name))") }
            }
            checkPortNumber(port["containerPort"], at: itemPath.appending("containerPort"), required: true, into: &report)
            if let hostPort = port["hostPort"]?.intValue, hostPort != 0 {
                checkPortNumber(port["hostPort"], at: itemPath.appending("hostPort"), required: false, into: &report)
            }
            checkEnum(port["protocol"], protocols, at: itemPath.appending("protocol"), into: &report)
        }
    }

    private static func checkEnv(_ env: [Value], at path: FieldPath, into report: inout ValidationReport) {
        for (i, variable) in env.enumerated() {
            let itemPath = path.appending(index: i)
            guard variable.objectValue != nil else { continue }
            if let name = variable["name"]?.stringValue, !name.isEmpty {
                report.reasons(itemPath.appending("name"), name, NameRules.envVarName(name))
            } else {
                report.error(itemPath.appending("name"), "required: a variable name")
            }
            guard let from = variable["valueFrom"], from.objectValue != nil else { continue }
            let fromPath = itemPath.appending("valueFrom")
            if let value = variable["value"]?.stringValue, !value.isEmpty {
                report.error(fromPath, "may not be specified when `value` is not empty")
            }
            let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"].filter {
                from[$0] != nil && from[$0] != .null
            }
            if sources.count != 1 {
                report.error(fromPath, "must specify exactly one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")
            }
            if let fieldRef = from["fieldRef"], fieldRef["fieldPath"]?.stringValue?.isEmpty ?? true {
                report.error(fromPath.appending("fieldRef").appending("fieldPath"), "required: the field to expose, such as metadata.name")
            }
            if let resourceRef = from["resourceFieldRef"], resourceRef["resource"]?.stringValue?.isEmpty ?? true {
                report.error(fromPath.appending("resourceFieldRef").appending("resource"), "required: the resource to expose, such as limits.cpu")
            }
            for ref in ["configMapKeyRef", "secretKeyRef"] {
                guard let selector = from[ref], selector.objectValue != nil else { continue }
                let keyPath = fromPath.appending(ref).appending("key")
                if let key = selector["key"]?.stringValue, !key.isEmpty {
                    report.reasons(keyPath, key, NameRules.configMapKey(key))
                } else {
                    report.error(keyPath, "required: the key to read")
                }
            }
        }
    }

    /// Quantities parse (the shape check says so when not), are not negative, and each request is
    /// at most its limit.
    static func checkResources(_ resources: Value, at path: FieldPath, into report: inout ValidationReport) {
        var limits: [(name: String, quantity: Quantity)] = []
        var requests: [(name: String, quantity: Quantity)] = []
        for list in ["limits", "requests"] {
            guard let fields = resources[list]?.objectValue else { continue }
            for (name, value) in fields {
                report.reasons(path.appending(list).appending(name), name, NameRules.qualifiedName(name), quoting: false)
                guard let quantity = try? Quantity(value: value) else { continue }
                if quantity.sign < 0 { report.error(path.appending(list).appending(name), "must be greater than or equal to 0") }
                if list == "limits" { limits.append((name, quantity)) } else { requests.append((name, quantity)) }
            }
        }
        for (name, request) in requests {
            guard let limit = limits.first(where: { $0.name == name })?.quantity, request > limit else { continue }
            report.error(
                path.appending("requests").appending(name),
                "invalid value \(quote(request.canonical)): must be less than or equal to \(name) limit of \(limit.canonical)")
        }
    }

    private static func checkProbe(_ probe: Value, named name: String, at path: FieldPath, into report: inout ValidationReport) {
        guard probe.objectValue != nil else { return }
        checkHandler(probe, at: path, into: &report, allowGRPC: true, allowSleep: false)
        for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            checkNonNegative(probe[field], at: path.appending(field), into: &report)
        }
        if name != "readinessProbe", let threshold = probe["successThreshold"]?.intValue, threshold != 1 {
            report.error(path.appending("successThreshold"), "invalid value \(threshold): must be 1")
        }
        if name == "readinessProbe", probe["terminationGracePeriodSeconds"] != nil {
            report.error(path.appending("terminationGracePeriodSeconds"), "must not be set for readinessProbes")
        }
        if let grace = probe["terminationGracePeriodSeconds"]?.intValue, grace < 1 {
            report.error(path.appending("terminationGracePeriodSeconds"), "must be greater than 0")
        }
    }

    static let handlerKinds = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"]

    /// A probe or lifecycle hook names exactly one way to act: exec, httpGet, tcpSocket, grpc, sleep.
    private static func checkHandler(
        _ handler: Value, at path: FieldPath, into report: inout ValidationReport, allowGRPC: Bool = false, allowSleep: Bool = true
    ) {
        let allowed = { (kind: String) in (kind != "grpc" || allowGRPC) && (kind != "sleep" || allowSleep) }
        var present = 0
        for kind in handlerKinds where allowed(kind) {
            guard let value = handler[kind], !value.isNull else { continue }
            present += 1
            if present == 2 { report.error(path.appending(kind), "may not specify more than 1 handler type") }
        }
        if present == 0 {
            let kinds = handlerKinds.filter(allowed).joined(separator: ", ")
            report.error(path, "must specify a handler type (one of \(kinds))")
        }
        if let get = handler["httpGet"], get.objectValue != nil {
            checkPortNumberOrName(get["port"], at: path.appending("httpGet").appending("port"), into: &report)
            checkEnum(get["scheme"], ["HTTP", "HTTPS"], at: path.appending("httpGet").appending("scheme"), into: &report)
        }
        if let socket = handler["tcpSocket"], socket.objectValue != nil {
            checkPortNumberOrName(socket["port"], at: path.appending("tcpSocket").appending("port"), into: &report)
        }
        if let grpc = handler["grpc"], grpc.objectValue != nil {
            checkPortNumber(grpc["port"], at: path.appending("grpc").appending("port"), required: true, into: &report)
        }
        if let exec = handler["exec"], exec.objectValue != nil, list(exec, "command").isEmpty {
            report.error(path.appending("exec").appending("command"), "required: the command to run")
        }
    }

    private static func checkMounts(_ mounts: [Value], at path: FieldPath, volumes: Set<String>, into report: inout ValidationReport) {
        var mountPaths: Set<String> = []
        for (i, mount) in mounts.enumerated() {
            let itemPath = path.appending(index: i)
            guard mount.objectValue != nil else { continue }
            if let name = mount["name"]?.stringValue, !name.isEmpty {
                if !volumes.contains(name) {
                    report.error(itemPath.appending("name"), "not found: no volume named \(quote(name)) in the pod's volumes")
                }
            } else {
                report.error(itemPath.appending("name"), "required: the name of a volume")
            }
            if let mountPath = mount["mountPath"]?.stringValue, !mountPath.isEmpty {
                if !mountPaths.insert(mountPath).inserted { report.error(itemPath.appending("mountPath"), "must be unique") }
            } else {
                report.error(itemPath.appending("mountPath"), "required: where to mount the volume")
            }
            checkEnum(mount["mountPropagation"], ["None", "HostToContainer", "Bidirectional"], at: itemPath.appending("mountPropagation"), into: &report)
        }
    }
}

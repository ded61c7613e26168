/// Rules of Namespaces, Nodes, Endpoints and ServiceAccounts.
extension Validation {
    static func checkNamespace(_ object: Value, into report: inout ValidationReport) {
        for (i, finalizer) in list(object["spec"], "finalizers").enumerated() {
            if let name = finalizer.stringValue {
                report.reasons(FieldPath(keys: "spec", "finalizers").appending(index: i), name, NameRules.qualifiedName(name))
            }
        }
    }

    static func checkNode(_ object: Value, into report: inout ValidationReport) {
        guard let spec = object["spec"], spec.objectValue != nil else { return }
        let path = FieldPath(keys: "spec")
        var seen: Set<String> = []
        for (i, taint) in list(spec, "taints").enumerated() {
            let itemPath = path.appending("taints").appending(index: i)
            guard taint.objectValue != nil else { continue }
            let key = taint["key"]?.stringValue ?? ""
            if key.isEmpty {
                report.error(itemPath.appending("key"), "required: a taint key")
            } else {
                report.reasons(itemPath.appending("key"), key, NameRules.qualifiedName(key))
            }
            if let value = taint["value"]?.stringValue {
                report.reasons(itemPath.appending("value"), value, NameRules.labelValue(value))
            }
            checkEnum(taint["effect"], ["NoSchedule", "PreferNoSchedule", "NoExecute"], at: itemPath.appending("effect"), required: true, into: &report)
            let identity = key + "\u{0}" + (taint["effect"]?.stringValue ?? "")
            if !seen.insert(identity).inserted {
                report.error(itemPath, "taints must be unique by key and effect pair")
            }
        }
        var cidrs = list(spec, "podCIDRs").enumerated().map { (path.appending("podCIDRs").appending(index: $0.offset), $0.element) }
        if let cidr = spec["podCIDR"] { cidrs.append((path.appending("podCIDR"), cidr)) }
        for (cidrPath, value) in cidrs {
            if let text = value.stringValue, !text.isEmpty, !IPAddress.isValidCIDR(text) {
                report.error(cidrPath, "invalid value \(quote(text)): must be a valid CIDR such as 10.244.0.0/24")
            }
        }
    }

    static func checkEndpoints(_ object: Value, into report: inout ValidationReport) {
        for (s, subset) in list(object, "subsets").enumerated() {
            let path = FieldPath(keys: "subsets").appending(index: s)
            for field in ["addresses", "notReadyAddresses"] {
                for (i, address) in list(subset, field).enumerated() {
                    let ipPath = path.appending(field).appending(index: i).appending("ip")
                    let ip = address["ip"]?.stringValue ?? ""
                    if ip.isEmpty {
                        report.error(ipPath, "required: the endpoint's IP address")
                    } else if !IPAddress.isValid(ip) {
                        report.error(ipPath, "invalid value \(quote(ip)): must be a valid IP address")
                    }
                    if let node = address["nodeName"]?.stringValue, !node.isEmpty {
                        report.reasons(path.appending(field).appending(index: i).appending("nodeName"), node, NameRules.dns1123Subdomain(node))
                    }
                }
            }
            let ports = list(subset, "ports")
            var names: Set<String> = []
            for (i, port) in ports.enumerated() {
                let portPath = path.appending("ports").appending(index: i)
                if let name = port["name"]?.stringValue, !name.isEmpty {
                    report.reasons(portPath.appending("name"), name, NameRules.dns1123Label(name))
                    if !names.insert(name).inserted { report.error(portPath.appending("name"), "duplicate value \(quote(name))") }
                } else if ports.count > 1 {
                    report.error(portPath.appending("name"), "required: every port needs a name when there is more than one")
                }
                checkPortNumber(port["port"], at: portPath.appending("port"), required: true, into: &report)
                checkEnum(port["protocol"], protocols, at: portPath.appending("protocol"), into: &report)
            }
        }
    }

    static func checkServiceAccount(_ object: Value, into report: inout ValidationReport) {
        for field in ["secrets", "imagePullSecrets"] {
            for (i, reference) in list(object, field).enumerated() {
                if let name = reference["name"]?.stringValue, !name.isEmpty {
                    report.reasons(FieldPath(keys: field).appending(index: i).appending("name"), name, NameRules.dns1123Subdomain(name))
                }
            }
        }
    }
}

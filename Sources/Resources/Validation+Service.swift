/// Rules of Services: type, ports, target ports, node ports, selector, affinity and traffic policy.
extension Validation {
    static let nodePortRange: ClosedRange<Int64> = 30000...32767

    static func checkService(_ object: Value, into report: inout ValidationReport) {
        let path = FieldPath(keys: "spec")
        guard let spec = object["spec"], spec.objectValue != nil else {
            report.error(path, "required: a service needs a spec with ports")
            return
        }
        let types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]
        checkEnum(spec["type"], types, at: path.appending("type"), into: &report)
        let type = spec["type"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "ClusterIP"
        let clusterIP = spec["clusterIP"]?.stringValue ?? ""
        let isHeadless = clusterIP == "None"
        if !clusterIP.isEmpty, !isHeadless, !IPAddress.isValid(clusterIP) {
            report.error(path.appending("clusterIP"), "invalid value \(quote(clusterIP)): must be empty, 'None', or a valid IP address")
        }

        if type == "ExternalName" {
            let externalName = spec["externalName"]?.stringValue ?? ""
            if externalName.isEmpty {
                report.error(path.appending("externalName"), "required: the DNS name this service aliases")
            } else {
                report.reasons(path.appending("externalName"), externalName, NameRules.dns1123Subdomain(externalName))
            }
        }

        let ports = list(spec, "ports")
        if ports.isEmpty && type != "ExternalName" && !isHeadless {
            report.error(path.appending("ports"), "required: at least one port (or clusterIP: None for a headless service)")
        }
        var names: Set<String> = []
        for (i, port) in ports.enumerated() {
            checkServicePort(port, at: path.appending("ports").appending(index: i), type: type, requireName: ports.count > 1, names: &names, into: &report)
        }

        if let selector = spec["selector"] { checkLabels(selector, at: path.appending("selector"), into: &report) }
        checkEnum(spec["sessionAffinity"], ["ClientIP", "None"], at: path.appending("sessionAffinity"), into: &report)
        if let timeout = spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]]?.intValue,
            timeout < 1 || timeout > 86400
        {
            report.error(
                path.appending("sessionAffinityConfig").appending("clientIP").appending("timeoutSeconds"),
                "invalid value \(timeout): must be greater than 0 and less than 86400")
        }
        let policies = ["Cluster", "Local"]
        checkEnum(spec["internalTrafficPolicy"], policies, at: path.appending("internalTrafficPolicy"), into: &report)
        checkEnum(spec["externalTrafficPolicy"], policies, at: path.appending("externalTrafficPolicy"), into: &report)
        let externallyAccessible = type == "NodePort" || type == "LoadBalancer" || !list(spec, "externalIPs").isEmpty
        if let policy = spec["externalTrafficPolicy"]?.stringValue, !policy.isEmpty, !externallyAccessible {
            report.error(path.appending("externalTrafficPolicy"), "may only be set for externally-accessible services")
        }
        for (i, ip) in list(spec, "externalIPs").enumerated() {
            if let text = ip.stringValue, !IPAddress.isValid(text) {
                report.error(path.appending("externalIPs").appending(index: i), "invalid value \(quote(text)): must be a valid IP address")
            }
        }
    }

    private static func checkServicePort(
        _ port: Value, at path: FieldPath, type: String, requireName: Bool, names: inout Set<String>, into report: inout ValidationReport
    ) {
        guard port.objectValue != nil else { return }
        if let name = port["name"]?.stringValue, !name.isEmpty {
            report.reasons(path.appending("name"), name, NameRules.dns1123Label(name))
            if !names.insert(name).inserted { report.error(path.appending("name"), "duplicate value \(quote(name))") }
        } else if requireName {
            report.error(path.appending("name"), "required: every port needs a name when a service has more than one")
        }
        checkPortNumber(port["port"], at: path.appending("port"), required: true, into: &report)
        checkEnum(port["protocol"], protocols, at: path.appending("protocol"), into: &report)
        switch port["targetPort"] {
        case .int(let target)?:
            if target != 0 { checkPortNumber(.int(target), at: path.appending("targetPort"), required: false, into: &report) }
        case .string(let name)? where !name.isEmpty:
            report.reasons(path.appending("targetPort"), name, NameRules.ianaServiceName(name))
        default: break
        }
        if let nodePort = port["nodePort"]?.intValue, nodePort != 0 {
            if type != "NodePort" && type != "LoadBalancer" {
                report.error(path.appending("nodePort"), "may not be used when `type` is '\(type)'")
            } else if !nodePortRange.contains(nodePort) {
                report.error(
                    path.appending("nodePort"),
                    "invalid value \(nodePort): provided port is not in the valid range. The range of valid ports is \(nodePortRange.lowerBound)-\(nodePortRange.upperBound)")
            }
        }
    }
}

/// Rules of the pod spec, shared by Pods and the templates of Deployments and ReplicaSets.
extension Validation {
    static func checkPodSpec(_ spec: Value, at path: FieldPath, into report: inout ValidationReport) {
        guard spec.objectValue != nil else { return }
        let volumeNames = checkVolumes(list(spec, "volumes"), at: path.appending("volumes"), into: &report)

        let containers = list(spec, "containers")
        if containers.isEmpty {
            report.error(path.appending("containers"), "required: a pod needs at least one container")
        }
        var names: Set<String> = []
        let initPath = path.appending("initContainers")
        for (i, container) in list(spec, "initContainers").enumerated() {
            checkContainer(container, at: initPath.appending(index: i), isInit: true, volumes: volumeNames, names: &names, into: &report)
        }
        let containersPath = path.appending("containers")
        for (i, container) in containers.enumerated() {
            checkContainer(container, at: containersPath.appending(index: i), isInit: false, volumes: volumeNames, names: &names, into: &report)
        }

        checkEnum(spec["restartPolicy"], ["Always", "OnFailure", "Never"], at: path.appending("restartPolicy"), into: &report)
        checkEnum(spec["dnsPolicy"], ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"], at: path.appending("dnsPolicy"), into: &report)
        checkNonNegative(spec["terminationGracePeriodSeconds"], at: path.appending("terminationGracePeriodSeconds"), into: &report)
        if let deadline = spec["activeDeadlineSeconds"]?.intValue, deadline < 1 {
            report.error(path.appending("activeDeadlineSeconds"), "must be greater than or equal to 1")
        }
        for key in ["serviceAccountName", "serviceAccount"] {
            if let name = spec[key]?.stringValue, !name.isEmpty {
                report.reasons(path.appending(key), name, NameRules.dns1123Subdomain(name))
            }
        }
        if let selector = spec["nodeSelector"] { checkLabels(selector, at: path.appending("nodeSelector"), into: &report) }
        for (i, toleration) in list(spec, "tolerations").enumerated() {
            checkToleration(toleration, at: path.appending("tolerations").appending(index: i), into: &report)
        }
        if let affinity = spec["affinity"] { checkAffinity(affinity, at: path.appending("affinity"), into: &report) }
        for (i, constraint) in list(spec, "topologySpreadConstraints").enumerated() {
            checkSpreadConstraint(constraint, at: path.appending("topologySpreadConstraints").appending(index: i), into: &report)
        }
        if let profile = spec[path: ["securityContext", "seccompProfile"]] {
            checkSeccomp(profile, at: path.appending("securityContext").appending("seccompProfile"), into: &report)
        }
    }

    /// Checks the volumes and returns their names, so volume mounts can be matched against them.
    private static func checkVolumes(_ volumes: [Value], at path: FieldPath, into report: inout ValidationReport) -> Set<String> {
        var names: Set<String> = []
        for (i, volume) in volumes.enumerated() {
            let itemPath = path.appending(index: i)
            guard let fields = volume.objectValue else { continue }
            if let name = volume["name"]?.stringValue, !name.isEmpty {
                report.reasons(itemPath.appending("name"), name, NameRules.dns1123Label(name))
                if !names.insert(name).inserted { report.error(itemPath.appending("name"), "duplicate value \(quote(name))") }
            } else {
                report.error(itemPath.appending("name"), "required: a volume name")
            }
            let sources = fields.keys.filter { $0 != "name" && fields[$0]?.isNull == false }
            if sources.count > 1 {
                report.error(itemPath, "may not specify more than 1 volume type, found \(sources.sorted().joined(separator: ", "))")
            }
            if let configMap = volume["configMap"] {
                requireName(configMap["name"], at: itemPath.appending("configMap").appending("name"), into: &report)
                checkFileMode(configMap["defaultMode"], at: itemPath.appending("configMap").appending("defaultMode"), into: &report)
            }
            if let secret = volume["secret"] {
                requireName(secret["secretName"], at: itemPath.appending("secret").appending("secretName"), into: &report)
                checkFileMode(secret["defaultMode"], at: itemPath.appending("secret").appending("defaultMode"), into: &report)
            }
            if let claim = volume["persistentVolumeClaim"] {
                requireName(claim["claimName"], at: itemPath.appending("persistentVolumeClaim").appending("claimName"), into: &report)
            }
            if let hostPath = volume["hostPath"], hostPath["path"]?.stringValue?.isEmpty ?? true {
                report.error(itemPath.appending("hostPath").appending("path"), "required: the path on the node")
            }
        }
        return names
    }

    static func requireName(_ value: Value?, at path: FieldPath, into report: inout ValidationReport) {
        if value?.stringValue?.isEmpty ?? (value == nil || value == .null) { report.error(path, "required: a name") }
    }

    private static func checkFileMode(_ value: Value?, at path: FieldPath, into report: inout ValidationReport) {
        if let mode = value?.intValue, mode < 0 || mode > 0o777 {
            report.error(path, "invalid value \(mode): must be a number between 0 and 0777 (octal), both inclusive")
        }
    }

    private static func checkToleration(_ toleration: Value, at path: FieldPath, into report: inout ValidationReport) {
        guard toleration.objectValue != nil else { return }
        let key = toleration["key"]?.stringValue ?? ""
        let op = toleration["operator"]?.stringValue ?? ""
        if !key.isEmpty { report.reasons(path.appending("key"), key, NameRules.qualifiedName(key)) }
        checkEnum(toleration["operator"], ["Equal", "Exists"], at: path.appending("operator"), into: &report)
        if key.isEmpty && op != "Exists" {
            report.error(path.appending("operator"), "must be \"Exists\" when `key` is empty, which means \"match all values and all keys\"")
        }
        if op == "Exists", let value = toleration["value"]?.stringValue, !value.isEmpty {
            report.error(path.appending("value"), "must be empty when `operator` is \"Exists\"")
        }
        checkEnum(toleration["effect"], ["NoSchedule", "PreferNoSchedule", "NoExecute"], at: path.appending("effect"), into: &report)
        if toleration["tolerationSeconds"]?.intValue != nil, toleration["effect"]?.stringValue != "NoExecute" {
            report.error(path.appending("effect"), "must be \"NoExecute\" when `tolerationSeconds` is set")
        }
    }

    private static func checkAffinity(_ affinity: Value, at path: FieldPath, into report: inout ValidationReport) {
        if let node = affinity["nodeAffinity"] {
            let nodePath = path.appending("nodeAffinity")
            let requiredKey = "requiredDuringSchedulingIgnoredDuringExecution"
            if let required = node[requiredKey], required.objectValue != nil {
                let termsPath = nodePath.appending(requiredKey).appending("nodeSelectorTerms")
                let terms = list(required, "nodeSelectorTerms")
                if terms.isEmpty { report.error(termsPath, "must have at least one node selector term") }
                for (i, term) in terms.enumerated() { checkNodeSelectorTerm(term, at: termsPath.appending(index: i), into: &report) }
            }
            let preferredKey = "preferredDuringSchedulingIgnoredDuringExecution"
            for (i, item) in list(node, preferredKey).enumerated() {
                let itemPath = nodePath.appending(preferredKey).appending(index: i)
                checkWeight(item["weight"], at: itemPath.appending("weight"), into: &report)
                if let term = item["preference"] { checkNodeSelectorTerm(term, at: itemPath.appending("preference"), into: &report) }
            }
        }
        for kind in ["podAffinity", "podAntiAffinity"] {
            guard let pod = affinity[kind] else { continue }
            let podPath = path.appending(kind)
            let requiredKey = "requiredDuringSchedulingIgnoredDuringExecution"
            for (i, term) in list(pod, requiredKey).enumerated() {
                checkPodAffinityTerm(term, at: podPath.appending(requiredKey).appending(index: i), into: &report)
            }
            let preferredKey = "preferredDuringSchedulingIgnoredDuringExecution"
            for (i, item) in list(pod, preferredKey).enumerated() {
                let itemPath = podPath.appending(preferredKey).appending(index: i)
                checkWeight(item["weight"], at: itemPath.appending("weight"), into: &report)
                if let term = item["podAffinityTerm"] {
                    checkPodAffinityTerm(term, at: itemPath.appending("podAffinityTerm"), into: &report)
                } else {
                    report.error(itemPath.appending("podAffinityTerm"), "required: a pod affinity term")
                }
            }
        }
    }

    private static func checkWeight(_ value: Value?, at path: FieldPath, into report: inout ValidationReport) {
        guard let weight = value?.intValue else {
            if value == nil { report.error(path, "required: a weight between 1 and 100") }
            return
        }
        if weight < 1 || weight > 100 { report.error(path, "invalid value \(weight): must be in the range 1-100") }
    }

    private static func checkNodeSelectorTerm(_ term: Value, at path: FieldPath, into report: inout ValidationReport) {
        for field in ["matchExpressions", "matchFields"] {
            for (i, requirement) in list(term, field).enumerated() {
                let itemPath = path.appending(field).appending(index: i)
                guard requirement.objectValue != nil else { continue }
                let key = requirement["key"]?.stringValue ?? ""
                if field == "matchExpressions" {
                    report.reasons(itemPath.appending("key"), key, NameRules.qualifiedName(key))
                } else if key != "metadata.name" {
                    report.error(itemPath.appending("key"), "unsupported value \(quote(key)): \(supported(["metadata.name"]))")
                }
                let ops = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]
                checkEnum(requirement["operator"], ops, at: itemPath.appending("operator"), required: true, into: &report)
                let values = requirement["values"]?.arrayValue ?? []
                switch requirement["operator"]?.stringValue {
                case "In", "NotIn":
                    if values.isEmpty { report.error(itemPath.appending("values"), "must be specified when `operator` is 'In' or 'NotIn'") }
                case "Exists", "DoesNotExist":
                    if !values.isEmpty { report.error(itemPath.appending("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'") }
                case "Gt", "Lt":
                    if values.count != 1 || Int64(values[0].stringValue ?? "") == nil {
                        report.error(itemPath.appending("values"), "must be a single integer value when `operator` is 'Gt' or 'Lt'")
                    }
                default: break
                }
            }
        }
    }

    private static func checkPodAffinityTerm(_ term: Value, at path: FieldPath, into report: inout ValidationReport) {
        guard term.objectValue != nil else { return }
        let topologyKey = term["topologyKey"]?.stringValue ?? ""
        if topologyKey.isEmpty {
            report.error(path.appending("topologyKey"), "can not be empty")
        } else {
            report.reasons(path.appending("topologyKey"), topologyKey, NameRules.qualifiedName(topologyKey))
        }
        for key in ["labelSelector", "namespaceSelector"] {
            if let selector = term[key], !selector.isNull { _ = LabelSelector.read(selector, at: path.appending(key), into: &report) }
        }
    }

    private static func checkSpreadConstraint(_ constraint: Value, at path: FieldPath, into report: inout ValidationReport) {
        guard constraint.objectValue != nil else { return }
        if let skew = constraint["maxSkew"]?.intValue {
            if skew < 1 { report.error(path.appending("maxSkew"), "invalid value \(skew): must be greater than zero") }
        } else if constraint["maxSkew"] == nil {
            report.error(path.appending("maxSkew"), "required: must be greater than zero")
        }
        let topologyKey = constraint["topologyKey"]?.stringValue ?? ""
        if topologyKey.isEmpty {
            report.error(path.appending("topologyKey"), "can not be empty")
        } else {
            report.reasons(path.appending("topologyKey"), topologyKey, NameRules.qualifiedName(topologyKey))
        }
        let whenUnsatisfiable = path.appending("whenUnsatisfiable")
        checkEnum(constraint["whenUnsatisfiable"], ["DoNotSchedule", "ScheduleAnyway"], at: whenUnsatisfiable, required: true, into: &report)
        if let minDomains = constraint["minDomains"]?.intValue {
            if minDomains < 1 { report.error(path.appending("minDomains"), "invalid value \(minDomains): must be greater than zero") }
            if constraint["whenUnsatisfiable"]?.stringValue != "DoNotSchedule" {
                report.error(path.appending("minDomains"), "can only be used when `whenUnsatisfiable` is \"DoNotSchedule\"")
            }
        }
        for key in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            checkEnum(constraint[key], ["Honor", "Ignore"], at: path.appending(key), into: &report)
        }
        if let selector = constraint["labelSelector"], !selector.isNull {
            _ = LabelSelector.read(selector, at: path.appending("labelSelector"), into: &report)
        }
    }

    static func checkSeccomp(_ profile: Value, at path: FieldPath, into report: inout ValidationReport) {
        checkEnum(profile["type"], ["RuntimeDefault", "Unconfined", "Localhost"], at: path.appending("type"), required: true, into: &report)
        let hasLocal = !(profile["localhostProfile"]?.stringValue ?? "").isEmpty
        if profile["type"]?.stringValue == "Localhost", !hasLocal {
            report.error(path.appending("localhostProfile"), "required: must be set when seccomp type is Localhost")
        } else if profile["type"]?.stringValue != "Localhost", hasLocal {
            report.error(path.appending("localhostProfile"), "can only be set when seccomp type is Localhost")
        }
    }
}

/// Rules of Deployments and ReplicaSets: selector against template, counts, rollout strategy.
extension Validation {
    static func checkDeployment(_ object: Value, into report: inout ValidationReport) {
        let path = FieldPath(keys: "spec")
        guard let spec = object["spec"], spec.objectValue != nil else {
            report.error(path, "required: a deployment needs a spec with a selector and a template")
            return
        }
        checkReplicatedSpec(spec, at: path, kind: "deployment", into: &report)
        for field in ["revisionHistoryLimit", "progressDeadlineSeconds"] {
            checkNonNegative(spec[field], at: path.appending(field), into: &report)
        }
        if let deadline = spec["progressDeadlineSeconds"]?.intValue, deadline >= 0,
            deadline <= spec["minReadySeconds"]?.intValue ?? 0
        {
            report.error(path.appending("progressDeadlineSeconds"), "must be greater than minReadySeconds")
        }
        guard let strategy = spec["strategy"], strategy.objectValue != nil else { return }
        let strategyPath = path.appending("strategy")
        checkEnum(strategy["type"], ["Recreate", "RollingUpdate"], at: strategyPath.appending("type"), into: &report)
        guard let rolling = strategy["rollingUpdate"], !rolling.isNull else { return }
        let rollingPath = strategyPath.appending("rollingUpdate")
        if strategy["type"]?.stringValue == "Recreate" {
            report.error(rollingPath, "may not be specified when strategy `type` is 'Recreate'")
            return
        }
        let surge = checkIntOrPercent(rolling["maxSurge"], at: rollingPath.appending("maxSurge"), into: &report)
        let unavailable = checkIntOrPercent(rolling["maxUnavailable"], at: rollingPath.appending("maxUnavailable"), into: &report)
        if case .percent(let p)? = unavailable, p > 100 {
            report.error(rollingPath.appending("maxUnavailable"), "must not be greater than 100%")
        }
        if surge?.isZero == true, unavailable?.isZero == true {
            report.error(rollingPath.appending("maxUnavailable"), "may not be 0 when `maxSurge` is 0")
        }
    }

    static func checkReplicaSet(_ object: Value, into report: inout ValidationReport) {
        let path = FieldPath(keys: "spec")
        guard let spec = object["spec"], spec.objectValue != nil else {
            report.error(path, "required: a replica set needs a spec with a selector and a template")
            return
        }
        checkReplicatedSpec(spec, at: path, kind: "replica set", into: &report)
    }

    /// What Deployments and ReplicaSets share: replicas, minReadySeconds, selector and template.
    private static func checkReplicatedSpec(_ spec: Value, at path: FieldPath, kind: String, into report: inout ValidationReport) {
        checkNonNegative(spec["replicas"], at: path.appending("replicas"), into: &report)
        checkNonNegative(spec["minReadySeconds"], at: path.appending("minReadySeconds"), into: &report)

        let selectorPath = path.appending("selector")
        var selector: LabelSelector?
        if let value = spec["selector"], !value.isNull {
            selector = LabelSelector.read(value, at: selectorPath, into: &report)
            if selector?.isEmpty == true {
                report.error(selectorPath, "empty selector is invalid for \(kind)")
                selector = nil
            }
        } else {
            report.error(selectorPath, "required: a label selector matching the template's labels")
        }

        let templatePath = path.appending("template")
        guard let template = spec["template"], template.objectValue != nil else {
            report.error(templatePath, "required: the pod template")
            return
        }
        let labelsPath = templatePath.appending("metadata").appending("labels")
        let labels = template[path: ["metadata", "labels"]].flatMap { checkLabels($0, at: labelsPath, into: &report) } ?? [:]
        if let selector, !selector.matches(labels: labels) {
            report.error(labelsPath, "selector does not match template labels (selector: \(selector))")
        }
        let podSpecPath = templatePath.appending("spec")
        guard let podSpec = template["spec"] else {
            report.error(podSpecPath, "required: the pod spec")
            return
        }
        checkPodSpec(podSpec, at: podSpecPath, into: &report)
        if let policy = podSpec["restartPolicy"]?.stringValue, policy != "Always" {
            report.error(podSpecPath.appending("restartPolicy"), "unsupported value \(quote(policy)): \(supported(["Always"]))")
        }
    }

    enum IntOrPercent {
        case int(Int64)
        case percent(Int64)
        var isZero: Bool {
            switch self {
            case .int(let i), .percent(let i): return i == 0
            }
        }
    }

    /// An int-or-string that must be a non-negative integer or a percent like `25%`.
    static func checkIntOrPercent(_ value: Value?, at path: FieldPath, into report: inout ValidationReport) -> IntOrPercent? {
        switch value {
        case .int(let i)?:
            if i < 0 {
                report.error(path, "must be greater than or equal to 0")
                return nil
            }
            return .int(i)
        case .string(let s)?:
            guard s.hasSuffix("%"), let n = Int64(s.dropLast()), s.dropLast().utf8.allSatisfy(NameRules.isDigit) else {
                report.error(path, "invalid value \(quote(s)): a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%')")
                return nil
            }
            return .percent(n)
        default:
            return nil
        }
    }
}

/// A label selector as Kubernetes evaluates one: every requirement must hold. Built from a
/// Deployment's `matchLabels`/`matchExpressions` or from a Service's plain `selector` map.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    /// One condition on one label key.
    public struct Requirement: Sendable, Hashable {
        public var key: String
        public var op: Operator
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .in: return value.map(values.contains) ?? false
            case .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement]) { self.requirements = requirements }

    /// The equality-only selector of a plain map: each key must have exactly that value.
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.keys.sorted().map { Requirement(key: $0, op: .in, values: [matchLabels[$0]!]) }
    }

    /// Reads a `{matchLabels, matchExpressions}` value, or throws every issue found in it.
    public init(_ value: Value, at path: FieldPath = .root) throws(ValidationFailure) {
        var report = ValidationReport()
        let parsed = LabelSelector.read(value, at: path, into: &report)
        guard report.isValid, let parsed else { throw ValidationFailure(issues: report.errors) }
        self = parsed
    }

    /// An empty selector selects everything, as `LabelSelectorAsSelector` makes it.
    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// `app=web,tier in (a,b),!debug` as kubectl writes selectors.
    public var description: String {
        requirements.map { r in
            switch r.op {
            case .in where r.values.count == 1: return "\(r.key)=\(r.values[0])"
            case .in: return "\(r.key) in (\(r.values.joined(separator: ",")))"
            case .notIn: return "\(r.key) notin (\(r.values.joined(separator: ",")))"
            case .exists: return r.key
            case .doesNotExist: return "!\(r.key)"
            }
        }.joined(separator: ",")
    }

    /// Parses and validates in one pass, recording issues; nil when the shape is unusable.
    static func read(_ value: Value, at path: FieldPath, into report: inout ValidationReport) -> LabelSelector? {
        guard let fields = value.objectValue else {
            report.error(path, "expected a mapping, found \(Validation.describe(value))")
            return nil
        }
        var requirements: [Requirement] = []
        if let matchLabels = fields["matchLabels"], !matchLabels.isNull {
            let labelsPath = path.appending("matchLabels")
            if let labels = Validation.checkLabels(matchLabels, at: labelsPath, into: &report) {
                requirements += LabelSelector(matchLabels: labels).requirements
            }
        }
        if let expressions = fields["matchExpressions"], !expressions.isNull {
            let listPath = path.appending("matchExpressions")
            guard let items = expressions.arrayValue else {
                report.error(listPath, "expected a list, found \(Validation.describe(expressions))")
                return nil
            }
            for (i, item) in items.enumerated() {
                if let r = readRequirement(item, at: listPath.appending(index: i), into: &report) { requirements.append(r) }
            }
        }
        return LabelSelector(requirements: requirements)
    }

    private static func readRequirement(_ item: Value, at path: FieldPath, into report: inout ValidationReport) -> Requirement? {
        guard item.objectValue != nil else {
            report.error(path, "expected a mapping, found \(Validation.describe(item))")
            return nil
        }
        guard let key = item["key"]?.stringValue else {
            report.error(path.appending("key"), "required: a label key")
            return nil
        }
        report.reasons(path.appending("key"), key, NameRules.qualifiedName(key))
        guard let opText = item["operator"]?.stringValue, let op = Operator(rawValue: opText) else {
            let supported = Operator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            report.error(path.appending("operator"), "supported values: \(supported), found \(Validation.describe(item["operator"]))")
            return nil
        }
        var values: [String] = []
        let valuesPath = path.appending("values")
        if let list = item["values"], !list.isNull {
            guard let items = list.arrayValue else {
                report.error(valuesPath, "expected a list, found \(Validation.describe(list))")
                return nil
            }
            for (i, v) in items.enumerated() {
                guard let s = v.stringValue else {
                    report.error(valuesPath.appending(index: i), "expected a string, found \(Validation.describe(v))")
                    continue
                }
                report.reasons(valuesPath.appending(index: i), s, NameRules.labelValue(s))
                values.append(s)
            }
        }
        switch op {
        case .in, .notIn:
            if values.isEmpty { report.error(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'") }
        case .exists, .doesNotExist:
            if !values.isEmpty { report.error(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'") }
        }
        return Requirement(key: key, op: op, values: values)
    }
}

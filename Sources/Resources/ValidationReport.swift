/// One problem found in an object, at a field path: `spec.replicas: must be greater than or equal to 0`.
public struct FieldIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: FieldPath
    public var message: String

    public init(path: FieldPath, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// What validation found: errors refuse the object; warnings (unknown fields, ignored fields) do not.
public struct ValidationReport: Sendable, Hashable {
    public var errors: [FieldIssue] = []
    public var warnings: [FieldIssue] = []

    public init(errors: [FieldIssue] = [], warnings: [FieldIssue] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var isValid: Bool { errors.isEmpty }

    mutating func error(_ path: FieldPath, _ message: String) {
        errors.append(FieldIssue(path: path, message: message))
    }

    mutating func warn(_ path: FieldPath, _ message: String) {
        warnings.append(FieldIssue(path: path, message: message))
    }

    /// Records each reason a string rule gave for the value at `path` (built only when there is one).
    mutating func reasons(_ path: @autoclosure () -> FieldPath, _ value: String, _ reasons: [String], quoting: Bool = true) {
        guard !reasons.isEmpty else { return }
        let path = path()
        for reason in reasons {
            error(path, quoting ? "invalid value \(Validation.quote(value)): \(reason)" : reason)
        }
    }
}

/// The issues that kept a value from being read as a typed thing, such as a label selector.
public struct ValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: [FieldIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

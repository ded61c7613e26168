import Manifests
import Resources

/// One problem found in a source, with where it is: `manifests/web.yaml:12:5: spec.replicas: …`.
public struct SourceIssue: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation?
    public var field: FieldPath?
    public var message: String

    public init(location: SourceLocation?, field: FieldPath? = nil, message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        var out = location.map { "\($0): " } ?? ""
        if let field, !field.isRoot { out += "\(field): " }
        return out + message
    }
}

/// A refusal: the source (or the request) is wrong and nothing was written.
public struct ReconcileError: Error, Sendable, CustomStringConvertible {
    public var issues: [SourceIssue]
    /// A suggestion for what to do next, printed after the issues.
    public var hint: String?

    public init(_ issues: [SourceIssue], hint: String? = nil) {
        self.issues = issues
        self.hint = hint
    }

    public init(_ message: String, hint: String? = nil) {
        self.init([SourceIssue(location: nil, message: message)], hint: hint)
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

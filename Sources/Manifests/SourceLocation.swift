/// A position in a manifest file as editors count it: 1-based line and column (in characters).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `web.yaml:12:5`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A manifest file that could not be read as YAML, with where and why.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// Set on the fast decoding pass for an error whose message needs node positions (a duplicate
    /// key's first line); the decoder then runs again with positions recorded. Never seen outside.
    var retryWithPositions = false

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `web.yaml:12:5: mapping values are not allowed in this context`.
    public var description: String { "\(location): \(message)" }
}

/// File paths as plain strings, for the few joins berth makes (the state folder's files, a
/// repository's refs).
extension String {
    /// `self/component`, with one slash between them whatever `self` ends with; `component` alone
    /// when `self` is empty.
    public func appendingPath(_ component: String) -> String {
        if isEmpty { return component }
        return hasSuffix("/") ? self + component : self + "/" + component
    }
}

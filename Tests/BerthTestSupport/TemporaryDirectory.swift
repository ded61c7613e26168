import Foundation

/// A folder under the system's temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ prefix: String = "berth-test") throws {
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    public func url(_ relative: String = "") -> URL {
        URL(fileURLWithPath: relative.isEmpty ? path : (path as NSString).appendingPathComponent(relative))
    }

    public func subpath(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

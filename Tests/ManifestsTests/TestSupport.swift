import Manifests
import Resources

/// Decodes text that must hold exactly one document.
func decodeOne(_ text: String, file: String = "test.yaml") throws -> YAMLDocument {
    let documents = try YAMLDecoder.decodeAll(text, file: file)
    guard documents.count == 1, let document = documents.first else {
        throw ManifestError(
            location: SourceLocation(file: file, line: 1, column: 1),
            message: "expected one document, got \(documents.count)")
    }
    return document
}

/// The error decoding `text` throws, or nil when it decodes.
func decodeError(_ text: String, limits: DecodeLimits = .default) -> ManifestError? {
    decodeError(Array(text.utf8), limits: limits)
}

func decodeError(_ bytes: [UInt8], limits: DecodeLimits = .default) -> ManifestError? {
    do {
        _ = try YAMLDecoder.decodeAll(bytes, file: "bad.yaml", limits: limits)
        return nil
    } catch {
        return error
    }
}

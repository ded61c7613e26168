import Resources

/// Decodes YAML streams into values straight from libyaml's event stream, in one pass.
///
/// Node positions are not recorded on this pass: `YAMLDocument.location(of:)` parses the file
/// again when an error needs one. That keeps the hot path at values only (recording a mark per
/// node cost 15–20% of decoding time) at the price of a re-parse per lookup, which happens only
/// when something is wrong.
public enum YAMLDecoder {
    /// Every non-empty document of the file, in order. Empty documents (nothing, only comments,
    /// or an explicit null) are skipped as kubectl skips them, but still counted in `index`.
    /// The documents keep the file's bytes for later position lookups.
    public static func decodeAll(
        _ bytes: [UInt8], file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxFileBytes else { throw tooLarge(bytes.count, file: file, limits: limits) }
        guard !bytes.isEmpty else { return [] }
        let source = SourceText(bytes: bytes, file: file, limits: limits)
        do {
            return try EventDecoder.decode(source, recordMarks: false).documents
        } catch  where error.retryWithPositions {
            // Some messages (a duplicate key's first line) need positions; decode again with them.
            return try EventDecoder.decode(source, recordMarks: true).documents
        }
    }

    public static func decodeAll(
        _ bytes: UnsafeRawBufferPointer, file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        // Checked before copying, so an oversized buffer costs nothing.
        guard bytes.count <= limits.maxFileBytes else { throw tooLarge(bytes.count, file: file, limits: limits) }
        return try decodeAll(Array(bytes), file: file, limits: limits)
    }

    public static func decodeAll(
        _ text: String, file: String, limits: DecodeLimits = .default
    ) throws(ManifestError) -> [YAMLDocument] {
        try decodeAll(Array(text.utf8), file: file, limits: limits)
    }

    private static func tooLarge(_ size: Int, file: String, limits: DecodeLimits) -> ManifestError {
        ManifestError(
            location: SourceLocation(file: file, line: 1, column: 1),
            message: "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes")
    }
}

/// A file's bytes, kept by its documents so that positions can be found by parsing again.
final class SourceText: Sendable {
    let bytes: [UInt8]
    let file: String
    let limits: DecodeLimits

    init(bytes: [UInt8], file: String, limits: DecodeLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
    }
}

/// A shared secret that authenticates webhook calls, sent either as `Authorization: Bearer <secret>`
/// or as GitHub's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
///
/// Comparisons take the same time however many bytes match, so response timing does not reveal
/// the secret byte by byte. Bearer tokens are compared through their SHA-256 so that their length
/// does not show either.
public struct WebhookSecret: Sendable {
    /// Why a request was or was not accepted, so the server can log it and answer 401.
    public enum Verdict: Sendable, Hashable {
        case acceptedBearer
        case acceptedSignature
        /// Neither header was sent.
        case missingCredentials
        /// A header was sent but is not in the expected form (scheme, prefix or hex).
        case malformed(String)
        /// A well-formed credential that does not match.
        case mismatch

        public var isAccepted: Bool {
            self == .acceptedBearer || self == .acceptedSignature
        }
    }

    /// A secret that was empty, which would accept anyone sending an empty token.
    public struct EmptySecretError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String { "the webhook secret must not be empty" }
    }

    private let secret: [UInt8]
    private let secretDigest: [UInt8]

    public init(_ secret: String) throws(EmptySecretError) {
        guard !secret.isEmpty else { throw EmptySecretError() }
        self.secret = Array(secret.utf8)
        self.secretDigest = SHA256.hash(self.secret)
    }

    /// Checks the request's `X-Hub-Signature-256` if present, else its `Authorization` header.
    /// The signature wins when both are sent because it also proves the body was not altered.
    public func verify(_ request: HTTPRequest) -> Verdict {
        verify(
            authorization: request.headers["Authorization"], signature256: request.headers["X-Hub-Signature-256"],
            body: request.body)
    }

    public func verify(authorization: String?, signature256: String?, body: [UInt8]) -> Verdict {
        if let signature256 { return verifySignature(signature256, body: body) }
        if let authorization { return verifyBearer(authorization) }
        return .missingCredentials
    }

    private func verifyBearer(_ header: String) -> Verdict {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .malformed("Authorization must be \"Bearer <secret>\"")
        }
        let token = parts[1].trimmingCharacters(in: " \t")
        let matches = Self.constantTimeEqual(SHA256.hash(Array(token.utf8)), secretDigest)
        return matches ? .acceptedBearer : .mismatch
    }

    private func verifySignature(_ header: String, body: [UInt8]) -> Verdict {
        let prefix = "sha256="
        guard header.hasPrefix(prefix), let given = Self.hexBytes(header.dropFirst(prefix.count)),
            given.count == SHA256.digestSize
        else { return .malformed("X-Hub-Signature-256 must be sha256= and 64 hex digits") }
        let expected = HMACSHA256.authenticationCode(key: secret, message: body)
        return Self.constantTimeEqual(given, expected) ? .acceptedSignature : .mismatch
    }

    /// True when equal, looking at every byte whatever the first difference; lengths are public.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

import HTTPServer
import Testing

@Suite struct WebhookSecretTests {
    /// GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
    let github = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    let body = Array("Hello, World!".utf8)

    func secret() throws -> WebhookSecret {
        try WebhookSecret("It's a Secret to Everybody")
    }

    @Test func githubSignatureIsAcceptedAndAnyChangeRejected() throws {
        let secret = try secret()
        #expect(secret.verify(authorization: nil, signature256: github, body: body) == .acceptedSignature)
        #expect(secret.verify(authorization: nil, signature256: github.uppercased().replacingPrefix(), body: body) == .acceptedSignature)
        #expect(secret.verify(authorization: nil, signature256: github, body: Array("Hello, World?".utf8)) == .mismatch)
        let flipped = String(github.dropLast()) + "8"
        #expect(secret.verify(authorization: nil, signature256: flipped, body: body) == .mismatch)
        #expect(try WebhookSecret("other").verify(authorization: nil, signature256: github, body: body) == .mismatch)
    }

    @Test(arguments: ["757107ea", "sha1=757107ea0eb2509fc211221cce984b8a37570b6d", "sha256=zz", "sha256=7571", ""])
    func malformedSignaturesAreRejected(header: String) throws {
        let verdict = try secret().verify(authorization: nil, signature256: header, body: body)
        #expect(!verdict.isAccepted)
        guard case .malformed = verdict else {
            Issue.record("expected malformed, got \(verdict)")
            return
        }
    }

    @Test func bearerTokenIsAcceptedExactly() throws {
        let secret = try secret()
        #expect(secret.verify(authorization: "Bearer It's a Secret to Everybody", signature256: nil, body: []) == .acceptedBearer)
        #expect(secret.verify(authorization: "bearer It's a Secret to Everybody", signature256: nil, body: []) == .acceptedBearer)
        #expect(secret.verify(authorization: "Bearer It's a Secret to Everybod", signature256: nil, body: []) == .mismatch)
        #expect(secret.verify(authorization: "Bearer It's a Secret to Everybody!", signature256: nil, body: []) == .mismatch)
        #expect(secret.verify(authorization: "Basic SXQncyBh", signature256: nil, body: []) != .acceptedBearer)
        #expect(secret.verify(authorization: "Bearer", signature256: nil, body: []) != .acceptedBearer)
        #expect(secret.verify(authorization: nil, signature256: nil, body: []) == .missingCredentials)
    }

    @Test func aSignatureIsCheckedEvenWhenABearerTokenIsValid() throws {
        let secret = try secret()
        let verdict = secret.verify(
            authorization: "Bearer It's a Secret to Everybody", signature256: github, body: Array("tampered".utf8))
        #expect(verdict == .mismatch)
    }

    @Test func verifiesFromARequestWithHeadersInAnyCase() throws {
        let request = HTTPRequest(
            method: "POST", path: "/api/v1/sync", headers: HTTPHeaders([("x-hub-signature-256", github)]), body: body)
        #expect(try secret().verify(request).isAccepted)
    }

    @Test func anEmptySecretIsRefused() {
        #expect(throws: WebhookSecret.EmptySecretError.self) { try WebhookSecret("") }
    }
}

extension String {
    /// Upper-cases the hex digits but keeps the lowercase "sha256=" GitHub sends.
    fileprivate func replacingPrefix() -> String {
        "sha256=" + dropFirst("SHA256=".count)
    }
}

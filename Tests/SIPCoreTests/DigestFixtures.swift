import Foundation

/// Test data under Tests/SIPCoreTests/Fixtures, found from this file's path (the folder is
/// excluded from the target, so it is not a resource bundle).
enum DigestFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }

    static func vectorFile() throws -> DigestVectorFile {
        try JSONDecoder().decode(DigestVectorFile.self, from: data("digest/vectors.json"))
    }

    static func vectors() throws -> [DigestVector] {
        try vectorFile().vectors
    }

    /// The value of the header `name` in a CRLF SIP message, with its fold lines kept
    /// (CRLF SP), so that the digest parser sees the folding as it arrives on the wire.
    static func headerValue(_ name: String, inMessage message: String) -> String? {
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        let lines = head.components(separatedBy: "\r\n")
        guard let start = lines.firstIndex(where: { $0.lowercased().hasPrefix(name.lowercased() + ":") }) else {
            return nil
        }
        var valueLines = [String(lines[start].dropFirst(name.count + 1))]
        var index = start + 1
        while index < lines.count, lines[index].hasPrefix(" ") || lines[index].hasPrefix("\t") {
            valueLines.append(lines[index])
            index += 1
        }
        return valueLines.joined(separator: "\r\n").trimmingCharacters(in: .whitespaces)
    }
}

/// vectors.json (see Fixtures/digest/README.md).
struct DigestVectorFile: Decodable {
    var vectors: [DigestVector]
    var ha1Vectors: [HA1Vector]

    enum CodingKeys: String, CodingKey {
        case vectors
        case ha1Vectors = "ha1_vectors"
    }

    struct HA1Vector: Decodable {
        var id: String
        var input: String
        var expected: [String: String]
        var confirmed: Bool
    }
}

struct DigestVector: Decodable, Sendable, CustomStringConvertible {
    var id: String
    var method: String
    var uri: String
    var username: String
    var realm: String
    var password: String
    var nonce: String
    var cnonce: String?
    var nc: String?
    var qop: String?
    var algorithm: String?
    var body: String?
    var opaque: String?
    var userhash: Bool
    var expectedResponse: String
    var expectedHA1: String?
    var expectedUserhash: String?
    var computedHA1: String
    var computedResponse: String
    var computedUserhash: String?
    var computedBodyHash: String?
    var confirmed: Bool
    var erratumCorrectedResponse: String?
    var erratumCorrectedConfirmed: Bool?
    var userhashConfirmed: Bool?

    enum CodingKeys: String, CodingKey {
        case id, method, uri, username, realm, password, nonce, cnonce, nc, qop, algorithm, body, opaque
        case userhash, confirmed
        case expectedResponse = "expected_response"
        case expectedHA1 = "expected_ha1"
        case expectedUserhash = "expected_userhash"
        case computedHA1 = "computed_ha1"
        case computedResponse = "computed_response"
        case computedUserhash = "computed_userhash"
        case computedBodyHash = "computed_body_hash"
        case erratumCorrectedResponse = "erratum_corrected_response"
        case erratumCorrectedConfirmed = "erratum_corrected_confirmed"
        case userhashConfirmed = "userhash_confirmed"
    }

    var description: String { id }

    var bodyBytes: [UInt8]? { body.map { Array($0.utf8) } }
}

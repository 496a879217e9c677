import Testing

@testable import Media

@Suite("SDPBase64")
struct SDPBase64Tests {
    /// RFC 4648 §10 test vectors.
    @Test("RFC 4648 vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func vectors(plain: String, encoded: String) {
        #expect(SDPBase64.encode(Array(plain.utf8)) == encoded)
        #expect(SDPBase64.decode(encoded) == Array(plain.utf8))
    }

    @Test func allByteValuesRoundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        let encoded = SDPBase64.encode(bytes)
        #expect(encoded.hasSuffix("+/w=="))
        #expect(SDPBase64.decode(encoded) == bytes)
    }

    /// An SDES key + salt is 30 bytes: 40 characters, no padding (RFC 4568 §6.1).
    @Test func srtpKeyLength() {
        let encoded = SDPBase64.encode(SDPFixtures.localKey)
        #expect(encoded.utf8.count == 40)
        #expect(encoded == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd")
        #expect(SDPBase64.decode(encoded) == SDPFixtures.localKey)
    }

    @Test func unpaddedInputIsAccepted() {
        #expect(SDPBase64.decode("Zg") == Array("f".utf8))
        #expect(SDPBase64.decode("Zm8") == Array("fo".utf8))
    }

    @Test("invalid input", arguments: ["Z", "Zm9v!", "Zg=a", "Zg===", "Zh==", "Zm9=", "Z===", "Zm 9v"])
    func invalid(text: String) {
        #expect(SDPBase64.decode(text) == nil)
    }
}

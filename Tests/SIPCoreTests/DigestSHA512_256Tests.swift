import Testing
@testable import SIPCore

@Suite struct DigestSHA512_256Tests {
    private func hex(_ message: [UInt8]) -> String {
        DigestText.lowercaseHex(SHA512_256.hash(message))
    }

    private func hex(_ message: String) -> String {
        hex(Array(message.utf8))
    }

    /// NIST's FIPS 180-4 examples for SHA-512/256: one-block "abc" and the two-block 896-bit
    /// message (values as in BouncyCastle's SHA512t256DigestTest, which marks these two as
    /// FIPS-originated, and in several other suites; python3 hashlib agrees).
    @Test func fipsExamples() {
        #expect(hex("abc") == "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")
        #expect(hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a")
    }

    /// Empty string and "a": BouncyCastle SHA512t256DigestTest. The 448-bit message is not a
    /// NIST example for SHA-512/256; its value is python3 hashlib's
    /// (`hashlib.new('sha512_256', b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')`),
    /// the same as in helly25/mbo's digest_test.cc.
    @Test func otherPublishedMessages() {
        #expect(hex("") == "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")
        #expect(hex("a") == "455e518824bc0601f9fb858ff5c37d417d67c2f8e0df2babe4808858aea830f8")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "bde8e1f9f19bb9fd3406c90ec6bc47bd36d8ada9f11880dbc8a22a7078b6a461")
    }

    /// Lengths around the padding boundaries: at 112 bytes the 0x80 marker and the 16-byte length
    /// no longer fit in the block, so padding spills into a second block; 128 and 240 are block
    /// multiples. Expected values produced with python3:
    /// `hashlib.new('sha512_256', b'a' * n).hexdigest()`.
    @Test(arguments: [
        (111, "0239e429f98d0ed61ee8e2a7c30afe98c1c3a80ce5dff62a107e9c538f7632ce"),
        (112, "9216b5303edb66504570bee90e48ea5beaa5e9fe9f760bbd3e0460559fc005f6"),
        (113, "d0ac79bea5bc97ac80c77c7cbbe92811ba9997eb0ce3c9888f9cef8362d187cd"),
        (127, "2fe3b2a6ee7e12f6fe4ba82166541ad9b4ed882c493581cbe300d68f3757b778"),
        (128, "b88f97e274f9c1d49f181c8cbd01a9c74930ad055a46ac4499a1d601f1c80bf2"),
        (129, "fb9035c9009ed4a60e37510339ebdb1c771339f30aa581d5dea3690a524c23f1"),
        (239, "78d0a1b37aaad84c89fff13cbe3cd3d1025bcdb648268f9102b7e7032bea7d2a"),
        (240, "d48a4d53397b38ab4e771d781c98ac6b86712dff2a664cfd1f27c7ca40f8ce37"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(hex([UInt8](repeating: UInt8(ascii: "a"), count: length)) == expected)
    }

    /// All 256 octet values (python3: `hashlib.new('sha512_256', bytes(range(256))).hexdigest()`).
    @Test func everyOctetValue() {
        #expect(hex((0...255).map { UInt8($0) })
            == "0837a11d994d5aa860d06917a8a0f63e3111b95633deeb15eed9949376f37d36")
    }

    /// Feeding the message in pieces of every size gives the one-shot digest.
    @Test func streamingInPiecesMatchesOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let oneShot = SHA512_256.hash(message)
        for pieceSize in [1, 3, 64, 111, 112, 127, 128, 129, 299] {
            var hasher = SHA512_256()
            var start = 0
            while start < message.count {
                let end = min(start + pieceSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            #expect(hasher.finalize() == oneShot, "pieces of \(pieceSize)")
        }
    }

    /// One million "a" (BouncyCastle's millionATest value; python3 hashlib agrees).
    @Test func oneMillionA() {
        var hasher = SHA512_256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(DigestText.lowercaseHex(hasher.finalize())
            == "9a59a052930187a97038cae692f30708aa6491923ef5194394dc68d56c74fb21")
    }

    /// SHA-512/256 has its own initial hash value: it is not SHA-512 cut to 32 bytes
    /// (python3: `hashlib.sha512(b'abc').hexdigest()[:64]`).
    @Test func isNotTruncatedSHA512() {
        #expect(hex("abc") != "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a")
    }

    @Test func algorithmNamesUseTheRightHash() {
        #expect(DigestAlgorithm.md5.hexDigest("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(DigestAlgorithm.sha256Sess.hexDigest("abc")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(DigestAlgorithm.sha512_256.hexDigest("abc")
            == "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")
    }
}

import Testing
@testable import Media

@Suite struct RTPPacketKindTests {
    @Test(arguments: [
        ([0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1] as [UInt8], RTPPacketKind.rtp),      // PCMU
        ([0x80, 0xE5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], .rtp),                               // PT 101 with marker (DTMF start)
        ([0x80, 0x48, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], .rtp),                               // PT 72 without marker
        ([0x80, 0xC8, 0x00, 0x06], .rtcp),                                                 // SR, 200
        ([0x81, 0xC9, 0x00, 0x07], .rtcp),                                                 // RR, 201
        ([0x81, 0xCB, 0x00, 0x01], .rtcp),                                                 // BYE, 203
        ([0x80, 0xCF, 0x00, 0x01], .rtcp),                                                 // XR, 207
        ([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42], .other),                       // STUN binding request
        ([0x16, 0xFE, 0xFD, 0x00], .other),                                                // DTLS handshake
        ([0x80, 0x00, 0, 1], .other),                                                      // too short for RTP
    ])
    func classifies(bytes: [UInt8], kind: RTPPacketKind) {
        #expect(bytes.withUnsafeBytes { RTPPacketKind.classify($0) } == kind)
    }
}

/// How we answer an offered audio stream.
struct SDPAnswerPlan: Sendable {
    var format: SDPRemoteAudioStream.Format
    var telephoneEvent: SDPRTPMap?
    var direction: MediaDirection
    var crypto: (tag: UInt32, suite: SDPCryptoSuite, remoteKey: [UInt8])?
}

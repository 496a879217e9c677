@testable import Media

/// Shared inputs for the SDP tests: descriptions written line by line (so a trailing space, as in
/// RFC 4317's "s= ", is visible), and settings with fixed ids and keys.
enum SDPFixtures {
    /// Lines joined with CRLF, the last one terminated too.
    static func text(_ lines: [String]) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }

    static func parse(_ lines: [String]) throws -> SessionDescription {
        try SessionDescription(parsing: text(lines))
    }

    /// Our SRTP master key + salt: 30 bytes 0, 1, 2, …
    static let localKey: [UInt8] = (0..<30).map { UInt8($0) }
    /// The peer's master key + salt: 30 bytes 100, 101, …
    static let peerKey: [UInt8] = (100..<130).map { UInt8($0) }

    static func settings(
        codecs: [SDPCodec] = SDPCodec.defaultPreference, srtp: SRTPMode = .off, telephoneEvent: Bool = true
    ) -> SDPLocalSettings {
        SDPLocalSettings(
            address: "192.0.2.10", rtpPort: 40000, codecs: codecs, telephoneEvent: telephoneEvent,
            srtp: srtp, srtpKey: srtp == .off ? [] : localKey, sessionID: 4242)
    }

    /// RFC 4317's session lines for Alice and Bob, with the version given.
    static func alice(version: UInt64 = 2_890_844_526, address: String = "host.atlanta.example.com") -> [String] {
        ["v=0", "o=alice 2890844526 \(version) IN IP4 host.atlanta.example.com", "s= ", "c=IN IP4 \(address)", "t=0 0"]
    }

    static func bob(version: UInt64 = 2_808_844_564, address: String = "host.biloxi.example.com") -> [String] {
        ["v=0", "o=bob 2808844564 \(version) IN IP4 host.biloxi.example.com", "s= ", "c=IN IP4 \(address)", "t=0 0"]
    }

    /// The m= lines of a description, as text.
    static func mediaLines(_ description: SessionDescription) -> [String] {
        description.text.split(separator: "\r\n").filter { $0.hasPrefix("m=") }.map(String.init)
    }

    /// A peer's answer accepting our default offer with one codec.
    static func answer(
        _ mediaLines: [String], session: [String] = bob()
    ) throws -> SessionDescription {
        try parse(session + mediaLines)
    }
}

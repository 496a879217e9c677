import SIPCore
import SIPTransaction
@testable import SIPUserAgent

/// Offer/answer helpers on top of `UserAgentHarness`: connected calls in either
/// direction, requests and ACKs from the peer inside them, and the session events.
extension UserAgentHarness {
    /// The peer's side of a dialog: what its requests carry.
    struct PeerDialog {
        var from: String
        var to: String
        var callID: String
        var contact = "<sip:bob@198.51.100.1:5062>"
    }

    static func body(_ text: String, type: String = "application/sdp") -> SIPSessionBody {
        SIPSessionBody(contentType: type, bytes: Array(text.utf8))
    }

    /// An incoming call (offer "v=0" in the INVITE, CSeq 5), answered and ACKed.
    mutating func connectedIncomingCall() -> (SIPCallHandle, PeerDialog) {
        _ = receive(CallTests.incomingInvite())
        guard let handle = agent.activeCalls.first else { fatalError("no incoming call") }
        command(.answer(handle, answer: nil))
        guard let ok = responses.last?.1, ok.statusCode == 200 else { fatalError("not answered") }
        let peer = PeerDialog(from: "\"Bob\" <sip:bob@198.51.100.1>;tag=caller-tag", to: ok.value(.to) ?? "", callID: "incoming-1")
        receiveACK(sequence: 5, peer: peer)
        return (handle, peer)
    }

    /// An outgoing call (INVITE CSeq 1) answered 200 from `sip:bob@198.51.100.1`.
    mutating func connectedOutgoingCall() -> (SIPCallHandle, PeerDialog) {
        let handle = call("sip:bob@198.51.100.1")
        let invite = lastRequest.message
        answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        let peer = PeerDialog(from: (invite.value(.to) ?? "") + ";tag=peer-tag", to: invite.value(.from) ?? "",
                              callID: invite.callID ?? "", contact: "<sip:bob@198.51.100.1>")
        return (handle, peer)
    }

    /// A request from the peer inside its dialog with us, through the parser as on the wire
    /// (`contact: ""` for none).
    @discardableResult
    mutating func receiveInDialog(_ method: SIPMethod, sequence: Int, peer: PeerDialog, body: SIPSessionBody? = nil,
                                  branch: String? = nil, contact: String? = nil) -> SIPServerRequestID {
        let message = peerMessage(method, sequence: sequence, peer: peer, body: body, branch: branch ?? "z9hG4bKpeer\(method)\(sequence)",
                                  contact: contact ?? peer.contact)
        let id = SIPServerRequestID(nextServer)
        nextServer += 1
        record(agent.receivedRequest(message, server: id, now: now))
        return id
    }

    /// The peer's ACK for our 2xx to its INVITE with CSeq `sequence`.
    mutating func receiveACK(sequence: Int, peer: PeerDialog, body: SIPSessionBody? = nil) {
        let ack = peerMessage(.ack, sequence: sequence, peer: peer, body: body, branch: "z9hG4bKpeerack\(sequence)", contact: nil)
        record(agent.receivedACK(ack, now: now))
    }

    func peerMessage(_ method: SIPMethod, sequence: Int, peer: PeerDialog, body: SIPSessionBody?, branch: String, contact: String?) -> SIPMessage {
        var message = SIPMessage.request(method, uri: "sip:dialtone@192.0.2.10:5060")
        message.append("Via", "SIP/2.0/UDP 198.51.100.1:5062;branch=\(branch)")
        message.append("Max-Forwards", "70")
        message.append("From", peer.from)
        message.append("To", peer.to)
        message.append("Call-ID", peer.callID)
        message.append("CSeq", "\(sequence) \(method.rawValue)")
        if let contact, !contact.isEmpty { message.append("Contact", contact) }
        if let body {
            message.append("Content-Type", body.contentType)
            message.body = body.bytes
        }
        return try! SIPMessageParser.parse(message.serialized())
    }

    /// The response the user agent gave on `server`, latest first.
    func response(on server: SIPServerRequestID) -> SIPMessage? {
        responses.last { $0.0 == server }?.1
    }

    var sessionOffers: [(call: SIPCallHandle, question: Int, offer: SIPSessionBody?)] {
        events.compactMap { if case let .sessionOffer(call, question, offer) = $0 { (call, question, offer) } else { nil } }
    }

    var sessionUpdates: [(accepted: Bool, code: Int, reason: String)] {
        events.compactMap { if case let .sessionUpdated(_, accepted, code, reason) = $0 { (accepted, code, reason) } else { nil } }
    }

    /// The remote session bodies told, as text.
    var remoteSessions: [String] {
        events.compactMap { if case let .remoteSession(_, _, body) = $0 { String(decoding: body, as: UTF8.self) } else { nil } }
    }

    var errors: [String] {
        events.compactMap { if case let .error(text) = $0 { text } else { nil } }
    }
}

import SIPCore

/// An RFC 3261 §12 dialog: what in-dialog requests are built from, and how received
/// in-dialog requests are recognised.
struct SIPDialog: Sendable {
    var callID: String
    var localTag: String
    var remoteTag: String
    /// Our URI and the peer's (From and To of the requests we send in the dialog).
    var localAddress: SIPNameAddress
    var remoteAddress: SIPNameAddress
    var localSequence: UInt32
    var remoteSequence: UInt32?
    /// The peer's Contact: the Request-URI of our in-dialog requests.
    var remoteTarget: SIPURI
    /// From Record-Route: reversed for the UAC (§12.1.2), as is for the UAS (§12.1.1).
    var routeSet: [SIPNameAddress]

    /// §12.1.2: the dialog a UAC gets from a 2xx (or a 1xx with a tag) to its INVITE.
    static func asClient(invite: SIPMessage, response: SIPMessage, localSequence: UInt32) -> SIPDialog? {
        guard let callID = invite.callID, let from = invite.from, let localTag = from.tag,
              let to = response.to, let remoteTag = to.tag,
              let target = response.parsedContacts.first?.address?.uri.sipURI
        else { return nil }
        var remote = invite.to ?? to
        remote.parameters.set("tag", remoteTag)
        return SIPDialog(
            callID: callID, localTag: localTag, remoteTag: remoteTag, localAddress: from, remoteAddress: remote,
            localSequence: localSequence, remoteSequence: nil, remoteTarget: target,
            routeSet: response.recordRoutes.reversed())
    }

    /// §12.1.1: the dialog a UAS gets when it answers an INVITE with a tag of its own.
    static func asServer(invite: SIPMessage, localTag: String) -> SIPDialog? {
        guard let callID = invite.callID, let from = invite.from, let remoteTag = from.tag,
              var to = invite.to, let cseq = invite.cseq,
              let target = invite.parsedContacts.first?.address?.uri.sipURI
        else { return nil }
        to.parameters.set("tag", localTag)
        return SIPDialog(
            callID: callID, localTag: localTag, remoteTag: remoteTag, localAddress: to, remoteAddress: from,
            localSequence: 0, remoteSequence: cseq.sequence, remoteTarget: target, routeSet: invite.recordRoutes)
    }

    /// Does a received request belong here (Call-ID, our tag in To, theirs in From)?
    func matches(_ request: SIPMessage) -> Bool {
        request.callID == callID && request.to?.tag == localTag && request.from?.tag == remoteTag
    }

    /// §12.2.1.1: the Request-URI, Route headers and next hop of a request in this dialog.
    /// A strict router first in the route set gets the Request-URI, the remote target
    /// goes last in Route.
    var requestTarget: (requestURI: SIPURI, routes: [SIPNameAddress], nextHop: SIPURI) {
        guard let first = routeSet.first, let firstURI = first.uri.sipURI else {
            return (remoteTarget, [], remoteTarget)
        }
        if firstURI.lr {
            return (remoteTarget, routeSet, firstURI)
        }
        var routes = Array(routeSet.dropFirst())
        routes.append(SIPNameAddress(uri: .sip(remoteTarget)))
        return (firstURI, routes, firstURI)
    }
}

extension SIPMessage {
    /// The Contacts, parsed; none when the header is malformed.
    var parsedContacts: [SIPContact] { contacts }
}

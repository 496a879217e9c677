/// Whether the transport under a transaction delivers messages reliably. On a reliable
/// transport (TCP, TLS, SCTP, WebSocket) the transaction layer does not retransmit
/// (Timers A, E, G are not armed) and the wait-for-stragglers timers D, I, J, K are zero.
public enum SIPTransportReliability: Hashable, Sendable {
    case reliable
    case unreliable

    /// The usual reliability of a Via transport token: UDP (and anything unknown) is
    /// unreliable; TCP, TLS, SCTP, TLS-SCTP, WS and WSS are reliable.
    public init(viaTransport: String) {
        switch viaTransport.uppercased() {
        case "TCP", "TLS", "SCTP", "TLS-SCTP", "WS", "WSS": self = .reliable
        default: self = .unreliable
        }
    }
}

import NIOCore
import SIPCore
import SIPTransaction

/// A request that started a server transaction, handed to the transaction user with the
/// means to answer it. Sendable: answering from any thread hops to the endpoint's loop.
public struct SIPServerTransaction: Sendable {
    /// The transaction's name.
    public let key: SIPTransactionKey
    /// The request as received (its top Via already carries received/rport), with where
    /// it came from; responses go back by §18.2.2.
    public let inbound: SIPInboundMessage
    let machine: NIOLoopBoundBox<SIPEndpointMachine>

    public var request: SIPMessage { inbound.message }

    /// Sends `response` on this transaction (provisional or final; the transaction
    /// retransmits and absorbs as §17.2 says). The future fails with a
    /// `SIPTransactionError` when the transaction is gone or will not take it; a
    /// transport failure reaches the TU as the transaction's `transportError` event.
    @discardableResult
    public func respond(with response: SIPMessage) -> EventLoopFuture<Void> {
        let machine = self.machine
        let key = self.key
        let loop = machine.eventLoop
        if loop.inEventLoop { return machine.value.respond(response, on: key) }
        return loop.flatSubmit { machine.value.respond(response, on: key) }
    }

    /// A response to the request (§8.2.6: Via, From, To with `toTag`, Call-ID, CSeq)
    /// sent at once: the common case.
    @discardableResult
    public func respond(status: Int, reasonPhrase: String? = nil, toTag: String? = nil) -> EventLoopFuture<Void> {
        respond(with: .response(to: request, statusCode: status, reasonPhrase: reasonPhrase, toTag: toTag))
    }
}

/// Typed access to the common headers. Each reads its header when asked (nothing is
/// parsed in advance) and is nil when the header is absent or malformed; `validate()`
/// and `parsedValue(_:as:)` say what is wrong with a malformed one.
extension SIPMessage {
    public var callID: String? { (try? parsedValue(.callID, as: SIPCallID.self))?.value }
    public var cseq: SIPCSeq? { try? parsedValue(.cseq, as: SIPCSeq.self) }
    /// The first Via of the first Via line: only that one is parsed.
    public var topVia: SIPVia? { try? parsedValue(.via, as: SIPVia.self) }
    public var vias: [SIPVia] { (try? parsedValues(.via, as: SIPVia.self)) ?? [] }
    public var maxForwards: Int? { (try? parsedValue(.maxForwards, as: SIPMaxForwards.self))?.hops }
    public var contentLength: Int? { (try? parsedValue(.contentLength, as: SIPDeltaSeconds.self)).map { Int($0.seconds) } }
    public var contentType: SIPContentType? { try? parsedValue(.contentType, as: SIPContentType.self) }
    public var expires: UInt32? { (try? parsedValue(.expires, as: SIPDeltaSeconds.self))?.seconds }
    public var minExpires: UInt32? { (try? parsedValue(.minExpires, as: SIPDeltaSeconds.self))?.seconds }
    public var allow: [SIPMethod] { ((try? parsedValues(.allow, as: SIPToken.self)) ?? []).map { SIPMethod($0.value) } }
    public var supported: [String] { ((try? parsedValues(.supported, as: SIPToken.self)) ?? []).map(\.value) }
    public var require: [String] { ((try? parsedValues(.require, as: SIPToken.self)) ?? []).map(\.value) }
    public var proxyRequire: [String] { ((try? parsedValues(.proxyRequire, as: SIPToken.self)) ?? []).map(\.value) }
    public var unsupported: [String] { ((try? parsedValues(.unsupported, as: SIPToken.self)) ?? []).map(\.value) }
    public var retryAfter: SIPRetryAfter? { try? parsedValue(.retryAfter, as: SIPRetryAfter.self) }
    public var warnings: [SIPWarning] { (try? parsedValues(.warning, as: SIPWarning.self)) ?? [] }
    public var reasons: [SIPReason] { (try? parsedValues(.reason, as: SIPReason.self)) ?? [] }
    public var userAgent: String? { value(.userAgent) }
    public var server: String? { value(.server) }
    public var date: SIPDate? { try? parsedValue(.date, as: SIPDate.self) }
}

/// A telephone-event packet `DTMFSender.tick` wrote: send it instead of this interval's audio.
public struct DTMFTick: Sendable, Equatable {
    /// Payload bytes written (always `TelephoneEventPayload.size`).
    public var bytes: Int
    /// Set the RTP marker bit: the first packet of an event.
    public var marker: Bool
    /// RTP timestamp offset of the packet: the stream offset at which the event began,
    /// the same in every packet of the event.
    public var timestampOffset: UInt32

    public init(bytes: Int, marker: Bool, timestampOffset: UInt32) {
        self.bytes = bytes
        self.marker = marker
        self.timestampOffset = timestampOffset
    }
}

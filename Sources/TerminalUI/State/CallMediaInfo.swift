/// A call's media as the call panel shows it: what flows, where, how well, and whether
/// it is held or muted. Plain values, so the screen stays independent of the media runtime.
public struct CallMediaInfo: Sendable, Equatable {
    /// "PCMU/8000".
    public var codec = ""
    public var local = ""
    public var remote = ""
    /// "sendrecv", "sendonly" (we hold), "recvonly" (held by peer), "inactive".
    public var direction = ""
    public var secure = false
    /// The devices in use: "ALSA default", "file in.wav (8000 Hz mono)", "null".
    public var input = ""
    public var output = ""
    /// "on hold", "held by peer", or empty.
    public var hold = ""
    public var muted = false
    /// Digits received, newest last (RFC 4733 or SIP INFO), the last few kept.
    public var digitsReceived = ""
    public var figures = CallMediaFigures()
    /// The closing summary once the call ended ("rtp: sent …").
    public var summary: String?

    public init() {}
}

/// The live figures of a call's stream.
public struct CallMediaFigures: Sendable, Equatable {
    public var packetsSent: UInt64 = 0
    public var packetsReceived: UInt64 = 0
    public var lossPercent: Double = 0
    public var jitterMilliseconds: Double = 0
    public var roundTripMilliseconds: Double?
    public var mos: Double?
    /// Peak levels of the last frame, 0…32767.
    public var inputPeak = 0
    public var outputPeak = 0

    public init(packetsSent: UInt64 = 0, packetsReceived: UInt64 = 0, lossPercent: Double = 0, jitterMilliseconds: Double = 0,
                roundTripMilliseconds: Double? = nil, mos: Double? = nil, inputPeak: Int = 0, outputPeak: Int = 0) {
        self.packetsSent = packetsSent
        self.packetsReceived = packetsReceived
        self.lossPercent = lossPercent
        self.jitterMilliseconds = jitterMilliseconds
        self.roundTripMilliseconds = roundTripMilliseconds
        self.mos = mos
        self.inputPeak = inputPeak
        self.outputPeak = outputPeak
    }
}

/// What the media side says about a call (the wiring turns the runtime's events into these).
public enum CallMediaUpdate: Sendable, Equatable {
    case started(codec: String, local: String, remote: String, direction: String, secure: Bool, input: String, output: String)
    case hold(String)
    case muted(Bool)
    case dtmfReceived(Character)
    case figures(CallMediaFigures)
    case ended(summary: String)
    case note(String)
}

/// What the screen asks of a call's media.
public enum CallMediaCommand: Sendable, Equatable {
    case hold
    case resume
    case mute(Bool)
    case dtmf(String)
}

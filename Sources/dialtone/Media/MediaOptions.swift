import ArgumentParser
import DialtoneConfig
import Media
import MediaNIO

/// The media flags of the screen, `call` and `answer`: where audio comes from and goes to,
/// which codecs, SRTP. Flags override the config's `[audio]` table.
struct MediaOptions: ParsableArguments {
    @Option(name: .customLong("audio-in"), help: ArgumentHelp("Play this WAV file (16-bit PCM, mono or stereo, any usual rate) into the call, looped.", valueName: "FILE.wav"))
    var audioIn: String?

    @Option(name: .customLong("audio-out"), help: ArgumentHelp("Record everything received, decoded, into this WAV file (16-bit PCM).", valueName: "FILE.wav"))
    var audioOut: String?

    @Option(name: .customLong("audio-device"), help: ArgumentHelp("ALSA device for capture and playback (default: the config's [audio] device, else `default`); `null` for none, `tone:HZ` for a test tone.", valueName: "NAME"))
    var audioDevice: String?

    @Option(help: ArgumentHelp("Offer or accept only these codecs, in this order (default: opus,g722,pcmu,pcma).", valueName: "LIST"))
    var codecs: String?

    @Option(name: .customLong("opus-bitrate"), help: ArgumentHelp("Opus bit rate in bits per second (6000-510000; default: libopus's choice).", valueName: "BPS"))
    var opusBitrate: Int?

    @Flag(help: "Offer SRTP (RFC 4568 SDES keys) even when signalling is not over TLS.")
    var srtp = false

    @Option(name: .customLong("srtp-policy"), help: ArgumentHelp("optional (plain RTP when the peer has no SRTP) or mandatory (RTP/SAVP, refused without).", valueName: "optional|mandatory"))
    var srtpPolicy: String?

    @Option(name: .customLong("rtp-ports"), help: ArgumentHelp("The range RTP/RTCP port pairs are taken from.", valueName: "LOW-HIGH"))
    var rtpPorts: String?

    func validate() throws {
        if let codecs { _ = try parsedCodecs(codecs) }
        if let opusBitrate, !(6000...510_000).contains(opusBitrate) {
            throw ValidationError("--opus-bitrate \(opusBitrate): use 6000 to 510000 bits per second")
        }
        _ = try parsedPolicy(signallingTLS: false)
        _ = try parsedPorts()
        if let audioDevice {
            do { _ = try AudioDeviceChoice(parsing: audioDevice) } catch { throw ValidationError("--audio-device \(audioDevice): \(error)") }
        }
    }

    func parsedCodecs(_ text: String) throws -> [SDPCodec] {
        do { return try SDPCodec.parseList(text) } catch { throw ValidationError("--codecs \(text): \(error)") }
    }

    func parsedPolicy(signallingTLS: Bool) throws -> SRTPMode {
        switch srtpPolicy?.lowercased() {
        case nil: return srtp || signallingTLS ? .optional : .off
        case "optional": return .optional
        case "mandatory": return .mandatory
        case "off": return .off
        case let other?: throw ValidationError("--srtp-policy \(other): use optional or mandatory")
        }
    }

    func parsedPorts() throws -> ClosedRange<Int> {
        guard let rtpPorts else { return 40_000...49_999 }
        let parts = rtpPorts.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1024 <= low, low + 1 < high, high <= 65_535 else {
            throw ValidationError("--rtp-ports \(rtpPorts): use LOW-HIGH within 1024-65535, at least two ports apart")
        }
        return low...high
    }

    /// The controller's settings for one run.
    func settings(placement: LocalPlacement, configuration: DialtoneConfiguration, signallingTLS: Bool,
                  autoAnswer: Bool) throws -> CallMediaController.Settings {
        let device = audioDevice ?? configuration.audioDevice ?? "default"
        let shared: AudioDeviceChoice
        do { shared = try AudioDeviceChoice(parsing: device) } catch {
            throw ValidationError("\(audioDevice != nil ? "--audio-device" : "[audio] device") \(device): \(error)")
        }
        let plan = MediaDevicePlan(input: audioIn.map { .file($0) } ?? shared,
                                   output: audioOut.map { .file($0) } ?? (shared.isInputOnly ? .null : shared))
        var settings = CallMediaController.Settings(devices: plan, advertisedHost: placement.mediaHost, bindHost: placement.mediaBindHost)
        if let codecs { settings.codecs = try parsedCodecs(codecs) } else if let configured = configuration.audioCodecs {
            settings.codecs = try parsedCodecs(configured)
        }
        settings.opusBitrate = opusBitrate
        settings.srtp = try parsedPolicy(signallingTLS: signallingTLS)
        settings.ports = try parsedPorts()
        settings.autoAnswer = autoAnswer || configuration.autoAnswer
        return settings
    }
}

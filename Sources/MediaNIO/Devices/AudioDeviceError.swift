// Why a device could not be opened, in words a user can act on.

/// A device, file or tone that could not be opened. `description` is the sentence to show,
/// naming the file or device and the underlying library's reason.
public struct AudioDeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that reacts differently (falling back to null, for one).
    public enum Kind: Sendable, Equatable {
        /// The file does not exist.
        case fileNotFound
        /// The path is a directory or something else that is not a regular file.
        case notAFile
        /// The file exists but has no bytes or no audio frames.
        case emptyFile
        /// libsndfile cannot read it, or reads it as a container that is not WAV.
        case notWAV
        /// WAV with a channel count other than 1 or 2.
        case unsupportedChannels
        /// libsndfile read it but failed while opening (permission, damaged header).
        case unreadableFile
        /// The output file cannot be created.
        case cannotCreateFile
        /// A rate or channel count the devices do not take (1 or 2 channels, 1000…384000 Hz).
        case unsupportedFormat
        /// The tone's frequency or steps are not playable at this rate.
        case invalidTone
        /// ALSA could not open the device (unknown name, busy, no card).
        case deviceUnavailable
        /// ALSA opened the device but it cannot run at the rate, channels or period asked for.
        case deviceFormat
        /// The ALSA configuration text does not parse.
        case invalidALSAConfiguration
        /// A command-line device text that means nothing, or a choice that cannot play this role.
        case invalidChoice
    }

    public var kind: Kind
    /// The file path or device name concerned.
    public var subject: String
    /// The reason in plain words, including the library's own message where it has one.
    public var reason: String

    public init(_ kind: Kind, subject: String, reason: String) {
        self.kind = kind
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .fileNotFound, .notAFile, .emptyFile, .notWAV, .unsupportedChannels, .unreadableFile:
            return "audio file \(subject): \(reason)"
        case .cannotCreateFile:
            return "cannot create audio file \(subject): \(reason)"
        case .unsupportedFormat:
            return "audio format for \(subject): \(reason)"
        case .invalidTone:
            return "tone \(subject): \(reason)"
        case .deviceUnavailable:
            return "cannot open ALSA device \(subject): \(reason)"
        case .deviceFormat:
            return "ALSA device \(subject): \(reason)"
        case .invalidALSAConfiguration:
            return "ALSA configuration: \(reason)"
        case .invalidChoice:
            return "audio device \"\(subject)\": \(reason)"
        }
    }
}

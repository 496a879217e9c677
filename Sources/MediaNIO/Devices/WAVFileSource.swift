// A WAV file played into the call, looped for the length of the call (libsndfile).
import CSndFile
import Glibc

/// Plays a WAV file as a call's microphone, from the start again at its end.
///
/// Accepts the WAV family (WAV, WAVE_FORMAT_EXTENSIBLE, RF64, Wave64) in any encoding
/// libsndfile decodes: 16-bit PCM as is; 8/24/32-bit PCM, µ-law, A-law and ADPCM converted by
/// libsndfile to 16 bits (wider samples keep their top 16 bits); 32/64-bit float scaled from
/// ±1.0 to ±32767 with clipping (libsndfile's own float-to-short reading would give near
/// silence). Mono or stereo, at the file's own rate: `format` reports it and the audio thread
/// resamples. Other containers (AIFF, FLAC…), more than 2 channels, and files without frames
/// are refused with an `AudioDeviceError`.
public final class WAVFileSource: AudioSource {
    public let format: AudioFormat
    public let name: String
    public var pacesItself: Bool { false }
    /// Frames in one pass through the file.
    public let framesInFile: Int
    /// Times the file has wrapped back to its start.
    public private(set) var loopCount = 0
    /// Reads that failed and were filled with silence instead.
    public private(set) var readErrors = 0

    private var file: OpaquePointer?
    /// Float files only: libsndfile decodes into this, then it is scaled to Int16.
    private let floatScratch: UnsafeMutableBufferPointer<Float>?
    private static let floatScratchFrames = 1024

    /// Opens `path` for reading; throws `AudioDeviceError` naming the path and the reason.
    public init(path: String) throws {
        switch AudioFilePath.status(of: path) {
        case .missing:
            throw AudioDeviceError(.fileNotFound, subject: path, reason: "no such file")
        case .notRegularFile:
            throw AudioDeviceError(.notAFile, subject: path, reason: "is a directory or special file, not a WAV file")
        case .empty:
            throw AudioDeviceError(.emptyFile, subject: path, reason: "is empty (0 bytes)")
        case .unknown(let code):
            throw AudioDeviceError(.unreadableFile, subject: path, reason: AudioFilePath.describe(errno: code))
        case .regularFile:
            break
        }
        var info = SF_INFO()
        guard let opened = sf_open(path, Int32(SFM_READ), &info) else {
            let code = sf_error(nil)
            let message = String(cString: sf_strerror(nil))
            if code == Int32(SF_ERR_UNRECOGNISED_FORMAT) {
                throw AudioDeviceError(.notWAV, subject: path, reason: "not a WAV file (libsndfile: \(message))")
            }
            throw AudioDeviceError(.unreadableFile, subject: path, reason: "libsndfile: \(message)")
        }
        let container = Int(info.format) & Int(SF_FORMAT_TYPEMASK)
        let encoding = Int(info.format) & Int(SF_FORMAT_SUBMASK)
        guard Self.wavContainers.contains(container) else {
            sf_close(opened)
            throw AudioDeviceError(.notWAV, subject: path,
                                   reason: "not a WAV file (libsndfile reads it as \(Self.containerName(container)))")
        }
        guard (1...2).contains(Int(info.channels)) else {
            sf_close(opened)
            throw AudioDeviceError(.unsupportedChannels, subject: path,
                                   reason: "has \(info.channels) channels; only mono and stereo are played")
        }
        guard info.frames > 0 else {
            sf_close(opened)
            throw AudioDeviceError(.emptyFile, subject: path, reason: "has no audio (0 frames)")
        }
        let format = AudioFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
        guard format.isSupportedByDevices else {
            sf_close(opened)
            throw AudioDeviceError(.unsupportedFormat, subject: path,
                                   reason: "sample rate \(format.sampleRate) Hz is outside 1000…384000 Hz")
        }
        self.file = opened
        self.format = format
        self.framesInFile = Int(info.frames)
        self.name = "file \(AudioFilePath.fileName(of: path)) (\(format.label))"
        if encoding == Int(SF_FORMAT_FLOAT) || encoding == Int(SF_FORMAT_DOUBLE) {
            let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: Self.floatScratchFrames * format.channels)
            scratch.initialize(repeating: 0)
            floatScratch = scratch
        } else {
            floatScratch = nil
        }
    }

    deinit {
        if let file { sf_close(file) }
        floatScratch?.deallocate()
    }

    public func read(into samples: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return 0 }
        let channels = format.channels
        var done = 0
        var rewoundWithoutData = false
        while done < frames {
            let got = file.map { decode(from: $0, into: base + done * channels, frames: frames - done) } ?? 0
            if got > 0 {
                done += got
                rewoundWithoutData = false
                continue
            }
            // End of file (or an error): go back to the start once; a second empty read is an error.
            if let file, !rewoundWithoutData, sf_error(file) == 0, sf_seek(file, 0, SEEK_SET) == 0 {
                loopCount += 1
                rewoundWithoutData = true
                continue
            }
            readErrors += 1
            (base + done * channels).update(repeating: 0, count: (frames - done) * channels)
            done = frames
        }
        return frames
    }

    /// Decodes up to `frames` frames straight into `destination` (or through the float scratch).
    private func decode(from file: OpaquePointer, into destination: UnsafeMutablePointer<Int16>, frames: Int) -> Int {
        guard let scratch = floatScratch, let scratchBase = scratch.baseAddress else {
            return Int(sf_readf_short(file, destination, sf_count_t(frames)))
        }
        let want = min(frames, Self.floatScratchFrames)
        let got = Int(sf_readf_float(file, scratchBase, sf_count_t(want)))
        guard got > 0 else { return 0 }
        for index in 0..<(got * format.channels) {
            let scaled = (scratchBase[index] * 32767).rounded()
            // A damaged file's NaN becomes silence; anything past full scale clips.
            destination[index] = scaled.isNaN ? 0 : Int16(max(-32768, min(32767, scaled)))
        }
        return got
    }

    private static let wavContainers: Set<Int> = [
        Int(SF_FORMAT_WAV), Int(SF_FORMAT_WAVEX), Int(SF_FORMAT_RF64), Int(SF_FORMAT_W64),
    ]

    private static func containerName(_ container: Int) -> String {
        var info = SF_FORMAT_INFO()
        info.format = Int32(container)
        guard sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
              let name = info.name else { return "another format" }
        return String(cString: name)
    }
}

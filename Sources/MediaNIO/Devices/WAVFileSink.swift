// A 16-bit PCM WAV recorder for what the call plays (libsndfile).
import CSndFile
import Glibc

/// Records a call's audio into a 16-bit PCM WAV file at a given format. An existing file is
/// replaced. The header is final after close(); until then libsndfile leaves the data size
/// open (a crash leaves a file that most tools still read up to its real length).
public final class WAVFileSink: AudioSink {
    public let format: AudioFormat
    public let name: String
    public var pacesItself: Bool { false }
    /// Frames taken into the file so far.
    public private(set) var framesWritten = 0
    /// Writes that libsndfile did not complete (disk full, I/O error) or that came after close().
    public private(set) var writeErrors = 0

    private var file: OpaquePointer?

    /// Creates (or truncates) `path`; throws `AudioDeviceError` naming the path and the reason.
    public init(path: String, format: AudioFormat) throws {
        guard format.isSupportedByDevices else {
            throw AudioDeviceError(.unsupportedFormat, subject: path,
                                   reason: "\(format.label) is not 1–2 channels at 1000…384000 Hz")
        }
        if AudioFilePath.isDirectory(path) {
            throw AudioDeviceError(.cannotCreateFile, subject: path, reason: "is a directory")
        }
        var info = SF_INFO()
        info.samplerate = Int32(format.sampleRate)
        info.channels = Int32(format.channels)
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        guard let opened = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw AudioDeviceError(.cannotCreateFile, subject: path,
                                   reason: "libsndfile: \(String(cString: sf_strerror(nil)))")
        }
        self.file = opened
        self.format = format
        self.name = "file \(AudioFilePath.fileName(of: path)) (\(format.label))"
    }

    deinit {
        if let file { sf_close(file) }
    }

    public func write(_ samples: UnsafeBufferPointer<Int16>, frames: Int) {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return }
        guard let file else {
            writeErrors += 1
            return
        }
        let written = Int(sf_writef_short(file, base, sf_count_t(frames)))
        framesWritten += max(0, written)
        if written != frames { writeErrors += 1 }
    }

    public func close() {
        guard let file else { return }
        sf_close(file)  // writes the final RIFF and data sizes
        self.file = nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries out `AppEffect.saveLog`: the pcap and the text log, written whole or not at
/// all (each goes to a temporary name first, then is renamed into place).
public enum LogFileWriter {
    /// What to tell the user: where the files went, or why they did not.
    public static func save(_ request: LogExportRequest) -> (text: String, isError: Bool) {
        let pcap = PcapWriter().file(request.entries)
        let text = Array(TextLogWriter().text(request.entries).utf8)
        if let problem = write(pcap, to: request.pcapPath) ?? write(text, to: request.textPath) {
            return ("could not save the log: \(problem)", true)
        }
        return ("saved \(request.entries.count) messages to \(request.pcapPath) and \(request.textPath)", false)
    }

    /// Nil on success, else the reason in words.
    static func write(_ bytes: [UInt8], to path: String) -> String? {
        let temporary = path + ".partial"
        guard let file = fopen(temporary, "wb") else { return "\(path): \(String(cString: strerror(errno)))" }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "\(path): \(reason)"
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "\(path): \(reason)"
        }
        return nil
    }
}

/// SRTP master keys in a session description (RFC 4568 `a=crypto:1 … inline:KEY`) are
/// secrets, like passwords: what a person sees of a message — the screen's detail pane, the
/// text export, `--trace` — shows `inline:<hidden>`. The wire (and a pcap) keep the key.
public enum SessionKeyMask {
    static let marker = Array("inline:".utf8)

    /// `text` with every inline key replaced; unchanged (and not copied) when there is none.
    public static func masked(_ text: String) -> String {
        guard text.contains("inline:") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "i"), bytes[index...].starts(with: marker) {
                out += marker + Array("<hidden>".utf8)
                index += marker.count
                while index < bytes.count, isKeyByte(bytes[index]) { index += 1 }
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "=")
    }
}

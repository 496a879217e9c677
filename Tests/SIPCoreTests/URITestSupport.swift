@testable import SIPCore

/// The error that `body` throws, or nil when it succeeds.
func syntaxError<T>(_ body: () throws(SIPSyntaxError) -> T) -> SIPSyntaxError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The octet offset of the `occurrence`-th `needle` in `text` (1-based occurrence).
func offset(of needle: String, in text: String, occurrence: Int = 1) -> Int {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    var seen = 0
    var index = 0
    while index + pattern.count <= haystack.count {
        if Array(haystack[index..<index + pattern.count]) == pattern {
            seen += 1
            if seen == occurrence { return index }
        }
        index += 1
    }
    return -1
}

/// Parses `text` as a whole URI with the internal byte-range entry point.
func parseURI(_ text: String) throws(SIPSyntaxError) -> AnyURI {
    let bytes = Array(text.utf8)
    return try AnyURI.parse(bytes, in: 0..<bytes.count)
}

func parseSIP(_ text: String) throws(SIPSyntaxError) -> SIPURI {
    let bytes = Array(text.utf8)
    return try SIPURI.parse(bytes, in: 0..<bytes.count)
}

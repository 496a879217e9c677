extension SIPMessage {
    /// The message as octets. Unchanged parts of a parsed message are copied as they
    /// were received; lines added or changed in code are written `Name: value` with CRLF.
    /// A message built in code gets a Content-Length matching its body when it has none.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.isEmpty ? 512 + bodyCount : bytes.count)

        if let raw = rawStartLine {
            out.append(contentsOf: bytes[raw])
        } else {
            switch startLine {
            case let .request(method, uri, version):
                out.append(contentsOf: "\(method.rawValue) \(uri) \(version)\r\n".utf8)
            case let .response(version, code, reason):
                out.append(contentsOf: "\(version) \(code) \(reason)\r\n".utf8)
            }
        }

        var hasContentLength = false
        for field in fields {
            if field.kind == .contentLength { hasContentLength = true }
            switch field.storage {
            case let .parsed(_, _, line):
                out.append(contentsOf: bytes[line])
            case let .built(name, value):
                out.append(contentsOf: name.utf8)
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: value)
                out.append(contentsOf: [.cr, .lf])
            }
        }
        if !hasContentLength && isBuilt {
            out.append(contentsOf: "Content-Length: \(bodyCount)\r\n".utf8)
        }

        // The empty line: as received when the headers are all original.
        if rawStartLine != nil, rawHeaderEnd < bytes.count, case .parsed(let body) = bodyStorage,
           body.lowerBound <= bytes.count, body.lowerBound > rawHeaderEnd {
            out.append(contentsOf: bytes[rawHeaderEnd..<body.lowerBound])
        } else {
            out.append(contentsOf: [.cr, .lf])
        }

        switch bodyStorage {
        case let .parsed(range): out.append(contentsOf: bytes[range])
        case let .built(body): out.append(contentsOf: body)
        }
        return out
    }

    /// The serialized message as text (lossy for octets that are not UTF-8).
    public var text: String { String(decoding: serialized(), as: UTF8.self) }

    var isBuilt: Bool { bytes.isEmpty }
}

/// Why a codec list could not be read; the description is meant for the user as is.
public struct SDPCodecListError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No codec at all: a call could never agree on one.
        case empty
        /// Nothing between two commas (1-based position in the list).
        case emptyItem(position: Int)
        /// A name Dialtone does not implement.
        case unknown(String)
    }

    public var kind: Kind

    public var description: String {
        let known = SDPCodec.allCases.map(\.rawValue).joined(separator: ", ")
        switch kind {
        case .empty: return "the codec list is empty; name at least one of \(known)"
        case .emptyItem(let position): return "codec list item \(position) is empty; use names such as \(known)"
        case .unknown(let name): return "unknown codec \"\(name)\"; Dialtone knows \(known)"
        }
    }
}

/// A line Dialtone does not interpret (`i=`, `u=`, `e=`, `p=`, `r=`, `z=`, `k=` or an unknown
/// letter): kept so a description passes through unchanged.
public struct SDPOtherLine: Sendable, Equatable {
    /// The type letter before `=`.
    public var type: Character
    /// Everything after `=`, as written.
    public var value: String

    public init(type: Character, value: String) {
        self.type = type
        self.value = value
    }
}

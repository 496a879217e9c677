import ArgumentParser
import SIPUserAgent

/// `dialtone call --no-tui`'s exit status, one per way a call can end (README, "Exit status").
enum HeadlessExitStatus {
    static let connected: Int32 = 0
    static let otherError: Int32 = 1
    static let usage: Int32 = 2
    static let unreachable: Int32 = 3
    static let rejected: Int32 = 4
    static let authenticationFailed: Int32 = 5
    static let redirectFailed: Int32 = 6
    static let cancelled: Int32 = 7

    static func status(for end: SIPCallEnd) -> Int32 {
        switch end.cause {
        case .normal: connected
        case .rejected: rejected
        case .unreachable: unreachable
        case .authenticationFailed: authenticationFailed
        case .redirectFailed: redirectFailed
        case .cancelled: cancelled
        case .failed: otherError
        }
    }
}

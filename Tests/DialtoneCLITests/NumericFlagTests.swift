import Testing

/// Every numeric flag of `call`, `answer` and `register` goes through one validator: a
/// value that is not finite or out of range is a usage error (exit 2) naming the flag,
/// before anything starts — never a crash (`inf`, `nan` and `1e300` used to trap) and never
/// accepted (`--duration=-1`, `--redirect-limit 0`, which the config refuses).
@Suite struct NumericFlagTests: DialtoneCLITest {
    static let cases: [([String], String)] = [
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--duration", "inf"], "--duration"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--duration", "nan"], "--duration"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--duration", "1e300"], "--duration"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--duration", "0.0001"], "--duration"),
        (["answer", "--no-tui", "--duration=-1"], "--duration"),
        (["register", "--no-tui", "--aor", "sip:a@127.0.0.1", "--registrar", "sip:127.0.0.1:9", "--duration", "inf"], "--duration"),
        (["register", "--no-tui", "--aor", "sip:a@127.0.0.1", "--registrar", "sip:127.0.0.1:9", "--expires", "0"], "--expires"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--redirect-limit", "0"], "--redirect-limit"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--auth-attempts", "99"], "--auth-attempts"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--transport", "sctp"], "--transport"),
        (["answer", "--no-tui", "--transport", "sctp"], "--transport"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--opus-bitrate", "5"], "--opus-bitrate"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--codecs", "pcmu,speex"], "--codecs"),
        (["call", "sip:bob@127.0.0.1:9", "--no-tui", "--rtp-ports", "9-8"], "--rtp-ports"),
    ]

    @Test(arguments: cases)
    func aBadValueIsAUsageErrorNamingTheFlag(arguments: [String], flag: String) throws {
        let run = try dialtone(arguments: arguments)
        #expect(run.status == 2, "exit \(run.status)\n\(run.stderr)")
        #expect(run.stderr.contains(flag), "the message does not name \(flag):\n\(run.stderr)")
    }
}

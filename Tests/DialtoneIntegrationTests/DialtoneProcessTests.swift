import Foundation
import SIPTestSupport
import Testing

/// SIPTestSupport's DialtoneProcess, on the commands that exist today (`dialtone parse`),
/// so that the headless tests stand on a runner that is known to work: stdin written at
/// any time and closed, output read line by line, JSON lines, time limits, Ctrl-C.
@Suite("DialtoneProcess runs dialtone", .timeLimit(.minutes(1)))
struct DialtoneProcessTests {
    static let options = "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:a@b>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"

    @Test func inputWrittenThenClosedAndALineWaitedFor() async throws {
        let dialtone = try DialtoneProcess(["parse"])
        defer { dialtone.kill() }
        try await Task.sleep(for: .milliseconds(100))
        try dialtone.write(Self.options)
        dialtone.closeInput()
        let line = try await dialtone.waitForLine(containing: "valid request OPTIONS")
        #expect(line.hasPrefix("<stdin>:"))
        #expect(try await dialtone.waitForExit() == 0)
        #expect(dialtone.lines(.stderr).isEmpty)
    }

    @Test func jsonLines() async throws {
        let dialtone = try DialtoneProcess(["parse", "--json"])
        defer { dialtone.kill() }
        try dialtone.write(Self.options)
        dialtone.closeInput()
        #expect(try await dialtone.waitForExit() == 0)
        let json = try #require(dialtone.jsonLines.first, "\(dialtone.transcript)")
        #expect(json["method"] == "OPTIONS")
        #expect(json["valid"] == "true")
        #expect(json["body_length"] == "0")
        #expect(json["status"] == nil)
    }

    @Test func aLineThatNeverComesIsAClearFailure() async throws {
        let dialtone = try DialtoneProcess(["parse", "--stream"])
        defer { dialtone.kill() }
        await #expect(throws: TestSupportError.self) {
            try await dialtone.waitForLine(containing: "never printed", timeout: .milliseconds(300))
        }
        dialtone.closeInput()
        #expect(try await dialtone.waitForExit() == 0)
    }

    @Test func ctrlCEndsIt() async throws {
        let dialtone = try DialtoneProcess(["parse", "--stream"])
        defer { dialtone.kill() }
        try await Task.sleep(for: .milliseconds(200))
        dialtone.interrupt()
        // `parse` has no SIGINT handler, so the signal ends it (waitForExit says so by
        // throwing); `call` will handle it and exit 7.
        let start = ContinuousClock.now
        let error = await #expect(throws: TestSupportError.self) { try await dialtone.waitForExit(timeout: .seconds(5)) }
        #expect(error?.description.contains("ended by signal 2") == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(!dialtone.isRunning)
    }

    @Test func usageErrorsExit2() async throws {
        let dialtone = try DialtoneProcess(["parse", "--no-such-flag"])
        defer { dialtone.kill() }
        #expect(try await dialtone.waitForExit() == 2)
        #expect(!dialtone.output(.stderr).isEmpty)
    }
}

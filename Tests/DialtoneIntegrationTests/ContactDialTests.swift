import Foundation
import SIPTestSupport
import Testing

/// `dialtone call NAME --no-tui` dials a contact of config.toml by its name.
@Suite("Contacts from the command line", .timeLimit(.minutes(1)))
struct ContactDialTests {
    @Test func aContactNameDialsItsTarget() async throws {
        let directory = try TemporaryDirectory(prefix: "dialtone-contacts")
        defer { directory.remove() }
        try directory.write("[contacts]\n\"Busy Line\" = \"486\"\n", to: "config.toml")
        let call = try DialtoneProcess.call("busy line", ["--demo", "--config", directory.path("config.toml"), "--json"])
        defer { call.kill() }
        let status = try await call.waitForExit(timeout: .seconds(15))
        #expect(status == DialtoneExit.rejected, "\(call.transcript)")
        let started = call.jsonLines.first { $0.event == "call_started" }
        #expect(started?.raw.contains("sip:486@127.0.0.1:") == true, "\(call.transcript)")
        #expect(call.jsonLines.contains { $0.event == "call_state" && $0["code"] == "486" }, "\(call.transcript)")
    }
}

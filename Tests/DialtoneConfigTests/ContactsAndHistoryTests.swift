import Foundation
import SIPUserAgent
import Testing

@testable import DialtoneConfig

/// `[contacts]` in config.toml, and the dial history kept between runs.
@Suite("Contacts and the dial history")
struct ContactsAndHistoryTests {
    static let path = "/home/ada/.config/dialtone/config.toml"

    func parse(_ text: String) throws(DialtoneConfigError) -> DialtoneConfiguration {
        try DialtoneConfiguration.parse(text, path: Self.path, home: "/home/ada")
    }

    @Test func contactsKeepTheFilesOrder() throws {
        let config = try parse("""
            [contacts]
            zoe = "sip:zoe@example.test"
            "front desk" = "+1 555 0100"
            bob = "bob@pbx.example.test:5062"
            """)
        #expect(config.contacts == [SIPDialContact(name: "zoe", target: "sip:zoe@example.test"),
                                    SIPDialContact(name: "front desk", target: "+1 555 0100"),
                                    SIPDialContact(name: "bob", target: "bob@pbx.example.test:5062")])
    }

    @Test(arguments: [
        ("[contacts]\nbob = \"sip:\"", #"config.toml:2: contacts.bob: "sip:" cannot be dialled: "sip:" is not a SIP URI"#),
        ("[contacts]\nbob = 5", "config.toml:2: contacts.bob: "),
        ("[contacts]\nbob = \"\"", "config.toml:2: contacts.bob: "),
        ("contacts = \"bob\"", "config.toml:1: contacts: "),
    ])
    func aBadContactNamesLineAndKey(text: String, start: String) {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            let problems = error.problems.map(\.description)
            #expect(problems.count == 1 && problems[0].hasPrefix("~/.config/dialtone/" + start), "\(problems)")
        }
    }

    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theHistoryLivesUnderXDGStateHomeElseTheHome() {
        #expect(DialHistoryFile.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/dialtone/history")
        #expect(DialHistoryFile.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path
            == "/h/.local/state/dialtone/history")
        #expect(DialHistoryFile.standard(environment: ["HOME": "/h"]).path == "/h/.local/state/dialtone/history")
    }

    @Test func entriesAreKeptOnceNewestLastWithinTheLimitIn0600() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = DialHistoryFile(path: directory + "/state/dialtone/history", limit: 3)
        #expect(try history.load().get() == [], "a missing file is an empty history")
        for entry in ["100", "302", "100", "bob", "486"] { try history.append(entry).get() }
        #expect(try history.load().get() == ["100", "bob", "486"])
        let text = try String(contentsOfFile: history.path, encoding: .utf8)
        #expect(text == "100\nbob\n486\n")
        let mode = try #require(FileManager.default.attributesOfItem(atPath: history.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let parent = try #require(FileManager.default.attributesOfItem(atPath: directory + "/state/dialtone")[.posixPermissions] as? Int)
        #expect(parent == 0o700)
    }

    @Test func aTaken301ReplacesTheEntry() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = DialHistoryFile(path: directory + "/history")
        for entry in ["bob", "100", "carol"] { try history.append(entry).get() }
        try history.replace("bob", with: "sip:bob@new.example.test").get()
        #expect(try history.load().get() == ["100", "carol", "sip:bob@new.example.test"])
    }

    @Test func aLineBreakOrAnUnreadableFileIsAnErrorNotACrash() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = DialHistoryFile(path: directory + "/history")
        #expect(throws: DialHistoryError.self) { try history.append("a\nb").get() }
        try FileManager.default.createDirectory(atPath: history.path, withIntermediateDirectories: true)
        #expect(throws: DialHistoryError.self) { try history.load().get() }
        do {
            _ = try history.load().get()
        } catch {
            #expect(error.description.hasPrefix("history \(history.path): "), "\(error)")
        }
    }
}

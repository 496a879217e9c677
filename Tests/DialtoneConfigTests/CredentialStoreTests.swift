import Foundation
import SIPUserAgent
import Testing

@testable import DialtoneConfig

/// The opt-in password file: created 0600 from the first byte, refused when others could
/// read it, and never showing a password in any message.
@Suite("The credential store")
struct CredentialStoreTests {
    /// A scratch directory, removed by the caller.
    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-creds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static let demo = DialtoneCredentialStore.Entry(realm: "dialtone-demo", host: "127.0.0.1", username: "demo", password: "demo")
    static let tricky = DialtoneCredentialStore.Entry(realm: "a \"quoted\" realm", host: "sip.example.test:5061",
                                                      username: "ada", password: "hunter2\\a\"b\nc\u{1}é")

    @Test func savedFilesAreMode0600AndReadBack() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/nested/dir/credentials.toml"
        var store = try DialtoneCredentialStore.load(path: path)
        #expect(store.entries.isEmpty, "a missing file is an empty store")
        store.remember(Self.demo)
        store.remember(Self.tricky)
        try store.save()
        #expect(try mode(path) == 0o600)
        #expect(try mode(directory + "/nested/dir") == 0o700, "directories it creates are private too")

        let again = try DialtoneCredentialStore.load(path: path)
        #expect(again.entries == [Self.demo, Self.tricky])
        #expect(again.entry(realm: "dialtone-demo", host: "127.0.0.1")?.password == "demo")
        #expect(again.entry(realm: "dialtone-demo", host: "127.0.0.2") == nil)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/nested/dir") == ["credentials.toml"])
    }

    @Test func entriesAndAnswersConvert() {
        let entry = DialtoneCredentialStore.Entry(realm: "r", host: "h", answer: SIPCredentialsAnswer(username: "u", password: "p"))
        #expect(entry == DialtoneCredentialStore.Entry(realm: "r", host: "h", username: "u", password: "p"))
        #expect(entry.answer == SIPCredentialsAnswer(username: "u", password: "p", remember: true))
    }

    @Test func rememberReplacesAndForgetRemoves() {
        var store = DialtoneCredentialStore(path: "/unused")
        store.remember(Self.demo)
        var changed = Self.demo
        changed.password = "other"
        store.remember(changed)
        #expect(store.entries == [changed])
        let first = store.forget(realm: "dialtone-demo", host: "127.0.0.1")
        let second = store.forget(realm: "dialtone-demo", host: "127.0.0.1")
        #expect(first && !second)
        #expect(store.entries.isEmpty)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666])
    func looserPermissionsAreRefused(looseMode: Int) throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/credentials.toml"
        var store = DialtoneCredentialStore(path: path)
        store.remember(Self.demo)
        try store.save()
        try FileManager.default.setAttributes([.posixPermissions: looseMode], ofItemAtPath: path)
        do {
            _ = try DialtoneCredentialStore.load(path: path, environment: ["HOME": "/nonexistent-home"])
            Issue.record("a file with mode \(String(looseMode, radix: 8)) was read")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("\(path): has mode 0\(String(looseMode, radix: 8)),"), "\(message)")
            #expect(message.hasSuffix("Fix it with: chmod 600 \(path)"), "\(message)")
            #expect(!message.contains("demo\""))
        }
    }

    @Test func savingOverALooseFileLeavesA0600One() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/credentials.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data("# old\n".utf8), attributes: [.posixPermissions: 0o644])
        var store = DialtoneCredentialStore(path: path)
        store.remember(Self.demo)
        try store.save()
        #expect(try mode(path) == 0o600, "a new file replaces the old one; it is never chmod-ed")
    }

    @Test func theHomeDirectoryIsShownAsTilde() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/credentials.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        do {
            _ = try DialtoneCredentialStore.load(path: path, environment: ["HOME": directory])
            Issue.record("read")
        } catch {
            #expect(error.description.hasPrefix("~/credentials.toml: has mode 0644"), "\(error)")
            #expect(error.description.hasSuffix("chmod 600 ~/credentials.toml"))
        }
    }

    @Test func passwordsNeverShow() throws {
        #expect(!Self.demo.description.contains("demo)") && Self.demo.description.contains("<redacted>"))
        #expect(!String(reflecting: Self.tricky).contains("hunter2"))
        var dumped = ""
        dump(Self.tricky, to: &dumped)
        #expect(!dumped.contains("hunter2"), "\(dumped)")
        // A malformed entry's error names the key, never the value.
        do {
            _ = try DialtoneCredentialStore.parse("[[credential]]\nrealm = \"r\"\nhost = \"h\"\nusername = \"u\"\npassword = 123456\n",
                                                  path: "/x", shownAs: "/x")
            Issue.record("parsed")
        } catch {
            #expect(error.description == "/x:5: credential[0].password: expected a string, found an integer")
        }
    }

    @Test func malformedStoresAreErrorsWithLines() throws {
        do {
            _ = try DialtoneCredentialStore.parse("""
                [[credential]]
                realm = "r"
                host = "h"
                username = "u"
                password = "p"

                [[credential]]
                realm = "r2"
                usernme = "u"
                password = "p"
                """, path: "/x", shownAs: "/x")
            Issue.record("parsed")
        } catch {
            #expect(error.problems.map(\.description) == [
                "/x:7: credential[1]: missing host",
                "/x:7: credential[1]: missing username",
                "/x:9: credential[1].usernme: unknown key (did you mean username?); the keys of an entry are: realm, host, username, password",
            ])
        }
    }
}

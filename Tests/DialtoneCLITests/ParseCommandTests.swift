import Foundation
import Testing

/// `dialtone parse --json` gives every RFC 4475 message the verdict its MANIFEST asks for.
@Suite struct ParseCommandTests: DialtoneCLITest {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SIPCoreTests/Fixtures")

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: String
        var testDescription: String { "\(name) (\(expected))" }
    }

    static let manifest: [Row] = {
        guard let text = try? String(contentsOf: fixtures.appendingPathComponent("rfc4475/MANIFEST.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map {
            let columns = $0.split(separator: "\t").map(String.init)
            return Row(name: columns[0], expected: columns[2])
        }
    }()

    /// The odd messages a user agent must refuse, with the response it sends.
    static let refused = ["insuf": 400, "multi01": 400]

    func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test(arguments: manifest)
    func verdict(_ row: Row) throws {
        let path = Self.fixtures.appendingPathComponent("rfc4475/\(row.name).dat").path
        let run = try dialtone("parse", "--json", path)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let json = try object(try #require(lines.first))
        let valid = try #require(json["valid"] as? Bool)
        let shouldBeValid = row.expected == "valid" || (row.expected != "invalid" && Self.refused[row.name] == nil)
        #expect(valid == shouldBeValid, "\(row.name): \(json)")
        #expect(run.status == (valid ? 0 : 1))
        if valid {
            #expect(["request", "response"].contains(json["kind"] as? String))
            #expect(json["headers"] is [[String: String]])
            #expect(json["body_length"] is Int)
        } else {
            #expect((json["error"] as? String)?.isEmpty == false)
            #expect((json["line"] as? Int ?? 0) >= 1)
            #expect((json["column"] as? Int ?? 0) >= 1)
        }
        if let code = Self.refused[row.name] {
            #expect(json["response_code"] as? Int == code)
        }
    }

    @Test func validRequestHasTheDocumentedShape() throws {
        let path = Self.fixtures.appendingPathComponent("rfc4475/esc02.dat").path
        let json = try object(try #require(try dialtone("parse", "--json", path).stdout.split(separator: "\n").first))
        #expect(json["kind"] as? String == "request")
        #expect(json["method"] as? String == "RE%47IST%45R")
        #expect(json["uri"] as? String == "sip:registrar.example.com")
        #expect(json["status"] is NSNull)
        #expect(json["reason"] is NSNull)
        #expect(json["body_length"] as? Int == 0)
        let headers = try #require(json["headers"] as? [[String: String]])
        #expect(headers.first?["name"] == "To")
        #expect(headers.contains { $0["name"] == "C%6Fntact" && $0["value"] == "<sip:alias2@host2.example.com>" })
    }

    @Test func responseShapeAndReasons() throws {
        let path = Self.fixtures.appendingPathComponent("rfc4475/noreason.dat").path
        let json = try object(try #require(try dialtone("parse", "--json", path).stdout.split(separator: "\n").first))
        #expect(json["kind"] as? String == "response")
        #expect(json["status"] as? Int == 100)
        #expect(json["reason"] as? String == "")
        #expect(json["method"] is NSNull)
    }

    @Test func nonUTF8ValuesCarryTheirOctets() throws {
        let path = Self.fixtures.appendingPathComponent("rfc4475/intmeth.dat").path
        let run = try dialtone("parse", "--json", path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("value_hex") || !run.stdout.contains("\u{FFFD}"))
    }

    @Test func severalFilesOneLineEachAndExitOneIfAnyIsInvalid() throws {
        let good = Self.fixtures.appendingPathComponent("rfc4475/wsinv.dat").path
        let bad = Self.fixtures.appendingPathComponent("rfc4475/badinv01.dat").path
        let run = try dialtone("parse", "--json", good, bad)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(try dialtone("parse", good, good).status == 0)
    }

    @Test func readsStandardInput() throws {
        let message = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        let run = try dialtone(arguments: ["parse"], input: Array(message.utf8))
        #expect(run.status == 0)
        #expect(run.stdout.contains("valid request OPTIONS sip:a@b"))
        let stream = try dialtone(arguments: ["parse", "--json", "--stream"], input: Array((message + message).utf8))
        #expect(stream.stdout.split(separator: "\n").count == 2)
        #expect(stream.status == 0)
    }

    @Test func summaryNamesTheProblemAndTheResponse() throws {
        let bad = Self.fixtures.appendingPathComponent("rfc4475/badinv01.dat").path
        let run = try dialtone("parse", bad)
        #expect(run.status == 1)
        #expect(run.stdout.contains("INVALID"))
        #expect(run.stdout.contains("line 7, column 29"))
        #expect(run.stdout.contains("a UAS answers 400 Bad Request"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try dialtone("parse", "--no-such-flag").status == 2)
        let missing = try dialtone("parse", "/nonexistent/message.sip")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/message.sip"))
    }
}

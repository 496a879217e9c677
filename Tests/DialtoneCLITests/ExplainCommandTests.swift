import Foundation
import Testing

/// Runs the built `dialtone` binary, as a user would, and checks exit statuses and output.
/// The rendering itself is tested in SIPCoreTests; this checks the command around it.
@Suite struct ExplainCommandTests: DialtoneCLITest {
    @Test func binaryIsFound() throws {
        #expect(try Self.binary().lastPathComponent == "dialtone")
    }

    @Test func explainsOneCode() throws {
        let run = try dialtone("explain", "302")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("302 Moved Temporarily\n"))
        #expect(run.stdout.contains("What it means"))
        #expect(run.stdout.contains("When you see it"))
        #expect(run.stdout.contains("How to fix it"))
        #expect(run.stderr.isEmpty)
    }

    @Test func comparesTwoCodes() throws {
        let run = try dialtone("explain", "302", "401")
        #expect(run.status == 0)
        #expect(run.stdout.contains("302 Moved Temporarily"))
        #expect(run.stdout.contains("401 Unauthorized"))
        #expect(run.stdout.contains("Key differences"))
        #expect(run.stderr.isEmpty)
        for line in run.stdout.split(separator: "\n") {
            #expect(line.count <= 100, "line wider than COLUMNS=100: \(line)")
        }
    }

    @Test func followsColumns() throws {
        let run = try dialtone("explain", "302", "401", columns: 60)
        #expect(run.status == 0)
        for line in run.stdout.split(separator: "\n") {
            #expect(line.count <= 60, "line wider than COLUMNS=60: \(line)")
        }
    }

    @Test func explainsSeveralCodesInTurn() throws {
        let run = try dialtone("explain", "100", "486", "603")
        #expect(run.status == 0)
        #expect(run.stdout.contains("100 Trying"))
        #expect(run.stdout.contains("486 Busy Here"))
        #expect(run.stdout.contains("603 Decline"))
        #expect(!run.stdout.contains("Key differences"))
    }

    @Test func repeatedCodeIsExplainedOnce() throws {
        let run = try dialtone("explain", "302", "302")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("302 Moved Temporarily\n"))
        #expect(!run.stdout.contains("Key differences"))
    }

    @Test func unregisteredCodeFallsBackToItsClass() throws {
        let run = try dialtone("explain", "498")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("498 Unknown 4xx (client failure)\n"))
        #expect(run.stdout.contains("not registered"))
    }

    @Test(arguments: [["99"], ["700"], ["abc"], ["-5"], ["302", "1000"], ["x", "302"]])
    func badCodesAreUsageErrors(codes: [String]) throws {
        let run = try dialtone(arguments: ["explain"] + codes)
        #expect(run.status == 2, "exit status for explain \(codes)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("dialtone explain: "))
        let bad = codes.first { Int($0).map { !(100...699).contains($0) } ?? true } ?? ""
        #expect(run.stderr.contains(bad.hasPrefix("-") ? String(bad.dropFirst()) : bad), "stderr should name \(bad): \(run.stderr)")
    }

    @Test func noCodeIsAUsageError() throws {
        let run = try dialtone("explain")
        #expect(run.status == 2)
        #expect(run.stderr.contains("at least one status code"))
    }

    @Test func jsonForScripts() throws {
        let run = try dialtone("explain", "--json", "302", "498")
        #expect(run.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["code"] as? Int } == [302, 498])
        #expect(objects[0]["reason"] as? String == "Moved Temporarily")
        #expect(objects[0]["class"] as? String == "redirection")
        #expect(objects[0]["registered"] as? Bool == true)
        #expect(objects[1]["registered"] as? Bool == false)
        for object in objects {
            #expect(Set(object.keys) == ["code", "reason", "class", "reference", "registered", "meaning", "when", "fix"])
        }
    }

    @Test func topLevelHelpListsExplain() throws {
        let run = try dialtone("--help")
        #expect(run.status == 0)
        #expect(run.stdout.contains("explain"))
    }
}

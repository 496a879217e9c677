import SIPCore
import SIPUserAgent
import Testing
@testable import TerminalUI

@Suite struct LogScreenTests {
    let script = PreviewScript(start: t0)

    func connected() -> AppState {
        var s = state(after: script.untilCredentials())
        press(&s, .escape) // cancel the question: the log is what matters here
        feed(&s, script.afterCredentials(), from: t0 + 3)
        return s
    }

    @Test func oneLinePerMessageColouredByClass() {
        let s = connected()
        let screen = Screen.render(s)
        let log = Layout(s).log.y
        let invite = row(screen, containing: "INVITE sip:bob@198.51.100.5")
        #expect(invite?.contains("→ 198.51.100.5:5060 UDP") == true)
        #expect(invite?.contains("1 INVITE") == true)
        #expect(invite?.contains("a84b4c76") == true)
        #expect(invite?.contains("Calling") == true)
        #expect(screen.role(of: "INVITE sip:bob@198.51.100.5") == .request)
        #expect(screen.role(of: "100 Trying") == .response1xx)
        #expect(screen.role(of: "180 Ringing", fromRow: log) == .response1xx)
        #expect(screen.role(of: "200 OK") == .response2xx)
        #expect(screen.role(of: "302 Moved Temporarily") == .response3xx)
        #expect(screen.role(of: "401 Unauthorized") == .response4xx)
        #expect(screen.role(of: "12:00:00.300") == .time)
        // The retransmitted INVITE is marked.
        let retransmitted = screen.lines.filter { $0.contains("INVITE sip:bob@198.51.100.5") && $0.contains("↻") }
        #expect(retransmitted.count == 1)
    }

    @Test func linesOfOneTransactionSitTogether() {
        let s = connected()
        let rows = s.log.rows.map { s.log.entries[Int($0)].summary }
        // INVITE, its retransmission, 100, 302, ACK: the first transaction, in order.
        #expect(Array(rows.prefix(5)) == ["INVITE sip:bob@198.51.100.5", "INVITE sip:bob@198.51.100.5", "100 Trying", "302 Moved Temporarily", "ACK sip:bob@198.51.100.5"])
        let screen = Screen.render(s)
        #expect(screen.lines.contains { $0.hasPrefix("┌ 12:00:00.300") })
    }

    @Test func theLogFollowsTheNewestLineUnlessScrolled() {
        var s = connected()
        #expect(s.following)
        let newest = s.log.row(ofEntry: s.log.count - 1)
        #expect(s.selectedRow == newest)
        press(&s, .escape) // leave the dial line
        press(&s, .up, .up)
        #expect(!s.following)
        let selected = s.selectedRow
        feed(&s, script.hangUp(), from: t0 + 20)
        #expect(s.selectedRow == selected)
        #expect(Screen.render(s).find("scrolled") != nil)
        press(&s, .end)
        #expect(s.following)
        #expect(s.log.entry(atRow: s.selectedRow)?.summary == "200 OK" && s.log.entry(atRow: s.selectedRow)?.cseq == "4 BYE")
    }

    @Test func theDetailPaneShowsTheMessageAndTheCatalogExplanation() {
        var s = connected()
        press(&s, .escape)
        let row302 = s.log.rows.firstIndex { s.log.entries[Int($0)].statusCode == 302 }!
        while s.selectedRow > row302 { press(&s, .up) }
        let screen = Screen.render(s)
        #expect(screen.role(of: "SIP/2.0 302 Moved Temporarily") == .startLine)
        #expect(screen.role(of: "Contact:") == .headerName)
        #expect(screen.find("What it means") != nil)
        #expect(screen.find("← received from 198.51.100.5:5060 UDP") != nil)
    }

    /// The explanation beside the message is wrapped to the column it is drawn in: every
    /// word shows whole, in the catalog's order, at any width that puts it beside.
    @Test(arguments: [100, 120, 161, 200])
    func theExplanationBesideTheMessageIsNotCut(cols: Int) throws {
        var s = state(after: script.untilCredentials(), cols: cols, rows: 60)
        press(&s, .escape)
        feed(&s, script.afterCredentials(), from: t0 + 3)
        press(&s, .escape)
        let row302 = s.log.rows.firstIndex { s.log.entries[Int($0)].statusCode == 302 }!
        while s.selectedRow > row302 { press(&s, .up) }
        let screen = Screen.render(s)
        let heading = try #require(screen.find("What it means"))
        let lines = screen.lines
        let shown = lines[heading.y...].prefix { $0.count > heading.x }.map { line in
            String(line.dropFirst(heading.x))
        }.joined(separator: " ").split(separator: " ")
        let entry = try #require(SIPStatusCatalog.entry(for: 302))
        let full = StatusExplanationRenderer(width: 400).renderEntry(entry).split(whereSeparator: \.isWhitespace)
        let start = try #require(full.firstIndex(of: "What"))
        #expect(shown.count > 20)
        #expect(Array(full[start...].prefix(shown.count)) == shown, "cut or out of order at \(cols) columns:\n\(lines[heading.y...].joined(separator: "\n"))")
    }

    @Test func theLadderShowsTheRedirectHopAndTheAuthenticationRound() {
        var s = connected()
        press(&s, .escape)
        press(&s, .character("f"))
        let screen = Screen.render(s)
        #expect(screen.find("Ladder · Call-ID a84b4c76e667") != nil)
        let endpoints = screen.lines.first { $0.contains("192.0.2.10:5060") && !$0.contains("Dialtone") }
        #expect(endpoints?.contains("198.51.100.5:5060") == true)
        #expect(endpoints?.contains("203.0.113.7:5060") == true)
        #expect(screen.role(of: "302 Moved Temporarily") == .response3xx)
        #expect(screen.role(of: "INVITE (auth)") == .request)
        let arrow = row(screen, containing: "302 Moved Temporarily")!
        #expect(arrow.contains("◀"))
        #expect(row(screen, containing: "INVITE (auth)")!.contains("▶"))
        // The call panel stays.
        #expect(screen.find("Connected") != nil)
        press(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func theFilterKeepsMatchingLines() {
        var s = connected()
        press(&s, .escape)
        press(&s, .character("/"))
        type(&s, "4xx")
        press(&s, .enter)
        #expect(s.log.rows.count == 1)
        var screen = Screen.render(s)
        #expect(screen.find("Log /4xx") != nil)
        #expect(screen.find("401 Unauthorized") != nil)
        #expect(screen.find("302 Moved") == nil)

        press(&s, .character("/"))
        press(&s, .ctrl("u"))
        type(&s, "302")
        press(&s, .enter)
        #expect(s.log.rows.map { s.log.entries[Int($0)].statusCode } == [302])

        press(&s, .character("/"), .ctrl("u"))
        type(&s, "ack")
        press(&s, .enter)
        #expect(s.log.rows.count == 3)

        press(&s, .character("/"), .ctrl("u"))
        type(&s, "call:a84b")
        press(&s, .enter)
        #expect(s.log.rows.count == s.log.count)

        press(&s, .character("/"), .ctrl("u"))
        type(&s, "SHA-256")
        press(&s, .enter)
        #expect(s.log.rows.count == 2) // the 401's challenge and the INVITE that answers it

        press(&s, .character("/"), .ctrl("u"), .enter)
        #expect(s.log.filter == nil && s.log.rows.count == s.log.count)
        screen = Screen.render(s)
        #expect(screen.find("Log /") == nil)
    }

    @Test func aResizeKeepsTheLayoutAndTheSelection() {
        var s = connected()
        press(&s, .escape, .up, .up, .up)
        let selected = s.log.entry(atRow: s.selectedRow)!.summary
        press(&s, .resize(cols: 80, rows: 24))
        let screen = Screen.render(s)
        #expect(screen.width == 80 && screen.height == 24)
        #expect(screen.lines[0].hasPrefix(" Dialtone │ alice@example.test registered"))
        #expect(screen.find("Calls") != nil && screen.find("Log") != nil)
        #expect(s.log.entry(atRow: s.selectedRow)!.summary == selected)
        #expect(screen[0, 1 + Layout(s).log.y + s.selectedRow - s.logTop].role == .selection)
        // Narrow: the transaction state column goes first.
        let logLines = screen.lines.filter { $0.hasPrefix("│ 12:") || $0.hasPrefix("┌ 12:") || $0.hasPrefix("└ 12:") }
        #expect(!logLines.isEmpty)
        #expect(!logLines.contains { $0.contains("Proceeding") || $0.contains("Completed") || $0.contains("Calling") })
    }

    @Test func aTooSmallTerminalSaysSo() {
        var s = connected()
        press(&s, .resize(cols: 50, rows: 12))
        let screen = Screen.render(s)
        #expect(screen.role(of: "Terminal too small") == .error)
        #expect(screen.find("50×12; Dialtone needs 60×16.") != nil)
        press(&s, .resize(cols: 100, rows: 30))
        #expect(Screen.render(s).find("Terminal too small") == nil)
        #expect(s.log.count == 13)
    }

    @Test func theStatusBar() {
        var s = connected()
        _ = s.update(.event(.registration(account: "preview", .failed(code: 403, reason: "Forbidden", explanation: "The server understood the request but refuses it."))))
        let screen = Screen.render(s)
        #expect(screen.role(of: "registration failed: 403 Forbidden") == .statusBad)
        #expect(screen.lines[0].contains("UDP │ 192.0.2.10:5060"))
        #expect(screen.lines[0].hasSuffix("12:00"))
        #expect(screen[0, 0].role == .statusBar)
    }

    @Test func helpListsEveryAction() {
        var s = connected()
        press(&s, .escape)
        press(&s, .character("?"))
        #expect(s.overlay == .help(scroll: 0))
        let lines = HelpView.lines(s.keyMap).map(\.0)
        for action in Action.allCases {
            #expect(lines.contains { $0.contains("[\(action.rawValue)]") }, "help lacks \(action)")
        }
        let screen = Screen.render(s)
        #expect(screen.find("Help: every key") != nil)
        press(&s, .escape)
        #expect(s.overlay == nil)
    }
}

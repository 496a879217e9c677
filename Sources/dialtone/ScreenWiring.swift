#if canImport(Glibc)
import Glibc
#endif
import CursesTerminal
import DialtoneConfig
import DialtoneDemo
import Media
import MediaNIO
import SIPNIO
import SIPUserAgent
import Synchronization
import TerminalUI

/// Connects the screen and the user agent. Events go to the screen's inbox, except the
/// credential questions nobody needs to be asked (the demo account's own registration,
/// and realms the opt-in credential store knows), which are answered here. The screen's
/// effects go to the runner, and the log export to `LogFileWriter`. Safe from any thread:
/// `pumpEvents` runs as a task, `perform` on the screen's thread.
final class ScreenWiring: Sendable {
    let runner: SIPUserAgentRunner
    let inbox: AppInbox
    let memory: CredentialMemory
    /// The account whose registration the wiring answers with the demo credentials.
    let demoAccount: String?
    /// Where what is dialled is kept between runs; nil keeps nothing.
    let history: DialHistoryFile?
    /// Every call's media: offers, answers, streams, hold, DTMF.
    let media: CallMediaController
    /// Questions shown on the screen, so a typed answer can be kept in the credential store.
    private let asked = Mutex<[Int: SIPCredentialsQuestion]>([:])

    init(runner: SIPUserAgentRunner, inbox: AppInbox, memory: CredentialMemory, demoAccount: String?,
         history: DialHistoryFile?, mediaSettings: CallMediaController.Settings) {
        self.runner = runner
        self.inbox = inbox
        self.memory = memory
        self.demoAccount = demoAccount
        self.history = history
        media = CallMediaController(settings: mediaSettings, send: { runner.send($0) }) { event in
            if let (handle, update) = Self.screenUpdate(event) { inbox.push(input: .media(handle, update)) }
        }
    }

    /// The call panel's view of a media event.
    static func screenUpdate(_ event: CallMediaEvent) -> (SIPCallHandle, CallMediaUpdate)? {
        switch event {
        case let .media(call, d):
            return (call, .started(codec: d.codec, local: d.local, remote: d.remote, direction: d.direction.rawValue, secure: d.srtp,
                                   input: d.input, output: d.output))
        case let .dtmfReceived(call, digit): return (call, .dtmfReceived(digit.character))
        case let .hold(call, text): return (call, .hold(text))
        case let .muted(call, muted): return (call, .muted(muted))
        case let .statistics(call, f), let .ended(call, f):
            let figures = CallMediaFigures(packetsSent: f.packetsSent, packetsReceived: f.packetsReceived, lossPercent: f.lossPercent,
                                           jitterMilliseconds: f.jitterMilliseconds, roundTripMilliseconds: f.roundTripMilliseconds,
                                           mos: f.mos, inputPeak: f.inputPeak, outputPeak: f.outputPeak)
            if case .ended = event { return (call, .ended(summary: f.summary)) }
            return (call, .figures(figures))
        case let .note(call?, text): return (call, .note(text))
        case .note(nil, _): return nil
        }
    }

    /// Until the runner shuts down.
    func pumpEvents() async {
        for await event in runner.events {
            memory.note(event)
            if case let .credentialsNeeded(question) = event {
                if let (answer, note) = answerWithoutAsking(question) {
                    runner.send(.credentials(question: question.id, answer))
                    inbox.push(input: .notice(note, isError: false))
                    continue
                }
                asked.withLock { $0[question.id] = question }
            }
            inbox.push(event)
            await media.handle(event)
        }
        await media.closeAll()
    }

    private func answerWithoutAsking(_ question: SIPCredentialsQuestion) -> (SIPCredentialsAnswer, String)? {
        guard question.attempt == 1 else { return nil }
        if let demoAccount, question.account == demoAccount {
            return (SIPCredentialsAnswer(username: DemoPeer.username, password: DemoPeer.password, remember: false),
                    "demo: registering as \(DemoPeer.username) / \(DemoPeer.password) (realm \"\(question.realm)\")")
        }
        if let stored = memory.stored(realm: question.realm, host: question.host) {
            return (SIPCredentialsAnswer(username: stored.username, password: stored.password),
                    "credentials for realm \"\(question.realm)\" at \(question.host) from the credential store")
        }
        return nil
    }

    /// Carries out one effect of the screen (quit and redraw are the screen's own).
    func perform(_ effect: AppEffect) {
        switch effect {
        case let .send(.credentials(id, answer)):
            let question = asked.withLock { $0.removeValue(forKey: id) }
            if let answer, answer.remember, let question {
                memory.typed(DialtoneCredentialStore.Entry(realm: question.realm, host: question.host,
                                                           username: answer.username, password: answer.password))
            }
            runner.send(.credentials(question: id, answer))
        case let .send(.call(target, account, _)):
            let media = self.media
            Task { await media.placeCall(to: target, account: account) }
        case let .send(.answer(handle, _)):
            let media = self.media
            Task { await media.answer(handle) }
        case let .send(command):
            runner.send(command)
        case let .media(handle, command):
            let media = self.media
            Task {
                switch command {
                case .hold: await media.hold(handle)
                case .resume: await media.resume(handle)
                case let .mute(muted): await media.setMuted(handle, muted)
                case let .dtmf(digits): await media.sendDigits(handle, digits)
                }
            }
        case let .saveLog(request):
            let result = LogFileWriter.save(request)
            inbox.push(input: .notice(result.text, isError: result.isError))
        case let .dialled(entry):
            if case let .failure(error)? = history?.append(entry) {
                inbox.push(input: .notice("\(error) — dialling goes on without it", isError: true))
            }
        case let .historyReplaced(old, new):
            if case let .failure(error)? = history?.replace(old, with: new) {
                inbox.push(input: .notice("\(error)", isError: true))
            }
        case .quit, .redraw:
            break
        }
    }

    /// After the screen closed: waits (bounded) for the hang-ups and un-REGISTERs the quit
    /// sent, then closes the sockets. Says so on standard error when it takes a while.
    func finish(waitingUpTo limit: Duration = .seconds(5)) async {
        let clock = ContinuousClock()
        let start = clock.now
        var told = false
        while clock.now - start < limit, !(await runner.isIdle()) {
            if !told, clock.now - start > .milliseconds(300) {
                told = true
                Self.say("dialtone: hanging up and unregistering…")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        if !(await runner.isIdle()) {
            Self.say("dialtone: gave up waiting after \(limit.components.seconds) s; closing anyway")
        }
        await runner.shutdown()
    }

    static func say(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

import SIPCore
import SIPUserAgent

extension AppState {
    /// Applies one input and says what must happen outside (bubbletea's update).
    public mutating func update(_ input: AppInput) -> [AppEffect] {
        let effects = apply(input)
        // Panes change size as calls and questions come and go: keep the selection shown.
        keepSelectionInView()
        return effects
    }

    private mutating func apply(_ input: AppInput) -> [AppEffect] {
        switch input {
        case let .key(key): return handle(key)
        case let .event(event):
            apply(event)
            return []
        case let .tick(now):
            clock = now
            return []
        case let .media(handle, update):
            apply(media: update, for: handle)
            return []
        case .terminate:
            return quitEffects()
        case let .notice(text, isError):
            message = (text, isError)
            return []
        }
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [AppEffect] {
        if case let .resize(cols, rows) = key {
            size = (max(1, cols), max(1, rows))
            keepSelectionInView()
            return []
        }
        if prompt != nil { return handlePromptKey(key) }
        if case let .help(scroll) = overlay {
            let action = keyMap.action(for: key, in: [.browse, .global])
            switch action {
            case .selectDown, .pageDown: overlay = .help(scroll: scroll + (action == .pageDown ? 10 : 1))
            case .selectUp, .pageUp: overlay = .help(scroll: max(0, scroll - (action == .pageUp ? 10 : 1)))
            case .interrupt: return requestQuit()
            case .redraw: return [.redraw]
            default: overlay = nil
            }
            return []
        }
        switch focus {
        case .dialLine: return handleDialKey(key)
        case .browse: return handleBrowseKey(key)
        }
    }

    private static func isPrintable(_ key: Key) -> Character? {
        if case let .character(c) = key { return c }
        return nil
    }

    private mutating func handleDialKey(_ key: Key) -> [AppEffect] {
        let printable = Self.isPrintable(key)
        let scopes: [Action.Scope] = printable == nil ? [.dial, .edit, .global] : [.dial, .edit]
        guard let action = keyMap.action(for: key, in: scopes) else {
            if let printable {
                dialLine.insert(printable)
                editedDialLine()
            }
            return []
        }
        switch action {
        case .dial: return dial()
        case .leaveDial:
            focus = .browse
            dialError = nil
        case .historyPrevious: stepHistory(-1)
        case .historyNext: stepHistory(+1)
        case .complete: complete()
        case .interrupt, .help, .redraw: return globalAction(action)
        default:
            if dialLine.apply(action) { editedDialLine() }
        }
        return []
    }

    private mutating func editedDialLine() {
        dialError = nil
        historyIndex = nil
        completion = nil
    }

    private mutating func dial() -> [AppEffect] {
        let typed = dialLine.text
        do {
            let uri = try SIPDialString.uri(from: typed, domain: account?.addressOfRecord, contacts: contacts)
            let entry = SIPDialString.trimmed(typed)
            history.removeAll { $0 == entry }
            history.append(entry)
            dialLine.set("")
            editedDialLine()
            focus = .browse
            following = true
            pendingDials.append((uri, entry))
            if pendingDials.count > 16 { pendingDials.removeFirst() }
            return [.send(.call(uri, account: account?.id, offer: nil)), .dialled(entry)]
        } catch {
            dialError = error.text
            return []
        }
    }

    private mutating func stepHistory(_ step: Int) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            historyDraft = dialLine.text
            historyIndex = history.count
        }
        let next = historyIndex! + step
        if next >= history.count {
            historyIndex = nil
            dialLine.set(historyDraft)
        } else if next >= 0 {
            historyIndex = next
            dialLine.set(history[next])
        }
        completion = nil
    }

    /// Tab: the newest history entry that starts with what is typed, then the contacts
    /// whose name does (ignoring case); Tab again, the next.
    private mutating func complete() {
        let prefix = completion?.prefix ?? dialLine.text
        var matches = history.reversed().filter { $0.hasPrefix(prefix) && $0 != prefix }
        let lowered = prefix.lowercased()
        for contact in contacts where contact.name.lowercased().hasPrefix(lowered) && contact.name != prefix
            && !matches.contains(contact.name) {
            matches.append(contact.name)
        }
        guard !matches.isEmpty else {
            dialError = history.isEmpty && contacts.isEmpty
                ? "nothing in the history or the contacts yet"
                : "no history entry or contact starts with \"\(prefix)\""
            return
        }
        let index = completion.map { ($0.index + 1) % matches.count } ?? 0
        dialLine.set(matches[index])
        completion = (prefix, index)
        dialError = nil
    }

    private mutating func handleBrowseKey(_ key: Key) -> [AppEffect] {
        guard let action = keyMap.action(for: key, in: [.browse, .global]) else {
            // A keypad key with a call connected is DTMF.
            if let c = Self.isPrintable(key), let effects = dtmfKey(c) { return effects }
            // Typing a number or an address starts dialling.
            if let c = Self.isPrintable(key), c != " " {
                focus = .dialLine
                dialLine.insert(c)
                editedDialLine()
            }
            return []
        }
        if case .ladder = overlay { return handleLadderAction(action) }
        switch action {
        case .interrupt, .help, .redraw: return globalAction(action)
        case .quit: return requestQuit()
        case .answer:
            guard let call = targetCall(where: { $0.state == .incoming }) else {
                message = ("no incoming call to answer", false)
                return []
            }
            return [.send(.answer(call.handle, answer: nil))]
        case .reject:
            guard let call = targetCall(where: { $0.state == .incoming }) else {
                message = ("no incoming call to reject", false)
                return []
            }
            return [.send(.reject(call.handle, code: 486))]
        case .hangUp:
            guard let call = targetCall(where: { $0.isActive && $0.state != .terminating }) else {
                message = ("no call to hang up", false)
                return []
            }
            return [.send(.hangUp(call.handle))]
        case .focusDial:
            focus = .dialLine
        case .filter:
            prompt = .filter(LineEditor(log.filter?.source ?? ""))
        case .save:
            prompt = .save(LineEditor("./dialtone-\(clock.stamp()).pcap"))
        case .ladder:
            guard let entry = log.entry(atRow: selectedRow), let callID = entry.callID else {
                message = ("select a log line of a call first", false)
                return []
            }
            overlay = .ladder(callID: callID, scroll: 0)
        case .selectUp: moveSelection(to: selectedRow - 1)
        case .selectDown: moveSelection(to: selectedRow + 1)
        case .pageUp: moveSelection(to: selectedRow - max(1, Layout(self).logRows - 1))
        case .pageDown: moveSelection(to: selectedRow + max(1, Layout(self).logRows - 1))
        case .first: moveSelection(to: 0)
        case .follow:
            following = true
            keepSelectionInView()
        case .detailUp: detailScroll = max(0, detailScroll - 3)
        case .detailDown: detailScroll += 3
        case .nextCall: stepCall(+1)
        case .previousCall: stepCall(-1)
        case .takeMove: return takeMove()
        case .mute, .hold: return mediaAction(action)
        case .close: message = nil
        default: break
        }
        return []
    }

    /// `u` after a 301 (RFC 3261 §21.3.2: the user's address book may be updated): the
    /// history entry of the selected call (else of the newest call with an offer) becomes
    /// the new address. A contact's target lives in config.toml, which the screen does not
    /// rewrite: it says so.
    private mutating func takeMove() -> [AppEffect] {
        let offered = { (call: CallRecord) in call.movedPermanently != nil && call.dialled != nil }
        guard let index = calls.firstIndex(where: { $0.handle == selectedCall && offered($0) }) ?? calls.lastIndex(where: offered),
              let moved = calls[index].movedPermanently, let old = calls[index].dialled else {
            message = ("no 301 Moved Permanently to take", false)
            return []
        }
        calls[index].movedPermanently = nil
        let new = moved.description
        history.removeAll { $0 == old || $0 == new }
        history.append(new)
        if let contact = SIPDialContact.named(old, in: contacts) {
            message = ("history: \(new) replaces \"\(old)\"; contact \"\(contact.name)\" still dials \(contact.target) (edit it in config.toml)", false)
        } else {
            message = ("history: \(new) replaces \"\(old)\"", false)
        }
        return [.historyReplaced(old: old, new: new)]
    }

    private mutating func handleLadderAction(_ action: Action) -> [AppEffect] {
        guard case let .ladder(callID, scroll) = overlay else { return [] }
        switch action {
        case .selectDown: overlay = .ladder(callID: callID, scroll: scroll + 1)
        case .selectUp: overlay = .ladder(callID: callID, scroll: max(0, scroll - 1))
        case .pageDown: overlay = .ladder(callID: callID, scroll: scroll + 10)
        case .pageUp: overlay = .ladder(callID: callID, scroll: max(0, scroll - 10))
        case .first: overlay = .ladder(callID: callID, scroll: 0)
        case .close, .ladder: overlay = nil
        case .interrupt, .help, .redraw: return globalAction(action)
        case .quit: return requestQuit()
        case .hangUp, .answer, .reject, .focusDial:
            overlay = nil
            return handleBrowseKey(keyMap.keys(for: action).first ?? .escape)
        default: break
        }
        return []
    }

    private mutating func globalAction(_ action: Action) -> [AppEffect] {
        switch action {
        case .interrupt: return requestQuit()
        case .help: overlay = overlay == nil || overlay != .help(scroll: 0) ? .help(scroll: 0) : nil
        case .redraw: return [.redraw]
        default: break
        }
        return []
    }

    /// The selected call when it fits, else the newest one that does.
    private func targetCall(where fits: (CallRecord) -> Bool) -> CallRecord? {
        if let selected = selectedCall, let call = call(selected), fits(call) { return call }
        return calls.last(where: fits)
    }

    private mutating func stepCall(_ step: Int) {
        guard !calls.isEmpty else { return }
        let index = calls.firstIndex { $0.handle == selectedCall } ?? (calls.count - 1)
        selectedCall = calls[(index + step + calls.count) % calls.count].handle
    }

    private mutating func moveSelection(to row: Int) {
        guard !log.rows.isEmpty else { return }
        selectedRow = min(max(0, row), log.rows.count - 1)
        following = selectedRow == log.rows.count - 1 && log.rows[selectedRow] == Int32(log.count - 1)
        detailScroll = 0
        keepSelectionInView()
    }

    /// Scrolls the log so the selection shows; when following, the newest line is
    /// selected and the log sits at its bottom.
    mutating func keepSelectionInView() {
        let rows = Layout(self).logRows
        guard !log.rows.isEmpty, rows > 0 else {
            selectedRow = 0
            logTop = 0
            return
        }
        if following {
            selectedRow = log.row(ofEntry: log.count - 1) ?? (log.rows.count - 1)
            logTop = max(0, log.rows.count - rows)
        }
        selectedRow = min(max(0, selectedRow), log.rows.count - 1)
        if selectedRow < logTop { logTop = selectedRow }
        if selectedRow >= logTop + rows { logTop = selectedRow - rows + 1 }
        logTop = max(0, min(logTop, log.rows.count - rows))
        if selectedRow < logTop { logTop = selectedRow }
    }

    // MARK: Quitting

    private mutating func requestQuit() -> [AppEffect] {
        if activeCalls.isEmpty { return quitEffects() }
        prompt = .quitConfirm
        return []
    }

    /// Hang up every call, unregister every registered account, then leave.
    func quitEffects() -> [AppEffect] {
        var effects: [AppEffect] = activeCalls.filter { $0.state != .terminating }.map { .send(.hangUp($0.handle)) }
        for (account, state) in registrations.sorted(by: { $0.key < $1.key }) {
            if case .registered = state { effects.append(.send(.unregister(account: account))) }
        }
        effects.append(.quit)
        return effects
    }

    // MARK: Prompts

    private mutating func closePrompt() {
        prompt = pendingPrompts.isEmpty ? nil : pendingPrompts.removeFirst()
    }

    mutating func enqueue(_ question: Prompt) {
        if case .help = overlay { overlay = nil }
        if prompt == nil { prompt = question } else { pendingPrompts.append(question) }
    }

    private mutating func handlePromptKey(_ key: Key) -> [AppEffect] {
        guard let current = prompt else { return [] }
        let printable = Self.isPrintable(key)
        let scopes: [Action.Scope] = printable == nil ? [.prompt, .edit, .global] : [.prompt, .edit]
        let action = keyMap.action(for: key, in: scopes)
        if action == .interrupt { return requestQuitFromPrompt() }
        if action == .redraw { return [.redraw] }
        switch current {
        case .credentials(var form):
            switch action {
            case .accept:
                if form.field == .username {
                    form.field = .password
                    prompt = .credentials(form)
                    return []
                }
                let answer = SIPCredentialsAnswer(username: form.username.text, password: form.password.text, remember: form.remember)
                closePrompt()
                message = ("credentials sent for realm \"\(form.question.realm)\"", false)
                return [.send(.credentials(question: form.question.id, answer))]
            case .cancel:
                closePrompt()
                message = ("credentials for realm \"\(form.question.realm)\" cancelled", false)
                return [.send(.credentials(question: form.question.id, nil))]
            case .nextField:
                form.field = form.field == .username ? .password : .username
            case .toggleRemember:
                form.remember.toggle()
            case let .some(edit):
                if form.field == .username { form.username.apply(edit) } else { form.password.apply(edit) }
            case nil:
                guard let printable else { return [] }
                if form.field == .username { form.username.insert(printable) } else { form.password.insert(printable) }
            }
            prompt = .credentials(form)
        case .redirectChoice(var chooser):
            switch (action, key) {
            case (.accept, _):
                closePrompt()
                return [.send(.chooseRedirect(question: chooser.question, index: chooser.selected))]
            case (.cancel, _):
                closePrompt()
                return [.send(.chooseRedirect(question: chooser.question, index: nil))]
            case (_, .up), (_, .character("k")): chooser.selected = max(0, chooser.selected - 1)
            case (_, .down), (_, .character("j")), (.nextField, _):
                chooser.selected = min(chooser.targets.count - 1, chooser.selected + 1)
            case let (_, .character(c)):
                if let n = c.wholeNumberValue, (1...chooser.targets.count).contains(n) { chooser.selected = n - 1 }
            default: break
            }
            prompt = .redirectChoice(chooser)
        case .quitConfirm:
            switch key {
            case .character("y"), .character("Y"): return quitEffects()
            case .character("n"), .character("N"), .escape: closePrompt()
            default: if action == .cancel { closePrompt() }
            }
        case .save(var field):
            switch action {
            case .accept:
                closePrompt()
                let path = field.text.trimmingSpaces
                guard !path.isEmpty else { return [] }
                let textPath = path.hasSuffix(".pcap") ? String(path.dropLast(5)) + ".txt" : path + ".txt"
                return [.saveLog(LogExportRequest(pcapPath: path, textPath: textPath, entries: log.entries, clock: clock))]
            case .cancel: closePrompt()
            case let .some(edit): field.apply(edit)
            case nil: if let printable { field.insert(printable) }
            }
            if case .save = prompt { prompt = .save(field) }
        case .filter(var field):
            switch action {
            case .accept:
                closePrompt()
                applyFilter(LogFilter(field.text))
            case .cancel: closePrompt()
            case let .some(edit): field.apply(edit)
            case nil: if let printable { field.insert(printable) }
            }
            if case .filter = prompt { prompt = .filter(field) }
        }
        return []
    }

    private mutating func requestQuitFromPrompt() -> [AppEffect] {
        if case .quitConfirm = prompt { return quitEffects() }
        var effects: [AppEffect] = []
        // Leaving with a question open answers it: cancelled.
        if case let .credentials(form) = prompt { effects.append(.send(.credentials(question: form.question.id, nil))) }
        if case let .redirectChoice(chooser) = prompt { effects.append(.send(.chooseRedirect(question: chooser.question, index: nil))) }
        if activeCalls.isEmpty { return effects + quitEffects() }
        prompt = .quitConfirm
        return effects
    }

    /// Applies a filter as `/` and Enter would (for benchmarks and tools).
    public mutating func applyFilterForBenchmark(_ text: String) {
        applyFilter(LogFilter(text))
    }

    mutating func applyFilter(_ filter: LogFilter?) {
        let selectedEntry = log.entry(atRow: selectedRow).map { _ in Int(log.rows[selectedRow]) }
        log.setFilter(filter)
        if let selectedEntry, let row = log.row(ofEntry: selectedEntry) {
            selectedRow = row
        } else {
            selectedRow = max(0, log.rows.count - 1)
        }
        logTop = 0
        keepSelectionInView()
        message = filter.map { ("filter: \($0.source) — \(log.rows.count) of \(log.count) lines", false) }
    }

    // MARK: Events

    mutating func apply(_ event: SIPUserAgentEvent) {
        let now = clock.seconds
        switch event {
        case let .registration(account, state):
            registrations[account] = state
        case let .callStarted(handle, outgoing, remote, local):
            var call = CallRecord(handle: handle, outgoing: outgoing, remote: remote, local: local, startedAt: now)
            if outgoing, let index = pendingDials.firstIndex(where: { $0.uri == remote }) {
                call.dialled = pendingDials.remove(at: index).typed
            }
            calls.append(call)
            selectedCall = handle
            trimEndedCalls()
        case let .callState(handle, state):
            updateCall(handle) { call in
                call.state = state
                if state == .connected, call.connectedAt == nil { call.connectedAt = now }
                if state.isEnded, call.endedAt == nil { call.endedAt = now }
            }
            if state.isEnded { withdrawQuestions(for: handle) }
        case let .provisional(handle, code, reason, _):
            updateCall(handle) { $0.lastProvisional = "\(code) \(reason)" }
        case let .redirected(handle, notice):
            let key = keyMap.keys(for: .takeMove).first?.label ?? "u"
            updateCall(handle) { call in
                // The offer right after the address: a narrow panel cuts the end first.
                var offer = ""
                if notice.offersUpdate, call.dialled != nil {
                    call.movedPermanently = notice.to
                    offer = " · \(key): dial it from now on"
                }
                let text = "↪ \(notice.text)\(offer) — \(notice.code) from \(notice.from), attempt \(notice.attempt)"
                call.notices.append(.init(kind: .redirect, text: text))
            }
        case let .redirectChoice(handle, question, targets, code):
            enqueue(.redirectChoice(RedirectChooser(call: handle, question: question, targets: targets, code: code)))
        case let .credentialsNeeded(question):
            if let handle = question.call {
                let text = "🔑 \(question.code) from \(question.host): credentials asked for realm \"\(question.realm)\""
                    + (question.lastWereRejected ? " (attempt \(question.attempt))" : "")
                updateCall(handle) { $0.notices.append(.init(kind: .authentication, text: text)) }
            }
            enqueue(.credentials(CredentialsPrompt(question: question)))
        case let .authenticationFailed(realm, host, code, call, account):
            let text = "authentication failed for realm \"\(realm)\" at \(host) (\(code))"
            if let call {
                updateCall(call) { $0.notices.append(.init(kind: .authentication, text: "✗ " + text)) }
            } else {
                message = ((account.map { "\($0): " } ?? "") + text, true)
            }
        case .remoteSession, .sessionOffer, .info:
            break
        case let .sessionUpdated(handle, accepted, code, reason):
            if !accepted { updateCall(handle) { $0.notices.append(.init(kind: .info, text: "re-INVITE refused: \(code) \(reason)")) } }
        case let .log(record):
            appendLog(record)
        case let .error(text):
            message = (text, true)
        }
    }

    private mutating func updateCall(_ handle: SIPCallHandle, _ change: (inout CallRecord) -> Void) {
        guard let index = calls.firstIndex(where: { $0.handle == handle }) else { return }
        change(&calls[index])
    }

    private mutating func trimEndedCalls() {
        while calls.filter({ !$0.isActive }).count > Self.endedCallsKept, let index = calls.firstIndex(where: { !$0.isActive }) {
            calls.remove(at: index)
        }
    }

    /// A call that ended takes its open questions with it.
    private mutating func withdrawQuestions(for handle: SIPCallHandle) {
        func belongs(_ prompt: Prompt) -> Bool {
            switch prompt {
            case let .credentials(form): form.question.call == handle
            case let .redirectChoice(chooser): chooser.call == handle
            default: false
            }
        }
        pendingPrompts.removeAll(where: belongs)
        if let current = prompt, belongs(current) {
            closePrompt()
            message = ("\(handle) ended; its question was withdrawn", false)
        }
    }

    mutating func appendLog(_ record: SIPMessageLogRecord) {
        guard let row = log.append(LogEntry(record)) else { return }
        if !following {
            if row <= selectedRow { selectedRow += 1 }
            if row < logTop { logTop += 1 }
        }
        keepSelectionInView()
    }
}

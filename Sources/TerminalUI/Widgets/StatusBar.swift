import SIPUserAgent

/// The top row: who we are, whether the registrar knows it (with the code and reason
/// when it refused), how messages travel, our address, and the time.
struct StatusBar: Widget {
    let state: AppState

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        buffer.fill(area, role: .statusBar)
        let y = area.y
        var parts: [(String, Role)] = [(" Dialtone ", .statusBar), ("│ ", .statusBar)]
        if let account = state.account {
            let aor = account.addressOfRecord
            parts.append(((aor.user.map { $0 + "@" } ?? "") + aor.host + (aor.port.map { ":\($0)" } ?? ""), .statusBar))
            parts.append((" ", .statusBar))
            let (text, role) = registrationText(account)
            parts.append((text, role))
            // The other accounts, by name: each one's registration at a glance.
            for (index, other) in state.accounts.enumerated() where index != state.currentAccount {
                parts.append((" · " + other.id + " ", .statusBar))
                parts.append(registrationText(other))
            }
        } else {
            parts.append(("no account", .statusBar))
        }
        parts.append((" │ " + state.shownTransport, .statusBar))
        if let local = state.shownLocalAddress { parts.append((" │ " + local, .statusBar)) }
        let clock = state.clock.timeOfDay().prefix(5) + " "
        let clockX = area.maxX - clock.count
        buffer.spans(parts, x: area.x, y: y, limit: clockX - 1)
        buffer.write(clock, x: clockX, y: y, limit: area.maxX, role: .statusBar, style: .bold)
    }

    private func registrationText(_ account: SIPAccount) -> (String, Role) {
        switch state.registrations[account.id] {
        case nil, .unregistered?:
            return account.registrar == nil ? ("(no registrar)", .statusBar) : ("not registered", .statusBusy)
        case .registering?: return ("registering…", .statusBusy)
        case .registered?: return ("registered", .statusGood)
        case .unregistering?: return ("unregistering…", .statusBusy)
        case let .failed(code, reason, _)?: return ("registration failed: \(code) \(reason)", .statusBad)
        }
    }
}

/// Which key runs which action, per scope. Built from the defaults, then a `[keys]`
/// table (action name → key names) replaces an action's keys; a key a user gives to one
/// action is taken from any other action of the same scope, so rebinding never leaves
/// two meanings.
public struct KeyMap: Sendable {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String { text }
    }

    private var bindings: [Action.Scope: [Key: Action]] = [:]
    private var keysByAction: [Action: [Key]] = [:]

    /// The defaults of every action.
    public static let standard: KeyMap = {
        var map = KeyMap(empty: ())
        for action in Action.allCases {
            map.bind(action, to: action.defaultKeys.compactMap { Key(name: $0) })
        }
        return map
    }()

    private init(empty: Void) {}

    /// The defaults with `table`'s actions rebound, or a failure naming the unknown action
    /// or key, or two actions of one scope given the same key.
    public init(rebinding table: [String: [String]]) throws(Failure) {
        self = .standard
        var claimed: [Action.Scope: [Key: Action]] = [:]
        for name in table.keys.sorted() {
            // `hang_up` as well as `hang-up`: TOML keys are often written with underscores.
            guard let action = Action(rawValue: name) ?? Action(rawValue: String(name.map { $0 == "_" ? "-" : $0 })) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                throw Failure(text: "[keys]: unknown action \"\(name)\" (known: \(known))")
            }
            var keys: [Key] = []
            for keyName in table[name]! {
                guard let key = Key(name: keyName) else {
                    throw Failure(text: "[keys] \(name): unknown key \"\(keyName)\" (say \"a\", \"ctrl-a\", \"up\", \"pgdn\", \"f1\", \"enter\", \"esc\", \"space\"…)")
                }
                if let other = claimed[action.scope]?[key], other != action {
                    throw Failure(text: "[keys]: \"\(keyName)\" is given to both \(other.rawValue) and \(name)")
                }
                claimed[action.scope, default: [:]][key] = action
                keys.append(key)
            }
            bind(action, to: keys)
        }
    }

    private mutating func bind(_ action: Action, to keys: [Key]) {
        for old in keysByAction[action] ?? [] where bindings[action.scope]?[old] == action {
            bindings[action.scope]?[old] = nil
        }
        for key in keys {
            if let previous = bindings[action.scope]?[key], previous != action {
                keysByAction[previous]?.removeAll { $0 == key }
            }
            bindings[action.scope, default: [:]][key] = action
        }
        keysByAction[action] = keys
    }

    /// The action `key` runs in the first of `scopes` that binds it.
    public func action(for key: Key, in scopes: [Action.Scope]) -> Action? {
        for scope in scopes {
            if let action = bindings[scope]?[key] { return action }
        }
        return nil
    }

    /// The keys bound to `action`, in the order given.
    public func keys(for action: Action) -> [Key] { keysByAction[action] ?? [] }

    /// "Ctrl-A / Home": for help and hints.
    public func label(for action: Action) -> String {
        keys(for: action).map(\.label).joined(separator: " / ")
    }
}

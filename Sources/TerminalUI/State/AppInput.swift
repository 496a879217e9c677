import SIPUserAgent

/// Everything that changes the screen: a key, an event from the user agent, the clock,
/// or a word back from the code that carried out an effect (a saved file).
public enum AppInput: Sendable {
    case key(Key)
    case event(SIPUserAgentEvent)
    case tick(WallClock)
    /// The media side of a call changed (codec, hold, digits, figures).
    case media(SIPCallHandle, CallMediaUpdate)
    /// SIGINT or SIGTERM from outside: quit now, hanging up.
    case terminate
    /// A result to show on the message line ("saved 12 messages to …").
    case notice(String, isError: Bool)
}

import NIOCore
import NIOEmbedded
import Testing
@testable import SIPNIO

@Suite("Timers on the event loop")
struct LoopTimersTests {
    /// Counts firings; EmbeddedEventLoop runs everything on the test's thread.
    final class Fired: @unchecked Sendable {
        // @unchecked: only touched on the EmbeddedEventLoop, which runs on the test's
        // own thread as the test advances time; nothing else reads or writes it.
        var names: [String] = []
    }

    @Test func firesAtTheInstantAndNotBefore() {
        let loop = EmbeddedEventLoop()
        let timers = SIPLoopTimers(eventLoop: loop)
        let fired = Fired()
        timers.schedule(at: .milliseconds(500)) { fired.names.append("A") }
        timers.schedule(at: .seconds(32)) { fired.names.append("B") }
        loop.advanceTime(by: .milliseconds(499))
        #expect(fired.names.isEmpty)
        loop.advanceTime(by: .milliseconds(1))
        #expect(fired.names == ["A"])
        #expect(timers.now == .milliseconds(500))
        loop.advanceTime(by: .seconds(32))
        #expect(fired.names == ["A", "B"])
    }

    @Test func aCancelledTimerDoesNotFire() {
        let loop = EmbeddedEventLoop()
        let timers = SIPLoopTimers(eventLoop: loop)
        let fired = Fired()
        let e = timers.schedule(after: .milliseconds(500)) { fired.names.append("E") }
        timers.schedule(after: .seconds(1)) { fired.names.append("F") }
        e.cancel()
        loop.advanceTime(by: .seconds(2))
        #expect(fired.names == ["F"])
        e.cancel()   // again, after the fact: nothing happens
    }

    @Test func aPastInstantFiresOnTheNextTurn() {
        let loop = EmbeddedEventLoop()
        let timers = SIPLoopTimers(eventLoop: loop)
        loop.advanceTime(by: .seconds(10))
        let fired = Fired()
        timers.schedule(at: .seconds(1)) { fired.names.append("late") }
        loop.run()
        #expect(fired.names == ["late"])
    }
}

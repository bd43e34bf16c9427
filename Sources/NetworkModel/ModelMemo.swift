import Synchronization

/// Facts derived from a built model that several rules need (every spoke's DNS hop to every hub service, say),
/// computed once per model instead of once per rule. The model does not change after it is built, so a value
/// stays true for every copy of it.
///
/// Rules run at the same time (``LintCore/Linter``): each key has its own lock, held while its value is
/// computed, so a second rule asking for it waits for the first computation instead of repeating it. A
/// computation may ask for other keys (never, through them, for its own: that would not end either way).
final class ModelMemo: Sendable {
    private final class Slot: Sendable {
        let value = Mutex<(any Sendable)?>(nil)
    }

    private let slots = Mutex<[String: Slot]>([:])

    /// The value stored for `key`, if it has been computed.
    func cached<T: Sendable>(_ key: String) -> T? {
        guard let slot = slots.withLock({ $0[key] }) else { return nil }
        return slot.value.withLock { $0 as? T }
    }

    func value<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        return slot.value.withLock { stored in
            if let cached = stored as? T { return cached }
            let value = compute()
            stored = value
            return value
        }
    }

    /// Forgets every value: each is computed again if it is asked for. A computation under way keeps its own
    /// slot and finishes; its value is then forgotten too.
    func removeAll() {
        slots.withLock { $0.removeAll() }
    }
}

extension NetworkModel {
    /// `compute()` the first time `key` is asked for on this model, its stored value after that.
    public func memoized<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        memo.value(key, compute)
    }

    /// ``memoized(_:_:)``, for the facts asked for once per hop: the stored value is looked up before the
    /// closure that computes it exists, since making that closure copies what it captures (the model: each of
    /// its ~55 arrays and dictionaries retained and released, on every hop).
    @inline(__always)
    func memoized<T: Sendable>(_ key: String, computing compute: (NetworkModel) -> T) -> T {
        if let cached: T = memo.cached(key) { return cached }
        return memo.value(key) { compute(self) }
    }

    /// Lets go of the derived facts ``memoized(_:_:)`` holds (for a caller whose rules have run: every spoke's
    /// DNS hop to every hub service is tens of MB on an organisation's hub). Asked for again, they are
    /// computed again.
    public func forgetDerivedFacts() {
        memo.removeAll()
    }
}

import Synchronization

/// Facts derived from a built model that several rules need (every spoke's DNS hop to every hub service, say),
/// computed once per model instead of once per rule. The model does not change after it is built, so a value
/// stays true for every copy of it.
final class ModelMemo: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    func value<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        if let cached = values.withLock({ $0[key] }) as? T { return cached }
        let value = compute()
        values.withLock { $0[key] = value }
        return value
    }
}

extension NetworkModel {
    /// `compute()` the first time `key` is asked for on this model, its stored value after that.
    public func memoized<T: Sendable>(_ key: String, _ compute: () -> T) -> T {
        memo.value(key, compute)
    }
}

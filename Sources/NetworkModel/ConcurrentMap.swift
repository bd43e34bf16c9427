import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map(transform)` on all cores when the array holds at least `minimum` elements (else in turn: starting
    /// the workers would cost more), the results in the elements' order whatever the scheduling.
    func concurrentMap<T: Sendable>(minimum: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard count >= Swift.max(2, minimum) else { return map(transform) }
        let results = Mutex([T?](repeating: nil, count: count))
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = transform(elements[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }.map { $0! }
    }
}

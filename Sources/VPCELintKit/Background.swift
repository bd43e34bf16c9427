import Dispatch
import Synchronization

/// A value computed on another core while the caller goes on (the suppressions beside the model build, the
/// report's facts beside the rules): neither reads what the other makes. ``value()`` waits for it and throws
/// what computing it threw.
final class Background<Value: Sendable, Failure: Error>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Result<Value, Failure>?>(nil)

    /// Starts computing `body`.
    init(_ body: @escaping @Sendable () throws(Failure) -> Value) {
        DispatchQueue.global().async(group: done) { [self] in
            let computed = Result<Value, Failure> { () throws(Failure) -> Value in try body() }
            result.withLock { $0 = computed }
        }
    }

    /// The value, once computed.
    func value() throws(Failure) -> Value {
        done.wait()
        guard let computed = result.withLock({ $0 }) else {
            preconditionFailure("the background work ended without a result")
        }
        return try computed.get()
    }
}

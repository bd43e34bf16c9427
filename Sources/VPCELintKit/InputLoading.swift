import Dispatch
import Foundation
import TerraformShow

/// Loads every input of a run, on all cores, keeping full values only for the AWS network types the model
/// reads (``LoadOptions/awsNetwork``); the rest keep their compact record (address, type, counts).
enum InputLoading {
    /// Every input loaded, in input order, or every error (one line each) when any input fails.
    static func load(_ inputs: [LintInput]) throws(CheckError) -> [(environment: String, document: TerraformDocument)] {
        let results = ResultSlots(count: inputs.count)
        // GCD worker threads, not the Swift concurrency pool: this is called from synchronous code, and
        // each load is itself synchronous. Two inputs per core keeps memory to a few inputs at a time.
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results.set(index, loadResult(inputs[index].path))
        }
        var documents = [(environment: String, document: TerraformDocument)]()
        var errors = [String]()
        for (input, result) in zip(inputs, results.values) {
            switch result {
            case .success(let document)?: documents.append((input.environment, document))
            case .failure(let error)?: errors.append(error.description)
            case nil: errors.append("\(input.path): the input was not loaded (internal error)")
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return documents
    }
}

private func loadResult(_ path: String) -> Result<TerraformDocument, LoadError> {
    Result { () throws(LoadError) in try DocumentLoader.load(path: path, options: .awsNetwork) }
}

/// One slot per input, written from worker threads under a lock.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<TerraformDocument, LoadError>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<TerraformDocument, LoadError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<TerraformDocument, LoadError>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

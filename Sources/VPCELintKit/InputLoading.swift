import LintCore
import NetworkModel
import Settings
import TerraformShow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads every input of a run, on all cores, keeping full values only for the AWS network types the model
/// reads (``LoadOptions/awsNetwork``); the rest keep their compact record (address, type, counts).
enum InputLoading {
    /// Every input loaded, in input order, or every error (one line each) when any input fails.
    static func load(_ inputs: [LintInput]) throws(CheckError) -> [(environment: String, document: TerraformDocument)] {
        var options = LoadOptions.awsNetwork
        options.standardInputLimit = try standardInputLimit()
        let results = DocumentLoader.loadAll(paths: inputs.map(\.path), options: options)
        var documents = [(environment: String, document: TerraformDocument)]()
        var errors = [String]()
        for (input, result) in zip(inputs, results) {
            switch result {
            case .success(let document): documents.append((input.environment, document))
            case .failure(let error): errors.append(error.description)
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return documents
    }

    /// `VPCELINT_MAX_STDIN_BYTES`, the most bytes standard input may hold (default 4 GiB). An environment
    /// variable, not a flag: a flag would pass through the shared options of three commands, the settings step
    /// and the load options to reach the one reader that uses it, and a CI job that pipes more than 4 GiB sets
    /// it once for every step.
    static func standardInputLimit() throws(CheckError) -> Int {
        guard let raw = getenv("VPCELINT_MAX_STDIN_BYTES") else { return LoadOptions().standardInputLimit }
        let text = String(cString: raw)
        guard let limit = Int(text), limit > 0 else {
            throw CheckError("VPCELINT_MAX_STDIN_BYTES=\(text): expected a number of bytes above 0, e.g. 8589934592")
        }
        return limit
    }
}

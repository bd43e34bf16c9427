import LintCore
import NetworkModel
import Settings
import TerraformShow

/// Loads every input of a run, on all cores, keeping full values only for the AWS network types the model
/// reads (``LoadOptions/awsNetwork``); the rest keep their compact record (address, type, counts).
enum InputLoading {
    /// Every input loaded, in input order, or every error (one line each) when any input fails.
    static func load(_ inputs: [LintInput]) throws(CheckError) -> [(environment: String, document: TerraformDocument)] {
        let results = DocumentLoader.loadAll(paths: inputs.map(\.path), options: .awsNetwork)
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
}

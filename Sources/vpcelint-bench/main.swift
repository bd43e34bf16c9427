import Foundation
import NetworkModel
import TerraformShow

/// Times the load -> network model stages on the given files, as `vpcelint check` runs them
/// (`DocumentLoader.loadAll` with `LoadOptions.awsNetwork`), with switches
/// to compare loading strategies. Not a test: `benchmarks/run.sh` runs it.
///
///     vpcelint-bench [--whole-tree | --sequential] [--keep-all] FILE...
ProcessMemory.returnFreedPagesPromptly()
let arguments = CommandLine.arguments.dropFirst()
let paths = arguments.filter { !$0.hasPrefix("--") }
var options = arguments.contains("--keep-all") ? LoadOptions() : LoadOptions.awsNetwork
if arguments.contains("--whole-tree") { options.strategy = .wholeTree }
if arguments.contains("--streaming") { options.strategy = .streaming }
// "1 thread": one input at a time, and the chunks of each on the calling thread.
if arguments.contains("--sequential") { options.parallelChunks = false }

let clock = ContinuousClock()
let start = clock.now
var documents = [(environment: String, document: TerraformDocument)]()
var failed = false
if arguments.contains("--sequential") || arguments.contains("--whole-tree") {
    for path in paths {
        do {
            documents.append((path, try DocumentLoader.load(path: path, options: options)))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            failed = true
        }
    }
} else {
    for (path, result) in zip(paths, DocumentLoader.loadAll(paths: paths, options: options)) {
        switch result {
        case .success(let document): documents.append((path, document))
        case .failure(let error):
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            failed = true
        }
    }
}
let loaded = clock.now
let model = NetworkModel(documents: documents)
let modelled = clock.now
let resources = documents.reduce(0) { $0 + $1.document.resources.count }
print(
    "files \(documents.count) resources \(resources) vpcs \(model.vpcs.count) endpoints \(model.endpoints.count)"
        + " load \(loaded - start) model \(modelled - loaded)")
exit(failed ? 2 : 0)

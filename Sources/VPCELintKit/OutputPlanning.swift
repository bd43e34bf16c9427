import Output
import Settings

/// The files a run reads, which no output of the run may overwrite: every input and the configuration file.
enum OutputPlanning {
    static func inputs(_ settings: RunSettings, baseline: String? = nil) -> [(label: String, path: String)] {
        var inputs = settings.inputs.map { (label: "the input \($0.path)", path: $0.path) }
        if let path = settings.configuration.path { inputs.append(("the configuration file \(path)", path)) }
        if let baseline { inputs.append(("the baseline \(baseline) (--baseline)", baseline)) }
        return inputs
    }
}

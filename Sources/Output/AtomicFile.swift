import LintCore

/// Writes one file so a reader never sees half of it: an ``OutputTransaction`` of one request (a temporary
/// file beside the target, flushed, then renamed over it; devices and FIFOs in place; directories refused).
public enum AtomicFile {
    /// Writes `text` to `path`; an error names `option` (`--output`, `--write-baseline`, `--emit-hcl`), the
    /// path and the reason.
    public static func write(_ text: String, to path: String, option: String = "--output") throws(CheckError) {
        try OutputTransaction([OutputRequest(label: "\(option) \(path)", path: path)]).commit([text])
    }
}

import LintCore

/// `BuildCommit.hash` is generated at build time by the BuildCommit plugin (Plugins/BuildCommit): the full hash of
/// the checkout's HEAD, or "unknown" when the package was built outside a git checkout.
extension BuildCommit {
    /// What `vpcelint --version` prints: `vpcelint 0.1.0 (commit abc1234)`, or `(commit unknown)`.
    static var versionText: String {
        "vpcelint \(VPCELint.version) (commit \(hash == "unknown" ? hash : String(hash.prefix(7))))"
    }
}

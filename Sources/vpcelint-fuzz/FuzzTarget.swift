import VPCELintKit

#if canImport(Glibc)
    import Glibc
#endif

// Built two ways. `scripts/fuzz.sh` compiles with `-DVPCELINT_FUZZ -sanitize=fuzzer,address`: libFuzzer
// supplies `main` and calls `LLVMFuzzerTestOneInput` with each input. A plain `swift build` compiles the
// replayer below instead, which needs no sanitizer runtime: `vpcelint-fuzz FILE...` runs each file through the
// same pipeline (what `Tests/FuzzRegressions` holds).

#if VPCELINT_FUZZ
    /// libFuzzer's entry point: one input through the whole pipeline.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        _ = FuzzPipeline.run(bytes)
        return 0
    }

    /// libFuzzer's driver (compiler-rt FuzzerDriver.cpp), which its own `main` calls.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's `main` to `<module>_main` (so tests can import the module): libFuzzer's
    /// `main` is never linked, so this one starts its driver.
    @_cdecl("vpcelint_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments, fuzzOneInput)
    }
#else
    /// Replays files through the fuzzed pipeline, one line per file.
    @main
    struct FuzzReplay {
        static func main() throws {
            for path in CommandLine.arguments.dropFirst() {
                guard let bytes = try? ReplayFile.read(path) else {
                    print("\(path): unreadable")
                    continue
                }
                let outcome = FuzzPipeline.run(bytes)
                let refusal = outcome.error.map(\.message) ?? outcome.settingsError?.lines.joined(separator: "; ")
                print("\(path): " + (refusal.map { "refused: \($0)" } ?? "ok"))
            }
        }
    }

    enum ReplayFile {
        static func read(_ path: String) throws -> [UInt8] {
            guard let file = fopen(path, "rb") else { throw ReplayError() }
            defer { fclose(file) }
            var bytes = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count <= 0 { break }
                bytes += buffer[..<count]
            }
            return bytes
        }
    }

    struct ReplayError: Error {}
#endif

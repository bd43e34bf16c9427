#if canImport(CMimalloc)
    import CMimalloc
#endif

/// How the process gives memory back. Every binary that links the loader allocates through mimalloc (Linux).
public enum ProcessMemory {
    /// Pages mimalloc frees go back to the system at once instead of after its default delay (100 ms). The
    /// load frees its json-c trees and packing buffers batch after batch, and the model build frees what it
    /// read: with the delay, those pages were still resident when the rules and the report reached the run's
    /// peak (org-hub 100 MB: 276 -> 241 MB; same time, benchmarks/RESULTS.md run 12). Call it first thing.
    public static func returnFreedPagesPromptly() {
        #if canImport(CMimalloc)
            mi_option_set(mi_option_decommit_delay, 0)
        #endif
    }
}

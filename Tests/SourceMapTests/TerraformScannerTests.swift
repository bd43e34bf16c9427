import SourceMap
import Testing

@Suite("TerraformScanner")
struct TerraformScannerTests {
    static func blocks(_ text: String) -> [TerraformBlock] {
        TerraformScanner.scan(Array(text.utf8)).blocks
    }
}

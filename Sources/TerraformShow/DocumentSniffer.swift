import Foundation

/// Tells, from the head of a file, a JSON document that is clearly not Terraform output: a provider schema,
/// another tool's report, vpcelint's own report or baseline, an object without `format_version`. A directory
/// synced from a state bucket or a repository holds such files beside the states; they are skipped there
/// (with a line saying so) instead of failing the run, while a file named on its own is still loaded and
/// refused with the loader's message.
///
/// Only the first ``window`` bytes are read and only the top-level keys are looked at: nested values are
/// stepped over by counting brackets outside strings, nothing is parsed. Anything the head does not settle
/// (an empty or truncated file, text that is not JSON, a top-level object whose keys run past the window
/// without a telling one) is left to the loader, which refuses it with its place (exit 2): a broken state is
/// never skipped.
public enum DocumentSniffer {
    /// How many bytes of a file are looked at.
    public static let window = 1 << 20

    /// Why the file at `path` is not Terraform output, or `nil` when it may be (or cannot be read: the loader
    /// then says why).
    public static func foreignReason(path: String) -> String? {
        // Only a regular file (through links): opening a FIFO would wait for a writer.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let type = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType
        guard type == .typeRegular, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: window) else { return nil }
        return foreignReason(head: [UInt8](data))
    }

    /// ``foreignReason(path:)`` for bytes already read (the head of a file).
    public static func foreignReason(head: [UInt8]) -> String? {
        var scanner = HeadScanner(bytes: utf8(head))
        guard let opening = scanner.firstByte() else { return nil }
        if opening == UInt8(ascii: "[") {
            return "a JSON array (another tool's report?), not the object `terraform show -json` writes"
        }
        guard opening == UInt8(ascii: "{") else { return nil }
        let top = scanner.topLevelMembers(settled: isSettled)
        return verdict(top.members, complete: top.complete)
    }

    /// The keys that only Terraform's state and plan documents hold at the top level.
    static let terraformKeys: Set = ["values", "planned_values", "resource_changes", "prior_state", "resources"]

    /// Whether the members read so far and the next key already make the document Terraform output (a
    /// `format_version` or a raw state's number `version`, then a state or plan key), so the rest, often
    /// nearly the whole file, is not stepped over.
    static func isSettled(_ members: [String: HeadScanner.Value], _ next: String) -> Bool {
        guard terraformKeys.contains(next) else { return false }
        if case .number = members["version"] { return true }
        return members["format_version"] != nil
    }

    /// The reason a document with these top-level members is not Terraform output, or `nil`.
    static func verdict(_ members: [String: HeadScanner.Value], complete: Bool) -> String? {
        let has = { (key: String) in members[key] != nil }
        let isTerraformShape = terraformKeys.contains(where: has)
        if has("format_version") {
            if has("provider_schemas"), !isTerraformShape {
                return "a provider schema (`terraform providers schema -json`), not a state or plan"
            }
            if has("function_signatures") { return "`terraform metadata functions -json` output, not a state or plan" }
            if has("diagnostics"), has("valid") { return "`terraform validate -json` output, not a state or plan" }
            return nil
        }
        if case .string(let tool) = members["tool"], tool.hasPrefix("vpcelint") {
            return "a vpcelint baseline (`--write-baseline`), not Terraform output"
        }
        if case .object(let tool) = members["tool"], tool.contains("\"vpcelint\"") {
            return "a vpcelint report, not Terraform output"
        }
        if has("runs"), has("$schema") || members["version"].map({ $0 == .string("2.1.0") }) == true {
            return "a SARIF report, not Terraform output"
        }
        if has("check_type") { return "a checkov report, not Terraform output" }
        if has("issues"), has("errors") { return "a tflint report, not Terraform output" }
        if case .number = members["version"] {
            if has("backend"), !has("resources") {
                return "Terraform's backend settings (`.terraform/terraform.tfstate`), not a state"
            }
            return nil  // a raw state: the loader reads it, or refuses its version with the reason
        }
        if case .string(let version) = members["version"] {
            // A raw state's `version` is a number: a string one (an infracost report's "0.2") is another tool's.
            return
                "a JSON document with `version` \"\(version.prefix(20))\" and no `format_version`, not Terraform output"
        }
        if has("plan_format_version") || has("version") { return nil }  // the loader explains these
        guard complete else { return nil }
        let keys = members.keys.sorted().prefix(6).joined(separator: ", ")
        return keys.isEmpty
            ? "an empty JSON object, not Terraform output (no `format_version`)"
            : "a JSON object without `format_version` (keys: \(keys)), not Terraform output"
    }

    /// The head as UTF-8: a UTF-8 byte-order mark dropped, UTF-16 with a byte-order mark converted.
    private static func utf8(_ head: [UInt8]) -> [UInt8] {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(head.dropFirst(3)) }
        let littleEndian = head.starts(with: [0xFF, 0xFE])
        guard littleEndian || head.starts(with: [0xFE, 0xFF]) else { return head }
        var units = [UInt16]()
        var index = 2
        while index + 1 < head.count {
            let (low, high) = littleEndian ? (head[index], head[index + 1]) : (head[index + 1], head[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

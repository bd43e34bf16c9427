#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds, without parsing, the byte ranges of the large repeated parts of a `terraform show -json` document:
/// each object in a `resources` array of a module (`values`, `planned_values`, `prior_state.values`, from
/// `root_module` down through `child_modules`), each object of `resource_changes`, and the `configuration`
/// object; and of a raw state (what a backend stores), each object of the top-level `resources` array.
///
/// It tracks only quotes, backslashes and brackets (~1.5 GB/s), so it trusts nothing: json-c still parses
/// every byte, either inside a chunk or in the skeleton around the chunks, and reports any fault. Keys
/// written with escapes (`"valu\u0065s"`) are not recognised; their values simply stay in the skeleton.
struct StructureScanner {
    /// What a chunk holds, by where it sits.
    enum Kind: Sendable {
        case moduleResource
        case resourceChange
        case configuration
        /// A raw state's `resources[]` item, with its `instances`.
        case rawResource
    }

    /// One value to parse on its own: `text[start..<end]`, nested `depth` containers deep in the document.
    struct Chunk: Sendable {
        var start: Int
        var end: Int
        var depth: Int
        var kind: Kind
    }

    /// The role of a container the scanner descends into.
    private enum Role {
        case top, modules, priorState, module, resources, childModules, changes, configuration, rawResources
    }

    /// A `resources` (module or raw state) or `resource_changes` array that holds nothing but chunks (objects) separated by single
    /// commas and JSON whitespace: `text[start..<end]`, brackets included, holds `chunks` and nothing json-c
    /// could refuse outside them, so the skeleton can stand one placeholder for the whole array.
    struct Group: Sendable {
        var start: Int
        var end: Int
        var chunks: Range<Int>
    }

    /// The chunks in document order, and the arrays made of chunks only.
    struct Layout: Sendable {
        var chunks: [Chunk] = []
        var groups: [Group] = []
    }

    /// An array of chunks being checked for ``Group``: where it opened, its first chunk, whether anything but
    /// chunks, commas and whitespace appeared, and whether an element (not a comma or `]`) comes next.
    private struct OpenGroup {
        var start: Int
        var firstChunk: Int
        var clean = true
        var expectingElement = true
    }

    private struct Frame {
        var role: Role
        var isObject: Bool
        var expectingKey: Bool
        var key: Role?
        var group: OpenGroup? = nil
    }

    /// The chunks in document order. Stops at the end of the top-level value or at the first bracket
    /// that closes nothing: whatever follows stays in the skeleton for json-c to judge.
    static func scan(_ text: UnsafeRawBufferPointer) -> [Chunk] {
        layout(text).chunks
    }

    /// The chunks and groups of `text` (see ``scan(_:)``); `found` sees each chunk as soon as it closes.
    static func layout(_ text: UnsafeRawBufferPointer, found: (Chunk) -> Void = { _ in }) -> Layout {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return Layout() }
        let count = text.count
        var chunks = [Chunk]()
        var groups = [Group]()
        var frames = [Frame]()
        var nested = 0  // depth inside an untracked value or a chunk
        var chunk: Chunk?
        var index = 0
        var started = false
        while index < count {
            let byte = base[index]
            if nested == 0, frames.isEmpty {
                // Outside everything: the top-level value has not begun, or it has ended.
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09:
                    index += 1
                    continue
                default:
                    if started { return Layout(chunks: chunks, groups: groups) }
                    started = true
                }
            }
            switch byte {
            case UInt8(ascii: "\""):
                let close = stringEnd(base, count, from: index + 1)
                if nested == 0, frames.last?.group != nil { frames[frames.count - 1].group?.clean = false }
                if nested == 0, var frame = frames.last, frame.isObject, frame.expectingKey {
                    frame.key = role(
                        forKey: UnsafeBufferPointer(start: base + index + 1, count: close - index - 1), in: frame.role)
                    frame.expectingKey = false
                    frames[frames.count - 1] = frame
                }
                index = close + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if nested > 0 {
                    nested += 1
                } else {
                    let isObject = byte == UInt8(ascii: "{")
                    let action = action(inside: frames.last, isObject: isObject)
                    if var group = frames.last?.group {
                        if case .chunk = action, group.expectingElement {
                            group.expectingElement = false
                        } else {
                            group.clean = false
                        }
                        frames[frames.count - 1].group = group
                    }
                    switch action {
                    case .descend(let role):
                        var frame = Frame(role: role, isObject: isObject, expectingKey: isObject, key: nil)
                        if !isObject, role == .resources || role == .changes || role == .rawResources {
                            frame.group = OpenGroup(start: index, firstChunk: chunks.count)
                        }
                        frames.append(frame)
                    case .chunk(let kind):
                        chunk = Chunk(start: index, end: index, depth: frames.count, kind: kind)
                        nested = 1
                    case .skip:
                        nested = 1
                    }
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if nested > 0 {
                    nested -= 1
                    if nested == 0, var done = chunk {
                        done.end = index + 1
                        chunks.append(done)
                        found(done)
                        chunk = nil
                    }
                } else {
                    guard let closed = frames.popLast() else { return Layout(chunks: chunks, groups: groups) }
                    // `]` after an element (not after `[` or a comma) closes a group json-c would accept.
                    if let group = closed.group, group.clean, !group.expectingElement, byte == UInt8(ascii: "]") {
                        groups.append(
                            Group(start: group.start, end: index + 1, chunks: group.firstChunk..<chunks.count))
                    }
                }
            case UInt8(ascii: ","):
                if nested == 0, let last = frames.last {
                    if last.isObject {
                        frames[frames.count - 1].expectingKey = true
                        frames[frames.count - 1].key = nil
                    } else if var group = last.group {
                        if group.expectingElement { group.clean = false }
                        group.expectingElement = true
                        frames[frames.count - 1].group = group
                    }
                }
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            default:
                if nested == 0, frames.last?.group != nil { frames[frames.count - 1].group?.clean = false }
            }
            index += 1
        }
        return Layout(chunks: chunks, groups: groups)
    }

    private enum Action {
        case descend(Role)
        case chunk(Kind)
        case skip
    }

    /// What to do with a container that opens inside `parent` (whose current key is in `parent.key`).
    private static func action(inside parent: Frame?, isObject: Bool) -> Action {
        guard let parent else { return isObject ? .descend(.top) : .skip }
        if parent.isObject {
            switch parent.key {
            case .modules?, .priorState?, .module?: return isObject ? .descend(parent.key ?? .top) : .skip
            case .resources?, .childModules?, .changes?, .rawResources?:
                return isObject ? .skip : .descend(parent.key ?? .top)
            case .configuration?: return isObject ? .chunk(.configuration) : .skip
            default: return .skip
            }
        }
        guard isObject else { return .skip }
        switch parent.role {
        case .resources: return .chunk(.moduleResource)
        case .changes: return .chunk(.resourceChange)
        case .rawResources: return .chunk(.rawResource)
        case .childModules: return .descend(.module)
        default: return .skip
        }
    }

    /// The role of the value of member `key` in an object of role `parent`.
    private static func role(forKey key: UnsafeBufferPointer<UInt8>, in parent: Role) -> Role? {
        switch parent {
        case .top:
            if equals(key, "values") || equals(key, "planned_values") { return .modules }
            if equals(key, "prior_state") { return .priorState }
            if equals(key, "resource_changes") { return .changes }
            if equals(key, "configuration") { return .configuration }
            // Only a raw state has `resources` at the top (show -json keeps them under `root_module`).
            if equals(key, "resources") { return .rawResources }
            return nil
        case .priorState: return equals(key, "values") ? .modules : nil
        case .modules: return equals(key, "root_module") ? .module : nil
        case .module:
            if equals(key, "resources") { return .resources }
            if equals(key, "child_modules") { return .childModules }
            return nil
        default: return nil
        }
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount, let start = bytes.baseAddress else { return false }
        return memcmp(start, word.utf8Start, bytes.count) == 0
    }

    /// The offset of the quote closing the string whose body starts at `from`, or `count` when it never closes.
    static func stringEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int {
        var index = from
        while index < count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), count - index) else { return count }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // The quote is escaped when an odd number of backslashes precede it.
            var backslashes = 0
            while quote - backslashes - 1 >= from, base[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote }
            index = quote + 1
        }
        return count
    }
}

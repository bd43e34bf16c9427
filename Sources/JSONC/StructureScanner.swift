#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds, without parsing, the byte ranges of the large repeated parts of a document (the chunks), as a
/// ``Grammar`` names them: the objects found at given keys, or as elements of arrays at given keys, from the
/// top-level object down. The caller's grammar holds what it knows of its documents' shape; this scanner
/// knows only JSON.
///
/// It tracks only quotes, backslashes and brackets (~1.5 GB/s), so it trusts nothing: json-c still parses
/// every byte, either inside a chunk or in the skeleton around the chunks, and reports any fault. Keys
/// written with escapes (`"valu\u0065s"`) are not recognised; their values simply stay in the skeleton.
package struct StructureScanner {
    /// Where chunks sit: a list of containers, the first being the top-level object. A container is an
    /// object whose members at given keys lead on, or an array whose elements all lead to the same place.
    /// A place is another container (followed when the value is a container of that kind, else skipped) or
    /// a chunk of a kind (when the value is an object, else skipped). Everything else is skipped.
    package struct Grammar: Sendable {
        package enum Target: Sendable {
            /// The container at this index of ``containers``.
            case container(Int)
            /// A chunk of this kind (the caller's own numbering).
            case chunk(kind: Int)
        }

        package enum Container: Sendable {
            case object([(key: String, target: Target)])
            case array(elements: Target)
        }

        let containers: [Container]

        package init(_ containers: [Container]) {
            self.containers = containers
        }
    }

    /// One value to parse on its own: `text[start..<end]`, nested `depth` containers deep in the document.
    package struct Chunk: Sendable {
        package var start: Int
        package var end: Int
        package var depth: Int
        /// The kind the grammar gave it.
        package var kind: Int
    }

    /// An array of chunks that holds nothing but chunks (objects) separated by single commas and JSON
    /// whitespace: `text[start..<end]`, brackets included, holds `chunks` and nothing json-c could refuse
    /// outside them, so the skeleton can stand one placeholder for the whole array.
    package struct Group: Sendable {
        package var start: Int
        package var end: Int
        package var chunks: Range<Int>
    }

    /// The chunks in document order, and the arrays made of chunks only.
    package struct Layout: Sendable {
        package var chunks: [Chunk] = []
        package var groups: [Group] = []
    }

    /// An array of chunks being checked for ``Group``: where it opened, its first chunk, whether anything but
    /// chunks, commas and whitespace appeared, and whether an element (not a comma or `]`) comes next.
    fileprivate struct OpenGroup {
        var start: Int
        var firstChunk: Int
        var clean = true
        var expectingElement = true
    }

    fileprivate struct Frame {
        /// The index of the container in the grammar.
        var role: Int
        var isObject: Bool
        var expectingKey: Bool
        /// Where the value of the current key leads, if anywhere.
        var key: Grammar.Target?
        var group: OpenGroup? = nil
    }

    /// The chunks in document order. Stops at the end of the top-level value or at the first bracket
    /// that closes nothing: whatever follows stays in the skeleton for json-c to judge.
    static func scan(_ text: UnsafeRawBufferPointer, _ grammar: Grammar) -> [Chunk] {
        layout(text, grammar).chunks
    }

    /// The chunks and groups of `text` (see ``scan(_:_:)``); `found` sees each chunk as soon as it closes.
    static func layout(
        _ text: UnsafeRawBufferPointer, _ grammar: Grammar, found: (Chunk) -> Void = { _ in }
    ) -> Layout {
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
                    frame.key = grammar.target(
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
                    let action = grammar.action(inside: frames.last, isObject: isObject)
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
                        if grammar.holdsChunks(role) { frame.group = OpenGroup(start: index, firstChunk: chunks.count) }
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

extension StructureScanner {
    fileprivate enum Action {
        case descend(Int)
        case chunk(Int)
        case skip
    }
}

extension StructureScanner.Grammar {
    /// What to do with a container that opens inside `parent` (whose current key's place is `parent.key`).
    fileprivate func action(inside parent: StructureScanner.Frame?, isObject: Bool) -> StructureScanner.Action {
        guard let parent else { return follow(.container(0), isObject: isObject) }
        if parent.isObject { return parent.key.map { follow($0, isObject: isObject) } ?? .skip }
        guard case .array(let elements) = containers[parent.role] else { return .skip }
        return follow(elements, isObject: isObject)
    }

    private func follow(_ target: Target, isObject: Bool) -> StructureScanner.Action {
        switch target {
        case .chunk(let kind): return isObject ? .chunk(kind) : .skip
        case .container(let index):
            guard containers.indices.contains(index) else { return .skip }
            switch containers[index] {
            case .object: return isObject ? .descend(index) : .skip
            case .array: return isObject ? .skip : .descend(index)
            }
        }
    }

    /// Where the value of member `key` of an object of container `parent` leads.
    fileprivate func target(forKey key: UnsafeBufferPointer<UInt8>, in parent: Int) -> Target? {
        guard case .object(let members) = containers[parent] else { return nil }
        for member in members where Self.equals(key, member.key) { return member.target }
        return nil
    }

    /// Whether container `index` is an array of chunks (a group when clean).
    fileprivate func holdsChunks(_ index: Int) -> Bool {
        guard case .array(.chunk) = containers[index] else { return false }
        return true
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        word.utf8.count == bytes.count && word.utf8.elementsEqual(bytes)
    }
}

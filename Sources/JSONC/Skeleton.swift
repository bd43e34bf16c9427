extension InputBytes {
    /// The chunks and groups of the text that `grammar` describes; `found` sees each chunk as soon as it
    /// closes. Stops at the end of the top-level value or at the first bracket that closes nothing.
    package func layout(
        _ grammar: StructureScanner.Grammar, found: (StructureScanner.Chunk) -> Void = { _ in }
    ) -> StructureScanner.Layout {
        withUnsafeBytes { StructureScanner.layout($0, grammar, found: found) }
    }

    /// The text around the chunks of `layout` as one JSON value: each group of chunks, and each chunk
    /// outside the groups, stands as the string `marker + "g" + group number` or `marker + chunk id`
    /// (`marker` must start with U+0001, which JSON text writes escaped, so no string in the text can pass
    /// for one). A failure's offset is in this text; a fault in a placeholder is placed at its chunk's start.
    package func parseSkeleton(
        _ layout: StructureScanner.Layout, marker: String
    ) -> Result<JSONValue, SyntaxFailure> {
        let skeleton = withUnsafeBytes {
            Skeleton(text: $0, chunks: layout.chunks, groups: layout.groups, marker: marker)
        }
        let parsed: Result<JSONValue, SyntaxFailure> = skeleton.bytes.withUnsafeBytes { buffer in
            Result { () throws(SyntaxFailure) in try JSONCParser.parse(buffer) }
        }
        return parsed.mapError { failure in
            var failure = failure
            failure.offset = skeleton.fileOffset(failure.offset)
            return failure
        }
    }
}

/// The document with each chunk, or each group of chunks, replaced by a short placeholder string, and the
/// way back to file offsets. A chunk's placeholder is `marker + id`, a group's `marker + "g" + id`.
struct Skeleton {
    private(set) var bytes = [UInt8]()
    /// (skeleton offset, file offset, is a placeholder), increasing.
    private var segments = [(skeleton: Int, file: Int, placeholder: Bool)]()

    init(
        text: UnsafeRawBufferPointer, chunks: [StructureScanner.Chunk], groups: [StructureScanner.Group] = [],
        marker: String
    ) {
        // What each placeholder stands for, in file order: a group, or a chunk outside every group.
        var replaced = [(start: Int, end: Int, name: String)]()
        var nextGroup = 0
        var id = 0
        while id < chunks.count {
            if nextGroup < groups.count, groups[nextGroup].chunks.lowerBound == id {
                let group = groups[nextGroup]
                replaced.append((group.start, group.end, "g" + String(nextGroup)))
                id = group.chunks.upperBound
                nextGroup += 1
            } else {
                replaced.append((chunks[id].start, chunks[id].end, String(id)))
                id += 1
            }
        }
        let replacedBytes = replaced.reduce(0) { $0 + ($1.end - $1.start) }
        bytes.reserveCapacity(text.count - replacedBytes + replaced.count * 24)
        // The marker's first character is U+0001, which JSON writes escaped.
        let prefix = Array("\"\\u0001".utf8) + Array(marker.utf8.dropFirst())
        var cursor = 0
        for piece in replaced {
            segments.append((bytes.count, cursor, false))
            bytes.append(contentsOf: text[cursor..<piece.start])
            segments.append((bytes.count, piece.start, true))
            bytes.append(contentsOf: prefix)
            bytes.append(contentsOf: piece.name.utf8)
            bytes.append(UInt8(ascii: "\""))
            cursor = piece.end
        }
        segments.append((bytes.count, cursor, false))
        bytes.append(contentsOf: text[cursor...])
    }

    /// The file offset of a skeleton offset; a placeholder maps to the start of its chunk.
    func fileOffset(_ offset: Int) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].skeleton <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        return segment.placeholder ? segment.file : segment.file + (offset - segment.skeleton)
    }
}

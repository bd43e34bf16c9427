import CJSONC

/// Parses chunks (``StructureScanner/Chunk``) of one text with json-c, one tokener per nesting depth,
/// reused from chunk to chunk. Belongs to one task: json-c objects and tokeners never cross threads
/// (json-c's reference counts are not atomic), so only Swift values leave ``parse(_:in:peeking:packer:pruning:)``.
package final class ChunkParser {
    private var tokeners: [Int: UnsafeMutablePointer<json_tokener>] = [:]
    let keys = KeyCache()
    /// String values that repeat from item to item (a resource's type and provider), by their bytes.
    let valueStrings = KeyCache()

    /// Where ``ResourceSkim`` copies an item (grown to the largest item met) and keeps its containers.
    private var skimBytes: UnsafeMutablePointer<UInt8>?
    private var skimCapacity = 0
    private let skimStack = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(JSONCParser.maximumDepth))

    package init() {}

    deinit {
        for tokener in tokeners.values { json_tokener_free(tokener) }
        skimBytes?.deallocate()
        skimStack.deallocate()
    }

    /// Room for a skimmed copy of `count` bytes, and the validator's stack.
    func skimSpace(_ count: Int) -> (bytes: UnsafeMutablePointer<UInt8>, stack: UnsafeMutablePointer<UInt8>) {
        if let skimBytes, skimCapacity >= count { return (skimBytes, skimStack) }
        skimBytes?.deallocate()
        skimCapacity = max(count, 2 * skimCapacity, 4096)
        let made = UnsafeMutablePointer<UInt8>.allocate(capacity: skimCapacity)
        skimBytes = made
        return (made, skimStack)
    }

    /// The chunk's value, copied without what `pruning` leaves out. `pruning` gets the string value of the
    /// chunk's member `peeked` (nil when it is missing or not a string, or when `peeked` is nil): a chunk can
    /// be copied according to its own content (a resource's type) without being copied whole first.
    /// Offsets in a failure are absolute in `text`; a number json-c clamped, or a non-finite one, is a
    /// failure at its place.
    ///
    /// With a `packer`, the member that the pruning's ``Pruning/packed`` names is packed straight from json-c
    /// into its arenas and given beside the value (``Parsed/packed``), an empty object in its place.
    package func parse(
        _ chunk: StructureScanner.Chunk, in text: InputBytes, peeking peeked: StaticString?,
        packer: ValuePacker? = nil, pruning: (String?) -> Pruning
    ) -> Result<Parsed, SyntaxFailure> {
        parsing(chunk, in: text, packer: packer) { root, state in
            let peek = peeked.flatMap { JSONCConversion.string(member: $0, of: root) }
            let value = JSONCConversion.convert(root, pruning(peek), state: &state)
            return Parsed(value: value, packed: state.packed)
        }
    }

    /// What `read` makes of the chunk's json-c tree, or the failure: json-c's, too little memory for a large
    /// container, or a number `read` found suspect (see ``ConversionState``), at its place in the text.
    func parsing<Read>(
        _ chunk: StructureScanner.Chunk, in text: InputBytes, packer: ValuePacker?,
        _ read: (OpaquePointer, inout ConversionState) -> Read
    ) -> Result<Read, SyntaxFailure> {
        text.withUnsafeBytes { buffer in
            let root: OpaquePointer
            switch parseJSON(buffer, from: chunk.start, to: chunk.end, depth: chunk.depth) {
            case .success(let object): root = object
            case .failure(let failure): return .failure(failure)
            }
            defer { json_object_put(root) }
            var state = ConversionState(keys: keys, packer: packer)
            let value = read(root, &state)
            if let count = state.exhaustedAt {
                return .failure(JSONCParser.outOfMemory(at: chunk.start, elements: count))
            }
            if state.suspect, let fault = NumberFault.first(in: buffer, from: chunk.start, to: chunk.end) {
                return .failure(SyntaxFailure(offset: fault.offset, reason: fault.reason))
            }
            return .success(value)
        }
    }

    /// A chunk's value, and the member packed apart from it (see ``parse(_:in:peeking:packer:pruning:)``).
    package struct Parsed {
        package var value: JSONValue
        package var packed: PackedJSON?
    }

    private func tokener(depth: Int) -> UnsafeMutablePointer<json_tokener>? {
        if let tokener = tokeners[depth] { return tokener }
        // The chunk sits `depth` containers deep: allow it what the whole document would.
        guard let tokener = json_tokener_new_ex(max(1, JSONCParser.maximumDepth - Int32(depth))) else { return nil }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        tokeners[depth] = tokener
        return tokener
    }

    /// `text[start..<end]`, a value `depth` containers deep in its document, as a json-c tree.
    func parseJSON(
        _ text: UnsafeRawBufferPointer, from start: Int, to chunkEnd: Int, depth: Int
    ) -> Result<OpaquePointer, SyntaxFailure> {
        guard let tokener = tokener(depth: depth),
            let base = text.baseAddress?.assumingMemoryBound(to: CChar.self)
        else {
            return .failure(SyntaxFailure(offset: start, reason: "json-c could not allocate a tokener"))
        }
        json_tokener_reset(tokener)
        var consumed = start
        let piece = Int(Int32.max / 2)
        while consumed < chunkEnd {
            let length = min(piece, chunkEnd - consumed)
            let object = json_tokener_parse_ex(tokener, base + consumed, Int32(length))
            let error = json_tokener_get_error(tokener)
            if error == json_tokener_continue {
                consumed += length
                continue
            }
            let end = consumed + Int(json_tokener_get_parse_end(tokener))
            if error == json_tokener_success, object == nil {
                // A chunk is an object or an array, never `null`: json-c returns nothing with no error when
                // an allocation failed.
                return .failure(JSONCParser.outOfMemory(at: start, elements: nil))
            }
            guard error == json_tokener_success, let object else {
                if let object { json_object_put(object) }
                return .failure(SyntaxFailure(offset: end, reason: JSONCParser.describe(error)))
            }
            guard end == chunkEnd else {
                // The scanner closes a chunk where its brackets balance, as json-c does: json-c stops early
                // with no error only when an allocation failed (an array that could not grow).
                json_object_put(object)
                return .failure(JSONCParser.outOfMemory(at: start, elements: nil))
            }
            return .success(object)
        }
        return .failure(SyntaxFailure(offset: chunkEnd, reason: JSONCParser.describe(json_tokener_error_parse_eof)))
    }
}

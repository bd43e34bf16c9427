/// A glob where `*` matches any run of characters (`/` and `.` too), `?` one character (Unicode scalar), and
/// everything else itself: Terraform addresses hold `[`, `]` and `"`, which fnmatch(3) would read as a class.
///
/// Matching takes time linear in the address (issue 12: five patterns `*aaaa…b` against a 200 KB address took
/// 50 s with backtracking). The pattern is split at its stars: the first piece must start the address, the last
/// must end it, and each piece between is taken at its leftmost place after the one before (taking it any
/// later can only leave less room for the rest). A piece is found with Knuth-Morris-Pratt, or, when it holds a
/// `?`, with the bit-parallel Shift-And search (time x pieceLength / 64).
struct Glob: Sendable, Hashable {
    var pattern: String

    func matches(_ text: String) -> Bool {
        let text = Array(text.unicodeScalars)
        var pieces = pattern.unicodeScalars.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        let first = pieces.removeFirst()
        guard let last = pieces.popLast() else {
            return text.count == first.count && Self.equal(first, text[...])
        }
        let end = text.count - last.count
        guard first.count <= end, Self.equal(first, text[..<first.count]), Self.equal(last, text[end...]) else {
            return false
        }
        var position = first.count
        for piece in pieces where !piece.isEmpty {
            guard let found = Self.find(piece, in: text[position..<end]) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static let any: Unicode.Scalar = "?"

    private static func equal(_ piece: [Unicode.Scalar], _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        zip(piece, text).allSatisfy { $0 == any || $0 == $1 }
    }

    /// The index in `text`'s base of the leftmost place where `piece` matches, or nil.
    private static func find(_ piece: [Unicode.Scalar], in text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard piece.count <= text.count else { return nil }
        return piece.contains(any) ? shiftAnd(piece, text) : knuthMorrisPratt(piece, text)
    }

    private static func knuthMorrisPratt(_ piece: [Unicode.Scalar], _ text: ArraySlice<Unicode.Scalar>) -> Int? {
        // border[i]: the length of the longest proper prefix of piece[...i] that is also its suffix.
        var border = [Int](repeating: 0, count: piece.count)
        var length = 0
        for index in piece.indices.dropFirst() {
            while length > 0, piece[index] != piece[length] { length = border[length - 1] }
            if piece[index] == piece[length] { length += 1 }
            border[index] = length
        }
        length = 0
        for index in text.indices {
            while length > 0, text[index] != piece[length] { length = border[length - 1] }
            if text[index] == piece[length] { length += 1 }
            if length == piece.count { return index - piece.count + 1 }
        }
        return nil
    }

    /// Shift-And over words of 64 bits: bit j of the state is set when piece[...j] ends at the current scalar.
    private static func shiftAnd(_ piece: [Unicode.Scalar], _ text: ArraySlice<Unicode.Scalar>) -> Int? {
        let words = (piece.count + 63) / 64
        var wildcard = [UInt64](repeating: 0, count: words)
        for (index, scalar) in piece.enumerated() where scalar == any {
            wildcard[index / 64] |= 1 << UInt64(index % 64)
        }
        var masks = [Unicode.Scalar: [UInt64]]()
        for (index, scalar) in piece.enumerated() where scalar != any {
            masks[scalar, default: wildcard][index / 64] |= 1 << UInt64(index % 64)
        }
        let top = (word: (piece.count - 1) / 64, bit: UInt64(1) << UInt64((piece.count - 1) % 64))
        var state = [UInt64](repeating: 0, count: words)
        for index in text.indices {
            let mask = masks[text[index]] ?? wildcard
            var carry: UInt64 = 1
            for word in 0..<words {
                let next = state[word] >> 63
                state[word] = (state[word] << 1 | carry) & mask[word]
                carry = next
            }
            if state[top.word] & top.bit != 0 { return index - piece.count + 1 }
        }
        return nil
    }
}

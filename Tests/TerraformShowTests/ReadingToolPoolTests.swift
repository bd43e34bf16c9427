import Testing

@testable import TerraformShow

/// The sets of tools chunk readers borrow (a pool of its own here: the shared one serves every test at once).
@Suite struct ReadingToolPoolTests {
    @Test func aSetGivenBackIsLentAgain() {
        let pool = ReadingToolPool()
        let first = pool.borrow()
        let second = pool.borrow()
        #expect(first !== second)
        pool.giveBack(first)
        #expect(pool.count == 1)
        #expect(pool.borrow() === first)
        #expect(pool.count == 0)
    }

    @Test func keepsAtMostItsCapacity() {
        let pool = ReadingToolPool(capacity: 2)
        let sets = (0..<3).map { _ in pool.borrow() }
        for tools in sets { pool.giveBack(tools) }
        #expect(pool.count == 2)
    }

    /// Interned strings (module paths, types, providers) are shared by every input a set reads, up to the
    /// limit: past it, the set gets an empty interner.
    @Test func anInternerPastItsLimitIsReplaced() {
        let pool = ReadingToolPool(internedLimit: 2)
        let tools = pool.borrow()
        let interner = tools.interner
        for name in ["module.spoke[\"a\"].module.x", "module.spoke[\"b\"].module.x"] { _ = interner.intern(name) }
        pool.giveBack(tools)
        #expect(tools.interner === interner)
        #expect(pool.borrow() === tools)
        _ = interner.intern("module.spoke[\"c\"].module.x")
        // Strings of 15 bytes or fewer are stored inline by Swift: never interned.
        _ = interner.intern("short")
        #expect(interner.count == 3)
        pool.giveBack(tools)
        #expect(tools.interner !== interner)
        #expect(tools.interner.count == 0)
    }
}

import Foundation
import LintCore
import NetworkModel
import SourceMap
import TestSupport
import Testing

/// Addresses to `.tf` lines through module calls, on directories written by the tests.
@Suite("SourceTree and SourceMapper")
struct SourceTreeTests {
    static let layout = [
        "live/dev/main.tf": """
        module "spoke" {
          source   = "../../modules/spoke"
          for_each = toset(["a", "b"])
        }
        module "remote" {
          source  = "terraform-aws-modules/vpc/aws"
          version = "5.0.0"
        }
        module "computed" {
          source = "./${local.x}"
        }
        """,
        "live/dev/data.tf": """

        data "aws_vpc" "hub" {
          id = "vpc-1"
        }
        """,
        "live/dev/extra.tf.json": "{}",
        "modules/spoke/main.tf": """
        # the spoke
        module "net" {
          source = "./net"
        }

        resource "aws_vpc_endpoint" "interface" {
          for_each = var.services
        }
        """,
        "modules/spoke/net/vpc.tf": """
        resource "aws_vpc" "this" {
          count = 1
        }
        """,
    ]

    @Test("nested local module calls with for_each and count keys, data sources, files in name order")
    func nested() throws {
        try withTemporaryDirectory(Self.layout) { directory in
            var tree = SourceTree()
            let root = directory + "/live/dev"
            let cases: [(String, String, Int)] = [
                (#"module.spoke["a"].aws_vpc_endpoint.interface["ecr.dkr"]"#, "modules/spoke/main.tf", 6),
                (#"module.spoke["b.c]"].module.net.aws_vpc.this[0]"#, "modules/spoke/net/vpc.tf", 1),
                ("data.aws_vpc.hub", "live/dev/data.tf", 2),
            ]
            for (address, file, line) in cases {
                let location = try tree.locate(address, root: root).get()
                #expect(location == BlockLocation(file: SourceTree.normalized(directory + "/" + file), line: line))
            }
            #expect(tree.problems.count == 1)
            #expect(tree.problems.first?.contains("1 .tf.json file(s) not read") == true)
        }
    }

    @Test("a remote module, a computed source and a missing block are each a reason, not a guess")
    func unmapped() throws {
        try withTemporaryDirectory(Self.layout) { directory in
            var tree = SourceTree()
            let root = directory + "/live/dev"
            #expect(
                throws: UnmappedReason.remoteModule(call: "module.remote", source: "terraform-aws-modules/vpc/aws")
            ) { try tree.locate("module.remote.aws_vpc.this[0]", root: root).get() }
            #expect(throws: UnmappedReason.unreadableModuleSource(call: "module.computed", directory: root)) {
                try tree.locate("module.computed.aws_vpc.this", root: root).get()
            }
            #expect(throws: UnmappedReason.notFound(block: #"resource "aws_vpc" "gone""#, directory: root)) {
                try tree.locate("aws_vpc.gone", root: root).get()
            }
            #expect(throws: UnmappedReason.notAnAddress) { try tree.locate("module.spoke", root: root).get() }
        }
    }

    @Test("a file over the size bound is not scanned and says so")
    func oversized() throws {
        try withTemporaryDirectory(["big/a.tf": "resource \"aws_vpc\" \"a\" {}\n"]) { directory in
            let big = Data(count: SourceTree.maximumFileBytes + 1)
            try big.write(to: URL(fileURLWithPath: directory + "/big/b.tf"))
            var tree = SourceTree()
            #expect(try tree.locate("aws_vpc.a", root: directory + "/big").get().line == 1)
            #expect(tree.problems == ["\(directory)/big/b.tf: larger than 16 MiB, not scanned"])
        }
    }

    @Test("the mapper counts what it could not map, once per reason, and names environments without a root")
    func mapperNotices() throws {
        try withTemporaryDirectory(Self.layout) { directory in
            func finding(_ environment: String, _ address: String) -> Finding {
                Finding(
                    ruleID: "VPCE001", ruleName: "x", severity: .error,
                    location: Origin(environment: environment, path: environment + ".json", address: address),
                    message: "m", remediation: "r")
            }
            var result = LintResult(
                toolVersion: "0", inputs: [], rules: [],
                findings: [
                    finding("dev", "data.aws_vpc.hub"), finding("dev", "module.remote.aws_vpc.this"),
                    finding("dev", "module.remote.aws_subnet.x"), finding("prd", "aws_vpc.main"),
                ], unknowns: [], pricing: Pricing(), endpointCostByEnvironment: [:])
            result.findings[0].related = [Origin(environment: "dev", path: "dev.json", address: "aws_vpc.nowhere")]
            let mapper = SourceMapper(
                roots: ["dev": directory + "/live/dev"], environmentOfInput: ["dev.json": "dev", "prd.json": "prd"])
            let mapped = mapper.map(result)
            #expect(mapped.sources[result.findings[0].location]?.line == 2)
            #expect(mapped.sources.count == 1)
            let notices = mapped.notices.filter { $0.hasPrefix("--source") }
            #expect(notices.count == 2, "\(notices)")
            #expect(notices.contains { $0.hasPrefix("--source: 2 of 4 finding(s) in module.remote point at") })
            #expect(notices.contains { $0.hasPrefix("--source: 1 of 4 finding(s) of environment prd point at") })
        }
    }

    @Test("repository-relative paths: inside the root relative, outside nil, standard input nil")
    func repositoryPaths() {
        #expect(RepositoryRoot.relative("a/../b/c.tf", root: "/repo", currentDirectory: "/repo/x") == "x/b/c.tf")
        #expect(RepositoryRoot.relative("/repo/s.json", root: "/repo", currentDirectory: "/elsewhere") == "s.json")
        #expect(RepositoryRoot.relative("../s.json", root: "/repo", currentDirectory: "/repo") == nil)
        #expect(RepositoryRoot.relative("/repository/s.json", root: "/repo", currentDirectory: "/repo") == nil)
        #expect(RepositoryRoot.relative("-", root: "/repo", currentDirectory: "/repo") == nil)
    }

    @Test("addresses: instance keys with dots, brackets and escaped quotes are stripped")
    func addresses() throws {
        let address = try #require(ResourceAddress(#"module.a["x.\"]y"].module.b[0].data.aws_vpc.v["k.k"]"#))
        #expect(address.modules == ["a", "b"])
        #expect(address.kind == .data)
        #expect(address.type == "aws_vpc")
        #expect(address.name == "v")
        #expect(ResourceAddress("aws_vpc") == nil)
        #expect(ResourceAddress("module.a") == nil)
    }
}

/// Files a scan must never open or must name.
@Suite("SourceTree special files")
struct SourceTreeSpecialFileTests {
    @Test("a FIFO named *.tf is named as not a regular file, never opened (it would block)")
    func fifo() throws {
        try withTemporaryDirectory(["a.tf": "resource \"aws_vpc\" \"a\" {}\n"]) { directory in
            #expect(mkfifo(directory + "/b.tf", 0o600) == 0)
            var tree = SourceTree()
            let location = try tree.locate("aws_vpc.a", root: directory).get()
            #expect(location.line == 1)
            #expect(tree.problems == ["\(SourceTree.normalized(directory))/b.tf: not a regular file, not read"])
        }
    }
}

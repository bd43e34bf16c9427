import SourceMap
import Testing

/// The `.tf` scanner: blocks and their lines, and nothing inside comments, strings or heredocs mistaken for one.
@Suite("TerraformScanner")
struct TerraformScannerTests {
    static func scan(_ text: String) -> ScannedFile {
        TerraformScanner.scan(Array(text.utf8))
    }

    /// `kind label... @line` of each block, for compact expectations.
    static func summary(_ text: String) -> [String] {
        scan(text).blocks.map { block in
            ([block.kind.rawValue] + block.labels).joined(separator: " ") + " @\(block.line)"
                + (block.moduleSource.map { " <- \($0)" } ?? "")
        }
    }

    @Test("resource, data and module blocks with their lines; a module call's literal source")
    func blocks() {
        let text = """
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws" }
              }
            }

            resource "aws_vpc" "this" {
              cidr_block = "10.0.0.0/16"
            }
            data "aws_region" "current" {}
            module "spoke" {
              source   = "../modules/spoke"
              for_each = toset(["dev"])
            }
            module inline { source = "./inline" }
            resource aws_subnet bare {
            }
            """
        #expect(
            Self.summary(text) == [
                "resource aws_vpc this @7", "data aws_region current @10", "module spoke @11 <- ../modules/spoke",
                "module inline @15 <- ./inline", "resource aws_subnet bare @16",
            ])
        #expect(Self.scan(text).problem == nil)
    }

    @Test("comments of every kind hide blocks, and a block after them keeps its line")
    func comments() {
        let text = """
            # resource "aws_vpc" "hash" {}
            // resource "aws_vpc" "slashes" {}
            /* resource "aws_vpc" "block" {}
            resource "aws_vpc" "still_comment" {} */
            resource "aws_vpc" "real" { # } {
              tags = {} // }
              /* } */
            }
            resource "aws_vpc" "after" {}
            """
        #expect(Self.summary(text) == ["resource aws_vpc real @5", "resource aws_vpc after @9"])
    }

    @Test("strings with escapes, braces and interpolations (with nested strings) never open or close a block")
    func strings() {
        let text = #"""
            resource "aws_vpc" "a" {
              description = "}\" resource \"aws_vpc\" \"fake\" {"
              name        = "${var.x == "}" ? "{" : "${lower("}}")}"}"
              policy      = "%{ if true }}%{ endif }"
              escaped     = "$${not_interpolated} }"
            }
            module "m" {
              source = "./a\u00e9\U0001F600\n\"b"
            }
            resource "aws_vpc" "b" {}
            """#
        #expect(
            Self.summary(text) == [
                "resource aws_vpc a @1", "module m @7 <- ./a\u{E9}\u{1F600}\n\"b", "resource aws_vpc b @10",
            ])
        #expect(Self.scan(text).problem == nil)
    }

    @Test("heredocs, plain and indented, hide their text; `<<` that starts no heredoc is an operator")
    func heredocs() {
        let text = """
            resource "aws_iam_policy" "p" {
              policy = <<EOF
            }
            resource "aws_vpc" "fake" {
            EOF
              other = <<-JSON
                {"a": "}"}
                JSON
              shift = 1 << 2
            }
            resource "aws_vpc" "real" {}
            """
        #expect(Self.summary(text) == ["resource aws_iam_policy p @1", "resource aws_vpc real @11"])
    }

    @Test("a module source that is not one literal string is not read")
    func moduleSources() {
        let text = """
            module "a" {
              source = "./${var.dir}"
            }
            module "b" {
              source = local.path
            }
            module "c" {
              source = "./c" # a comment is fine
            }
            module "d" {
              providers = { aws = aws.x }
              version   = "1.0"
            }
            """
        #expect(Self.summary(text) == ["module a @1", "module b @4", "module c @7 <- ./c", "module d @10"])
    }

    @Test("CRLF line endings and a byte order mark keep lines and labels")
    func lineEndings() {
        let text =
            "\u{FEFF}# first\r\nresource \"aws_vpc\" \"a\" {\r\n  x = <<EOT\r\n}\r\nEOT\r\n}\r\nmodule \"m\" {\r\n"
            + "  source = \"./m\"\r\n}\r\n"
        #expect(Self.summary(text) == ["resource aws_vpc a @2", "module m @7 <- ./m"])
        #expect(Self.scan(text).problem == nil)
    }

    @Test(
        "an unterminated comment, string or heredoc stops the scan with a problem; blocks before it stay",
        arguments: [
            ("/* never closed\nresource \"aws_vpc\" \"b\" {}", "line 2: unterminated comment /*"),
            ("x = \"open\nresource \"aws_vpc\" \"b\" {}", "line 2: unterminated string"),
            ("x = <<EOF\nresource \"aws_vpc\" \"b\" {}\n", "line 2: unterminated heredoc <<EOF"),
            ("x = \"${", "line 2: unterminated string"),
        ])
    func unterminated(_ tail: String, _ problem: String) {
        let scanned = Self.scan("resource \"aws_vpc\" \"a\" {}\n" + tail)
        #expect(scanned.blocks.map(\.labels) == [["aws_vpc", "a"]])
        #expect(scanned.problem == problem)
    }

    @Test("hostile nesting: deep brackets are counted, deep string nesting stops at the bound")
    func hostileNesting() {
        let brackets = String(repeating: "{[(", count: 100_000) + String(repeating: ")]}", count: 100_000)
        let deep = Self.scan("locals " + brackets + "\nresource \"aws_vpc\" \"after\" {}\n")
        #expect(deep.blocks.map(\.labels) == [["aws_vpc", "after"]])
        let strings = String(repeating: "\"${", count: 10_000)
        let nested = Self.scan("resource \"aws_vpc\" \"a\" {}\nx = " + strings)
        #expect(nested.blocks.count == 1)
        #expect(nested.problem == "line 2: strings and interpolations nested deeper than 64")
    }
}

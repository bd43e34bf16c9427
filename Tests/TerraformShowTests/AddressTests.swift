import Testing

@testable import TerraformShow

/// Full addresses, module paths, keys, unknown and sensitive markers and configuration references.
@Suite struct AddressTests {
    static let aws = "registry.terraform.io/hashicorp/aws"

    static let state = #"""
        {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {
          "resources": [
            {"address": "aws_subnet.private[2]", "mode": "managed", "type": "aws_subnet", "name": "private",
             "index": 2, "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "subnet-2"}},
            {"address": "data.aws_region.current", "mode": "data", "type": "aws_region", "name": "current",
             "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"name": "eu-west-1"}}
          ],
          "child_modules": [
            {"address": "module.net", "resources": [
               {"address": "module.net.aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
                "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "vpc-1"},
                "sensitive_values": {"tags": {"secret": true}}}
             ],
             "child_modules": [
               {"address": "module.net.module.ep", "resources": [
                  {"address": "module.net.module.ep.aws_vpc_endpoint.this[\"ecr.dkr\"]", "mode": "managed",
                   "type": "aws_vpc_endpoint", "name": "this", "index": "ecr.dkr",
                   "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"service_name": "com.amazonaws.eu-west-1.ecr.dkr"}},
                  {"mode": "managed", "type": "aws_vpc_endpoint", "name": "this", "index": "say \"hi\"",
                   "provider_name": "registry.terraform.io/hashicorp/aws", "values": {}}
               ]}
             ]},
            {"address": "module.spoke[\"a\\\"b\"]", "resources": [
               {"address": "module.spoke[\"a\\\"b\"].aws_route.back[0]", "mode": "managed", "type": "aws_route",
                "name": "back", "index": 0, "provider_name": "registry.terraform.io/hashicorp/aws", "values": null},
               {"address": "module.spoke[\"a\\\"b\"].data.aws_vpc.hub", "mode": "data", "type": "aws_vpc",
                "name": "hub", "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "vpc-hub"}}
            ]}
          ]}}}
        """#

    @Test func stateAddresses() throws {
        let document = try DocumentLoader.load(bytes: Array(Self.state.utf8), path: "state.json")
        #expect(document.kind == .state)
        #expect(document.formatVersion == "1.0")
        #expect(document.terraformVersion == "1.9.5")
        let byAddress = Dictionary(uniqueKeysWithValues: document.resources.map { ($0.address, $0) })
        #expect(document.resources.count == 7)

        let subnet = try #require(byAddress["aws_subnet.private[2]"])
        #expect(subnet.index == .int(2))
        #expect(subnet.modulePath == "")
        #expect(subnet.configAddress == "aws_subnet.private")
        #expect(subnet.providerName == Self.aws)
        #expect(subnet.value(at: "id")?.string == "subnet-2")

        let region = try #require(byAddress["data.aws_region.current"])
        #expect(region.mode == .data)
        #expect(region.configAddress == "data.aws_region.current")

        let vpc = try #require(byAddress["module.net.aws_vpc.this"])
        #expect(vpc.modulePath == "module.net")
        #expect(vpc.isSensitive("tags.secret"))
        #expect(!vpc.isSensitive("id"))

        let endpoint = try #require(byAddress[#"module.net.module.ep.aws_vpc_endpoint.this["ecr.dkr"]"#])
        #expect(endpoint.index == .string("ecr.dkr"))
        #expect(endpoint.modulePath == "module.net.module.ep")
        #expect(endpoint.configAddress == "module.net.module.ep.aws_vpc_endpoint.this")

        // No `address` in the file: built from the module and a Go-quoted key.
        let quoted = try #require(byAddress[#"module.net.module.ep.aws_vpc_endpoint.this["say \"hi\""]"#])
        #expect(quoted.index == .string(#"say "hi""#))

        let route = try #require(byAddress[#"module.spoke["a\"b"].aws_route.back[0]"#])
        #expect(route.modulePath == #"module.spoke["a\"b"]"#)
        #expect(route.configAddress == "module.spoke.aws_route.back")
        #expect(route.index == .int(0))
        #expect(route.values == .object([:]))
        let hub = try #require(byAddress[#"module.spoke["a\"b"].data.aws_vpc.hub"#])
        #expect(hub.configAddress == "module.spoke.data.aws_vpc.hub")
    }

    @Test(arguments: [
        (#"module.a["x]y"].module.b[3]"#, "module.a.module.b"),
        (#"module.a["q\"]"].module.b"#, "module.a.module.b"),
        ("", nil),
    ])
    func stripInstanceKeys(_ path: String, _ expected: String?) {
        #expect(Resource.stripInstanceKeys(path) == expected)
    }

    static let plan = #"""
        {"format_version": "1.2", "terraform_version": "1.9.5",
         "planned_values": {"root_module": {
           "resources": [
             {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
              "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"name": "web"}, "sensitive_values": {}}
           ],
           "child_modules": [
             {"address": "module.hub", "resources": [
                {"address": "module.hub.aws_route.back", "mode": "managed", "type": "aws_route", "name": "back",
                 "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"destination_cidr_block": "10.1.0.0/16"}}
              ],
              "child_modules": [
                {"address": "module.hub.module.ep[\"ecr.dkr\"]", "resources": [
                   {"address": "module.hub.module.ep[\"ecr.dkr\"].aws_vpc_endpoint.this", "mode": "managed",
                    "type": "aws_vpc_endpoint", "name": "this", "provider_name": "registry.terraform.io/hashicorp/aws",
                    "values": {"service_name": "com.amazonaws.eu-west-1.ecr.dkr", "subnet_ids": ["subnet-1", null]}}
                ]}
              ]}
           ]}},
         "resource_changes": [
           {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": null, "after": {"name": "web"},
                       "after_unknown": {"id": true, "ingress": [{"cidr_blocks": [true]}]},
                       "after_sensitive": {"description": true}}},
           {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
            "deposed": "00000001", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["delete"], "before": {"name": "web"}, "after": null, "after_unknown": {}}},
           {"address": "aws_instance.gone", "mode": "managed", "type": "aws_instance", "name": "gone",
            "deposed": "00000002", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["no-op"], "before": null, "after": null}},
           {"address": "aws_instance.old", "mode": "managed", "type": "aws_instance", "name": "old",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["delete"], "before": {"id": "i-1"}, "after": null}},
           {"address": "module.hub.aws_route.back", "module_address": "module.hub", "mode": "managed",
            "type": "aws_route", "name": "back", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["update"], "before": {}, "after": {}, "after_unknown": {"route_table_id": true},
                       "after_sensitive": {"tags": {}, "route": [false]}}},
           {"address": "module.hub.module.ep[\"ecr.dkr\"].aws_vpc_endpoint.this",
            "module_address": "module.hub.module.ep[\"ecr.dkr\"]", "mode": "managed", "type": "aws_vpc_endpoint",
            "name": "this", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": null, "after": {},
                       "after_unknown": {"dns_entry": true, "subnet_ids": [false, true]},
                       "after_sensitive": {"policy": true}}},
           {"address": "module.hub.aws_subnet.extra[1]", "module_address": "module.hub", "mode": "managed",
            "type": "aws_subnet", "name": "extra", "index": 1, "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": null, "after": {"cidr_block": "10.1.1.0/24"},
                       "after_unknown": {"id": true}}}
         ],
         "prior_state": {"format_version": "1.0", "values": {"root_module": {
           "resources": [
             {"address": "data.aws_vpc.main", "mode": "data", "type": "aws_vpc", "name": "main",
              "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "vpc-main"}},
             {"address": "aws_instance.old", "mode": "managed", "type": "aws_instance", "name": "old",
              "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"id": "i-1"}}
           ]}}},
         "configuration": {"root_module": {
           "resources": [
             {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
              "expressions": {
                "vpc_id": {"references": ["data.aws_vpc.main.id", "data.aws_vpc.main"]},
                "name": {"constant_value": "web"},
                "ingress": [{"cidr_blocks": {"references": ["var.cidrs"]}, "from_port": {"constant_value": 443}},
                            {"cidr_blocks": {"references": ["local.extra"]}}],
                "timeouts": {"create": {"references": ["var.timeout"]}}
              }}
           ],
           "module_calls": {
             "hub": {"source": "./hub",
               "expressions": {"vpc_id": {"references": ["data.aws_vpc.main.id", "data.aws_vpc.main"]}},
               "module": {
                 "resources": [
                   {"address": "aws_route.back", "mode": "managed", "type": "aws_route", "name": "back",
                    "expressions": {"route_table_id": {"references": ["var.route_table_id"]}}},
                   {"address": "aws_subnet.extra", "mode": "managed", "type": "aws_subnet", "name": "extra",
                    "count_expression": {"references": ["var.subnets"]}}
                 ],
                 "module_calls": {
                   "ep": {"source": "./ep", "for_each_expression": {"references": ["var.services"]},
                     "expressions": {"subnet_ids": {"references": ["aws_subnet.extra"]}},
                     "module": {"resources": [
                       {"address": "aws_vpc_endpoint.this", "mode": "managed", "type": "aws_vpc_endpoint", "name": "this",
                        "expressions": {"service_name": {"references": ["each.key"]}}}
                     ]}}
                 }}}
           }}}}
        """#

    @Test func planResourcesAndMarkers() throws {
        let document = try DocumentLoader.load(bytes: Array(Self.plan.utf8), path: "plan.json")
        #expect(document.kind == .plan)
        // planned_values, plus the create missing from it, plus the data source read while planning;
        // not the deposed objects, not the deleted instance.
        #expect(
            document.resources.map(\.address).sorted() == [
                "aws_security_group.web", "data.aws_vpc.main", "module.hub.aws_route.back",
                "module.hub.aws_subnet.extra[1]", #"module.hub.module.ep["ecr.dkr"].aws_vpc_endpoint.this"#,
            ])
        #expect(document.priorResources?.map(\.address).sorted() == ["aws_instance.old", "data.aws_vpc.main"])
        let byAddress = Dictionary(uniqueKeysWithValues: document.resources.map { ($0.address, $0) })

        // The deposed delete does not replace the current object's change.
        let group = try #require(byAddress["aws_security_group.web"])
        #expect(group.actions == ["create"])
        #expect(group.isUnknown("id"))
        #expect(group.isUnknown("ingress.0.cidr_blocks.0"))
        #expect(!group.isUnknown("name"))
        #expect(group.isSensitive("description"))
        #expect(!group.isSensitive("name"))
        // Marks that mark nothing (`{}`, `false`) are not kept, and answer as before.
        let route = try #require(byAddress["module.hub.aws_route.back"])
        #expect(route.isUnknown("route_table_id") && !route.isUnknown("destination_cidr_block"))
        #expect(route.sensitive == nil && !route.isSensitive("destination_cidr_block"))

        let endpoint = try #require(byAddress[#"module.hub.module.ep["ecr.dkr"].aws_vpc_endpoint.this"#])
        #expect(endpoint.modulePath == #"module.hub.module.ep["ecr.dkr"]"#)
        #expect(endpoint.configAddress == "module.hub.module.ep.aws_vpc_endpoint.this")
        #expect(endpoint.index == nil)
        #expect(endpoint.isUnknown("dns_entry"))
        #expect(endpoint.isUnknown("dns_entry.0.dns_name"))
        #expect(endpoint.isUnknown("subnet_ids.1"))
        #expect(!endpoint.isUnknown("subnet_ids.0"))
        #expect(!endpoint.isUnknown("service_name"))
        #expect(endpoint.isSensitive("policy"))
        #expect(endpoint.value(at: "subnet_ids.0")?.string == "subnet-1")

        let extra = try #require(byAddress["module.hub.aws_subnet.extra[1]"])
        #expect(extra.index == .int(1))
        #expect(extra.modulePath == "module.hub")
        #expect(extra.actions == ["create"])
        #expect(extra.value(at: "cidr_block")?.string == "10.1.1.0/24")
        #expect(extra.isUnknown("id"))

        let data = try #require(byAddress["data.aws_vpc.main"])
        #expect(data.mode == .data)
        #expect(data.actions == nil)
        #expect(data.value(at: "id")?.string == "vpc-main")
    }

    @Test func planConfigurationReferences() throws {
        let document = try DocumentLoader.load(bytes: Array(Self.plan.utf8), path: "plan.json")
        let byAddress = Dictionary(uniqueKeysWithValues: document.resources.map { ($0.address, $0) })

        let group = try #require(byAddress["aws_security_group.web"])
        #expect(group.references["vpc_id"] == ["data.aws_vpc.main.id", "data.aws_vpc.main"])
        #expect(group.references["ingress.cidr_blocks"] == ["var.cidrs", "local.extra"])
        #expect(group.references["timeouts.create"] == ["var.timeout"])
        #expect(group.references["name"] == nil)
        #expect(group.references["ingress.from_port"] == nil)

        // Resources inside module calls are keyed by their full config address.
        #expect(byAddress["module.hub.aws_route.back"]?.references == ["route_table_id": ["var.route_table_id"]])
        #expect(byAddress["module.hub.aws_subnet.extra[1]"]?.references == ["count_expression": ["var.subnets"]])
        let endpoint = try #require(byAddress[#"module.hub.module.ep["ecr.dkr"].aws_vpc_endpoint.this"#])
        #expect(endpoint.references == ["service_name": ["each.key"]])

        #expect(document.moduleInputs["module.hub"]?["vpc_id"] == ["data.aws_vpc.main.id", "data.aws_vpc.main"])
        #expect(document.moduleInputs["module.hub.module.ep"]?["subnet_ids"] == ["aws_subnet.extra"])
        #expect(document.moduleInputs["module.hub.module.ep"]?["for_each_expression"] == ["var.services"])
        #expect(document.moduleInputs.keys.sorted() == ["module.hub", "module.hub.module.ep"])
    }

    @Test func rawStateAddresses() throws {
        let text = #"""
            {"version": 4, "terraform_version": "1.5.0", "serial": 3, "lineage": "x", "outputs": {}, "resources": [
              {"module": "module.net[\"a\"]", "mode": "managed", "type": "aws_subnet", "name": "private",
               "provider": "provider[\"registry.terraform.io/hashicorp/aws\"].west",
               "instances": [{"index_key": 0, "attributes": {"id": "s-0"}}, {"index_key": 1, "attributes": {"id": "s-1"}}]},
              {"mode": "data", "type": "aws_region", "name": "current",
               "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
               "instances": [{"attributes": {"name": "eu-west-1"}}]}
            ]}
            """#
        let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "terraform.tfstate")
        #expect(document.kind == .rawState)
        #expect(
            document.resources.map(\.address) == [
                #"module.net["a"].aws_subnet.private[0]"#, #"module.net["a"].aws_subnet.private[1]"#,
                "data.aws_region.current",
            ])
        #expect(document.resources.first?.configAddress == "module.net.aws_subnet.private")
        #expect(document.resources.allSatisfy { $0.providerName == Self.aws })
        #expect(document.resources[1].value(at: "id")?.string == "s-1")
    }

    /// The module path a resource's given address names is read from its bytes when they are plain ASCII
    /// (``ResourceEntry/modulePath(in:mode:type:name:index:)``): the same answer as building the local address
    /// and comparing characters, on edge cases and on random addresses.
    @Test func modulePathFromBytesAgreesWithTheGeneralRead() {
        let keys: [InstanceKey?] = [
            nil, .int(0), .int(-3), .int(12), .string("a"), .string(""), .string("ecr.dkr"), .string("a\"b"),
            .string("x\\y"), .string("é"), .string("a]b"),
        ]
        var cases = [(String, ResourceMode, String, String, InstanceKey?)]()
        let givens = [
            "aws_vpc.this", "module.hub.aws_vpc.this", "data.aws_vpc.this", "module.hub.data.aws_vpc.this",
            "module.m[\"k\"].aws_vpc.this[0]", "aws_vpc.this[0]", "aws_vpc.this[\"a\"]", "xaws_vpc.this",
            ".aws_vpc.this", "module..aws_vpc.this", "module.é.aws_vpc.this", "\r\naws_vpc.this",
            "module.a.aws_vpc.this[\"a\\\"b\"]", "aws_vpc.this[\"é\"]", "",
        ]
        for given in givens {
            for mode in [ResourceMode.managed, .data] {
                for key in keys { cases.append((given, mode, "aws_vpc", "this", key)) }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab.[]\"\\0\r\né")
        func random(_ most: Int) -> String {
            String(
                (0..<Int.random(in: 0...most, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
                })
        }
        for _ in 0..<20_000 {
            let key: InstanceKey? = [nil, .int(Int.random(in: -2...12, using: &generator)), .string(random(3))]
                .randomElement(using: &generator)!
            let (type, name) = (random(3), random(3))
            let mode: ResourceMode = Bool.random(using: &generator) ? .managed : .data
            // Often a real suffix, with a random module part before it.
            let local = (mode == .data ? "data." : "") + type + "." + name + (key?.description ?? "")
            let given = Bool.random(using: &generator) ? random(6) + local : random(12)
            cases.append((given, mode, type, name, key))
        }
        for (given, mode, type, name, key) in cases {
            #expect(
                ResourceEntry.modulePath(in: given, mode: mode, type: type, name: name, index: key)
                    == ResourceEntry.generalModulePath(in: given, mode: mode, type: type, name: name, index: key),
                "\(given) \(type) \(name) \(String(describing: key))")
        }
    }

    /// The module path cut from an address before `.TYPE.NAME[` (a module listed without its `address`) is
    /// found by bytes in ASCII text (``DocumentReader/text(of:before:)``): the same answer as `firstRange(of:)`,
    /// on random texts with line breaks, non-ASCII and combining characters and pieces that start or end them.
    @Test func textBeforeAPieceAgreesWithTheSearchOfCharacters() {
        var generator = SystemRandomNumberGenerator()
        // A combining mark joins the character before it: "e" then U+0301 is no "e" to a search of characters.
        let alphabet = Array("ab.[]\r\né") + ["\u{301}"]
        func random(_ least: Int, _ most: Int) -> String {
            String(
                (0..<Int.random(in: least...most, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
        }
        var cases = [
            ("module.a.aws_vpc.this[0]", ".aws_vpc.this["), ("module.a.aws_vpc.this.aws_vpc.this[0]", ".aws_vpc.this["),
            ("a\r\nb", "\nb"), ("a\r\nb", "a\r"), ("a\r\nb", "\r\n"), ("é.x[", ".x["), ("ab", "abc"), ("", "a"),
        ]
        for _ in 0..<20_000 {
            let piece = random(1, 3)
            let text = Bool.random(using: &generator) ? random(0, 5) + piece + random(0, 5) : random(0, 10)
            cases.append((text, piece))
        }
        for (text, piece) in cases {
            #expect(
                DocumentReader.text(of: text, before: piece)
                    == text.firstRange(of: piece).map { String(text[..<$0.lowerBound]) },
                "\(text.debugDescription) \(piece.debugDescription)")
        }
    }
}

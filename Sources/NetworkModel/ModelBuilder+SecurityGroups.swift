import TerraformShow

/// Reading Security groups and their rules in all three forms.
extension ModelBuilder {
    mutating func readSecurityGroup(_ reader: ResourceReader) {
        var rules = [SecurityGroupRule]()
        for direction in ["ingress", "egress"] {
            for (offset, block) in reader.array(direction).enumerated() {
                let protocolText = block["protocol"]?.string ?? block["protocol"]?.int.map(String.init) ?? "-1"
                let prefix = "\(direction).\(offset)."
                let ipProtocol = IPProtocol(protocolText)
                let ports = Self.ports(
                    block["from_port"], block["to_port"], of: ipProtocol, prefix: prefix,
                    unknown: { reader.isUnknown(prefix + $0) })
                var base = SecurityGroupRule(
                    isIngress: direction == "ingress", ipProtocol: ipProtocol, fromPort: ports.from, toPort: ports.to,
                    source: .selfGroup, origin: reader.origin)
                base.unreadablePorts = ports.problem
                var sources = [RuleSource]()
                for attribute in ["cidr_blocks", "ipv6_cidr_blocks"] {
                    guard let value = block[attribute] else { continue }
                    sources += Self.sources(ResourceReader.readCIDRs(value, attribute: prefix + attribute))
                }
                sources += (block["prefix_list_ids"]?.strings ?? []).map(RuleSource.prefixList)
                sources += (block["security_groups"]?.strings ?? []).map(RuleSource.securityGroup)
                if block["self"]?.bool == true { sources.append(.selfGroup) }
                if reader.isUnknown("\(direction).\(offset).cidr_blocks") {
                    let refs = reader.links("\(direction).\(offset).security_groups").keys
                    sources += refs.map(RuleSource.securityGroup)
                    if refs.isEmpty { sources.append(.unresolved("\(direction).cidr_blocks is unknown until apply")) }
                }
                for source in sources {
                    var rule = base
                    rule.source = source
                    rules.append(rule)
                }
            }
        }
        model.securityGroups.append(
            SecurityGroup(key: reader.key, origin: reader.origin, vpcKey: reader.link("vpc_id").key, rules: rules))
    }

    mutating func readSecurityGroupRule(_ reader: ResourceReader) {
        let (groupKey, groupProblem) = reader.link("security_group_id")
        let ipProtocol = IPProtocol(reader.string("protocol") ?? "-1")
        let ports = Self.ports(reader, of: ipProtocol)
        var base = SecurityGroupRule(
            isIngress: reader.string("type") != "egress", ipProtocol: ipProtocol, fromPort: ports.from,
            toPort: ports.to, source: .selfGroup, origin: reader.origin)
        base.unreadablePorts = ports.problem
        var sources = [RuleSource]()
        sources += Self.sources(reader.readCIDRs("cidr_blocks")) + Self.sources(reader.readCIDRs("ipv6_cidr_blocks"))
        sources += (reader.value("prefix_list_ids")?.strings ?? []).map(RuleSource.prefixList)
        if reader.bool("self") == true { sources.append(.selfGroup) }
        let source = reader.link("source_security_group_id")
        if let key = source.key { sources.append(.securityGroup(key)) }
        if let problem = source.unresolved { sources.append(.unresolved("\(problem.attribute): \(problem.reason)")) }
        if reader.isUnknown("cidr_blocks") {
            sources.append(.unresolved("cidr_blocks is unknown until apply"))
        }
        for source in sources {
            var rule = base
            rule.source = source
            place(rule, in: groupKey, problem: groupProblem)
        }
    }

    mutating func place(_ rule: SecurityGroupRule, in groupKey: String?, problem: Unresolved?) {
        if let groupKey {
            standaloneRules.append((groupKey, rule))
        } else if let problem {
            model.unplacedRules.append((rule, problem))
        }
    }

    mutating func readSecurityGroupIngressRule(_ reader: ResourceReader) {
        let (groupKey, groupProblem) = reader.link("security_group_id")
        var source: RuleSource?
        let (v4, v6) = (reader.readCIDRs("cidr_ipv4"), reader.readCIDRs("cidr_ipv6"))
        if let cidr = (v4.cidrs + v6.cidrs).first {
            source = .cidr(cidr)
        } else if let problem = (v4.unreadable + v6.unreadable).first {
            source = .unresolved("\(problem.attribute): \(problem.reason)")
        } else if let list = reader.string("prefix_list_id") {
            source = .prefixList(list)
        } else {
            let referenced = reader.link("referenced_security_group_id")
            if let key = referenced.key {
                source = key == groupKey ? .selfGroup : .securityGroup(key)
            } else if reader.isUnknown("cidr_ipv4") {
                source = .unresolved("cidr_ipv4 is unknown until apply")
            } else if let problem = referenced.unresolved {
                source = .unresolved("\(problem.attribute): \(problem.reason)")
            }
        }
        guard let source else { return }
        let ipProtocol = IPProtocol(reader.string("ip_protocol") ?? "-1")
        let ports = Self.ports(reader, of: ipProtocol)
        var rule = SecurityGroupRule(
            isIngress: reader.resource.type.hasSuffix("ingress_rule"), ipProtocol: ipProtocol, fromPort: ports.from,
            toPort: ports.to, source: source, origin: reader.origin)
        rule.unreadablePorts = ports.problem
        place(rule, in: groupKey, problem: groupProblem)
    }

    /// Rule sources of CIDR attributes: each network, and each value that is not one as an unresolved source
    /// (the rule may or may not let a spoke in: unknown, never left out).
    static func sources(_ read: (cidrs: [CIDR], unreadable: [Unresolved])) -> [RuleSource] {
        read.cidrs.map(RuleSource.cidr) + read.unreadable.map { .unresolved("\($0.attribute): \($0.reason)") }
    }

    static func ports(_ reader: ResourceReader, of ipProtocol: IPProtocol) -> (from: Int?, to: Int?, problem: String?) {
        ports(
            reader.value("from_port"), reader.value("to_port"), of: ipProtocol, prefix: "",
            unknown: { reader.isUnknown($0) })
    }

    /// `from_port` and `to_port` of a TCP or UDP rule, or why they cannot be read: each must be an integer
    /// (a decimal string counts, as the provider writes some) from -1 to 65535. `"abc"`, `true`, `null` and
    /// `1e308` are problems, never "every port". Other protocols' ports are not read (ICMP's are a type and code).
    static func ports(
        _ from: JSONValue?, _ to: JSONValue?, of ipProtocol: IPProtocol, prefix: String, unknown: (String) -> Bool
    ) -> (from: Int?, to: Int?, problem: String?) {
        guard ipProtocol == .tcp || ipProtocol == .udp else { return (from?.int, to?.int, nil) }
        var problems = [String]()
        func port(_ value: JSONValue?, _ name: String) -> Int? {
            if unknown(name) {
                problems.append("\(prefix)\(name) is unknown until apply")
                return nil
            }
            guard let value, !value.isNull else {
                problems.append("\(prefix)\(name) is null")
                return nil
            }
            if let number = value.int, (-1...65535).contains(number) { return number }
            let shown: String
            switch value {
            case .string(let text):
                shown = "\"" + text.unicodeScalars.prefix(40).map { $0.escaped(asASCII: true) }.joined() + "\""
            case .int(let number): shown = String(number)
            case .double(let number): shown = "\(number)"
            default: shown = value.kindName
            }
            problems.append("\(prefix)\(name) \(shown) is not a port number (0-65535)")
            return nil
        }
        let ports = (port(from, "from_port"), port(to, "to_port"))
        return (ports.0, ports.1, problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
}

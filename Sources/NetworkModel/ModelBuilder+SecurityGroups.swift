import TerraformShow

/// Reading Security groups and their rules in all three forms.
extension ModelBuilder {
    mutating func readSecurityGroup(_ reader: ResourceReader) {
        var rules = [SecurityGroupRule]()
        for direction in ["ingress", "egress"] {
            for (offset, block) in reader.array(direction).enumerated() {
                let protocolText = block["protocol"]?.string ?? block["protocol"]?.int.map(String.init) ?? "-1"
                let base = SecurityGroupRule(
                    isIngress: direction == "ingress", ipProtocol: IPProtocol(protocolText),
                    fromPort: block["from_port"]?.int, toPort: block["to_port"]?.int, source: .selfGroup,
                    origin: reader.origin)
                var sources = [RuleSource]()
                sources += (block["cidr_blocks"]?.strings ?? []).compactMap(CIDR.init).map(RuleSource.cidr)
                sources += (block["ipv6_cidr_blocks"]?.strings ?? []).compactMap(CIDR.init).map(RuleSource.cidr)
                sources += (block["prefix_list_ids"]?.strings ?? []).map(RuleSource.prefixList)
                sources += (block["security_groups"]?.strings ?? []).map(RuleSource.securityGroup)
                if block["self"]?.bool == true { sources.append(.selfGroup) }
                if reader.resource.isUnknown("\(direction).\(offset).cidr_blocks") {
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
        let base = SecurityGroupRule(
            isIngress: reader.string("type") != "egress", ipProtocol: IPProtocol(reader.string("protocol") ?? "-1"),
            fromPort: reader.int("from_port"), toPort: reader.int("to_port"), source: .selfGroup, origin: reader.origin)
        var sources = [RuleSource]()
        sources += (reader.cidrs("cidr_blocks") + reader.cidrs("ipv6_cidr_blocks")).map(RuleSource.cidr)
        sources += (reader.resource.value(at: "prefix_list_ids")?.strings ?? []).map(RuleSource.prefixList)
        if reader.bool("self") == true { sources.append(.selfGroup) }
        let source = reader.link("source_security_group_id")
        if let key = source.key { sources.append(.securityGroup(key)) }
        if let problem = source.unresolved { sources.append(.unresolved("\(problem.attribute): \(problem.reason)")) }
        if reader.resource.isUnknown("cidr_blocks") {
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
        if let cidr = (reader.cidrs("cidr_ipv4") + reader.cidrs("cidr_ipv6")).first {
            source = .cidr(cidr)
        } else if let list = reader.string("prefix_list_id") {
            source = .prefixList(list)
        } else {
            let referenced = reader.link("referenced_security_group_id")
            if let key = referenced.key {
                source = key == groupKey ? .selfGroup : .securityGroup(key)
            } else if reader.resource.isUnknown("cidr_ipv4") {
                source = .unresolved("cidr_ipv4 is unknown until apply")
            } else if let problem = referenced.unresolved {
                source = .unresolved("\(problem.attribute): \(problem.reason)")
            }
        }
        guard let source else { return }
        let rule = SecurityGroupRule(
            isIngress: reader.resource.type.hasSuffix("ingress_rule"),
            ipProtocol: IPProtocol(reader.string("ip_protocol") ?? "-1"), fromPort: reader.int("from_port"),
            toPort: reader.int("to_port"), source: source, origin: reader.origin)
        place(rule, in: groupKey, problem: groupProblem)
    }
}

/// A large security group's ingress rules looked up by the source CIDR they cover instead of read one by one.
/// A hub's endpoint group that lets each spoke in by a rule of its own (an `aws_vpc_security_group_ingress_rule`
/// per spoke CIDR) is asked once per spoke and endpoint: reading every rule per question made 8,000 spokes a
/// third of the run, growing with the square of the spokes.
///
/// Made once per group (``NetworkModel/lookup(_:key:items:)``, kept with the model's other derived facts) from
/// the model's own group, and used only for a group whose rules are that group's, unchanged: the candidates it
/// gives are read in the group's order with the same judgement, so every decision is the one reading every rule
/// gives (a rule left out covers nothing of the source and changes nothing).
struct SecurityGroupLookup: ElementLookup {
    static let fewest = 16
    static let name = "security-group-lookup"

    /// The group's rules (their storage says whether a group asked about is this one).
    let rules: [SecurityGroupRule]
    var items: [SecurityGroupRule] { rules }
    /// Each network an ingress rule's source covers (its CIDR, the entries of its prefix list), with the positions
    /// of the rules that cover it.
    let covering: CIDRIndex<Int>
    /// The positions of the ingress rules judged whatever the source CIDR: sourced by a group or a value that
    /// cannot be read, or by a prefix list with an entry that cannot be read.
    let always: [Int]

    static func element(_ key: String, in model: NetworkModel) -> SecurityGroup? { model.securityGroup(key) }

    init(_ group: SecurityGroup, in model: NetworkModel) {
        rules = group.rules
        var entries = [(cidr: CIDR, value: Int)]()
        var always = [Int]()
        for (position, rule) in group.rules.enumerated() where rule.isIngress {
            switch rule.source {
            case .cidr(let cidr): entries.append((cidr, position))
            case .prefixList(let key):
                if model.prefixList(key)?.unreadable.isEmpty == false { always.append(position) }
                for cidr in model.cidrs(of: rule.source) { entries.append((cidr, position)) }
            case .securityGroup, .unresolved: always.append(position)
            case .selfGroup: continue
            }
        }
        covering = CIDRIndex(entries)
        self.always = always
    }

    init() {
        rules = []
        covering = CIDRIndex([])
        always = []
    }

    /// The positions of the rules that may decide for a source in `cidr`, ascending, each once: those whose
    /// source covers it and those judged whatever the source.
    func candidates(for cidr: CIDR) -> [Int] {
        var found = always
        for (_, positions) in covering.containing(cidr) { found += positions }
        found.sort()
        var unique = [Int]()
        unique.reserveCapacity(found.count)
        for position in found where unique.last != position { unique.append(position) }
        return unique
    }
}

extension NetworkModel {
    /// The lookup of `group` when it holds many rules and is this model's group of its key, unchanged; nil
    /// otherwise (read its rules one by one).
    func securityGroupLookup(_ group: SecurityGroup) -> SecurityGroupLookup? {
        lookup(SecurityGroupLookup.self, key: group.key, items: group.rules)
    }
}

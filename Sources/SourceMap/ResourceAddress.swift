/// A Terraform resource address without its instance keys, as the source declares it:
/// `module.spoke["dev"].module.net.data.aws_vpc.this[0]` is module calls `spoke`, `net`, then `data`
/// `aws_vpc` `this`.
public struct ResourceAddress: Sendable, Hashable {
    public var modules: [String]
    public var kind: TerraformBlock.Kind
    public var type: String
    public var name: String

    /// `nil` for text that is not a resource address (a module alone, an empty segment).
    public init?(_ address: String) {
        var segments = Self.segments(address)[...]
        var modules = [String]()
        while segments.first == "module", segments.count >= 2 {
            modules.append(segments[segments.startIndex + 1])
            segments = segments.dropFirst(2)
        }
        var kind = TerraformBlock.Kind.resource
        if segments.first == "data", segments.count == 3 {
            kind = .data
            segments = segments.dropFirst()
        }
        guard segments.count == 2, let type = segments.first, let name = segments.last,
            !type.isEmpty, !name.isEmpty, !modules.contains(where: \.isEmpty)
        else { return nil }
        self.modules = modules
        self.kind = kind
        self.type = type
        self.name = name
    }

    /// The address's segments split at the dots outside `[...]`, each without its `[...]` instance keys
    /// (which may hold quoted dots, brackets and escaped quotes).
    static func segments(_ address: String) -> [String] {
        var segments = [String]()
        var current = ""
        var brackets = 0
        var inQuote = false
        var escaped = false
        for character in address {
            if inQuote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuote = false
                }
                continue
            }
            switch character {
            case "\"" where brackets > 0: inQuote = true
            case "[": brackets += 1
            case "]": brackets = max(0, brackets - 1)
            case "." where brackets == 0:
                segments.append(current)
                current = ""
            default:
                if brackets == 0 { current.append(character) }
            }
        }
        segments.append(current)
        return segments
    }
}

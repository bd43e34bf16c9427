/// Model keys as reports show them.
public enum ModelKey {
    /// An ID as it is (`tgw-0a1b`); a synthetic key of a resource whose ID a plan leaves unknown
    /// (`ref:ENV:ADDRESS`) as its address, the name a reader finds in the configuration.
    public static func shown(_ key: String) -> String {
        guard key.hasPrefix("ref:") else { return key }
        let rest = key.dropFirst(4)
        guard let colon = rest.firstIndex(of: ":") else { return key }
        return String(rest[rest.index(after: colon)...])
    }
}

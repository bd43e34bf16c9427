/// AWS Region names found in other attributes.
public enum Region {
    /// `arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-1` -> `ap-northeast-1`.
    public static func of(arn: String) -> String? {
        // ASCII (every ARN AWS writes) is read by its bytes: the fourth `:`-separated part, without a split.
        let utf8 = arn.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var colons = [String.Index]()
            for index in utf8.indices where utf8[index] == UInt8(ascii: ":") {
                colons.append(index)
                if colons.count == 4 { break }
            }
            guard colons.count == 4, arn[..<colons[0]] == "arn" else { return nil }
            let region = arn[arn.index(after: colons[2])..<colons[3]]
            return region.isEmpty ? nil : String(region)
        }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 4, parts[0] == "arn", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    /// `ap-northeast-1a` -> `ap-northeast-1`; a Local Zone `us-west-2-lax-1a` -> `us-west-2`: the parts up
    /// to the first that starts with a digit, and that part's digits.
    public static func of(availabilityZone zone: String) -> String? {
        var parts = [Substring]()
        for part in zone.split(separator: "-") {
            guard let first = part.first, first.isNumber else {
                parts.append(part)
                continue
            }
            let digits = part.prefix { $0.isNumber }
            return parts.count >= 2 ? (parts + [digits]).joined(separator: "-") : nil
        }
        return nil
    }
}

import NetworkModel
import Testing

@Suite struct RegionTests {
    /// What `Region.of(arn:)` means: the fourth `:`-separated part of an ARN, when the first is `arn` and it is
    /// not empty.
    static func reference(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 4, parts[0] == "arn", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    /// The byte-level read of ASCII ARNs answers as the split does, on edge cases and random strings.
    @Test func regionOfAnARN() {
        var arns = [
            "arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-1", "arn:aws:ec2::123456789012:vpc/vpc-1",
            "arn:aws:ec2:us-east-1:", "arn:aws:ec2:us-east-1", "ARN:aws:ec2:us-east-1:1:x", "arn:aws:ec2:eu-west-1:::",
            "", ":", "::::", "arn::::", "arn:::r:", "xarn:a:b:r:c", "arn:aws:ec2:r\u{301}:1:x", "arn:aws:ec2:é:1:x",
            "arn:aws:ec2:r:\u{301}1:x", "arn\u{301}:aws:ec2:r:1:x",
        ]
        let alphabet = Array("arn:aws-1e\u{301}é")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...16, using: &generator)
            arns.append(String((0..<count).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        #expect(Region.of(arn: "arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-1") == "ap-northeast-1")
        for arn in arns {
            #expect(Region.of(arn: arn) == Self.reference(arn), "\(arn)")
        }
    }
}

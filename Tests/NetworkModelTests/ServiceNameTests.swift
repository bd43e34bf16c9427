import Testing

@testable import NetworkModel

/// `ModelBuilder.splitServiceName` answers as splitting the name into characters at its first three dots does:
/// real names, names that are not service names, and random names of ASCII and non-ASCII pieces (a dot that a
/// combining mark follows is one character, no separator).
@Suite struct ServiceNameTests {
    static func reference(_ name: String) -> (region: String?, service: String) {
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "amazonaws" || parts[1] == "vpce" else { return (nil, name) }
        return (String(parts[2]), String(parts[3]))
    }

    @Test(arguments: [
        "com.amazonaws.ap-northeast-1.ecr.dkr", "com.amazonaws.us-east-1.s3", "com.amazonaws.eu-west-1.logs",
        "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "aws.sagemaker.us-east-1.notebook",
        "com.amazonaws.ap-northeast-1", "com.amazonaws..ssm", "com.amazonaws.us-east-1.", "...", "", ".", "a.b.c.d",
        "com.AMAZONAWS.us-east-1.ssm", "com.amazonaws.us-east-1.ssm\r\n", "com.amazonaws.ré.ssm",
        "com.amazonaws.\u{301}us-east-1.ssm", "com.amazonaws\u{301}.us-east-1.ssm", "com.vpce.x.y.z",
    ])
    func splitsAsCharactersDo(name: String) {
        let split = ModelBuilder.splitServiceName(name)
        let expected = Self.reference(name)
        #expect(split.region == expected.region && split.service == expected.service)
    }

    @Test func randomNamesSplitAsCharactersDo() {
        let pieces = ["com", "amazonaws", "vpce", ".", ".", "us-east-1", "ecr", "é", "\u{301}", "\r", "\n", "x", ""]
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<5_000 {
            let name = (0..<Int.random(in: 0...9, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let split = ModelBuilder.splitServiceName(name)
            let expected = Self.reference(name)
            #expect(split.region == expected.region && split.service == expected.service, "\(name.debugDescription)")
            compared += 1
        }
        #expect(compared == 5_000)
    }
}

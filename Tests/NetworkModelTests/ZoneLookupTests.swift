import TestSupport
import Testing

@testable import NetworkModel

/// The private zone of a name associated with a VPC, looked up when many zones share the name (a service's zone
/// in each of hundreds of hubs), is the first of ``NetworkModel/zones(named:)`` that is private and associated
/// with it, as reading them in turn finds (one associated with the VPC itself before one a profile brings).
@Suite("Private zone of a name and a VPC")
struct ZoneLookupTests {
    @Test("the zone looked up is the first private zone of the name associated with the VPC")
    func lookedUpAsReadInTurn() throws {
        var random = SplitMix(state: 7)
        let names = ["ssm.ap-northeast-1.amazonaws.com", "logs.ap-northeast-1.amazonaws.com", "example.internal"]
        let vpcs = (0..<40).map { "vpc-\($0)" }
        var items = vpcs.map {
            GeneratedNetworks.resource("aws_vpc", $0, #"{"id":"\#($0)","cidr_block":"10.0.0.0/16"}"#)
        }
        for index in 0..<120 {
            // Mostly one name (many zones, looked up), a few of another (read in turn); some public zones.
            let name = index % 20 == 0 ? names[2] : names[index % 7 == 0 ? 1 : 0]
            let inline = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                #"{"vpc_id":"\#(vpcs.randomElement(using: &random)!)"}"#
            }
            items.append(
                GeneratedNetworks.resource(
                    "aws_route53_zone", "z\(index)",
                    #"{"id":"Z\#(index)","zone_id":"Z\#(index)","name":"\#(name)","vpc":[\#(inline.joined(separator: ","))]}"#
                ))
            // Associations of their own, to public zones too (which never make them private).
            for offset in 0..<Int.random(in: 0...3, using: &random) {
                items.append(
                    GeneratedNetworks.resource(
                        "aws_route53_zone_association", "a\(index)_\(offset)",
                        #"{"zone_id":"Z\#(index)","vpc_id":"\#(vpcs.randomElement(using: &random)!)"}"#))
            }
        }
        // Two Route 53 Profiles carrying some of the zones, each associated with some VPCs: a zone associated with
        // the VPC itself wins over a profile's zone of the same name.
        for profile in 0..<2 {
            for index in 0..<120 where index % 20 == 0 || Int.random(in: 0..<5, using: &random) == 0 {
                items.append(
                    GeneratedNetworks.resource(
                        "aws_route53profiles_resource_association", "p\(profile)_\(index)",
                        #"{"id":"rpr-\#(profile)-\#(index)","profile_id":"rp-\#(profile)","resource_arn":"arn:aws:route53:::hostedzone/Z\#(index)"}"#
                    ))
            }
            for (offset, vpc) in vpcs.enumerated() where offset % 2 == profile && offset % 3 == 0 {
                items.append(
                    GeneratedNetworks.resource(
                        "aws_route53profiles_association", "v\(profile)_\(offset)",
                        #"{"id":"rpassoc-\#(offset)","profile_id":"rp-\#(profile)","resource_id":"\#(vpc)"}"#))
            }
        }
        let model = try GeneratedNetworks.model(items)
        #expect(model.zones.contains { !$0.viaProfile.isEmpty }, "some VPCs take zones from a profile")
        #expect(model.zones(named: names[0]).count >= NetworkModel.indexedZonesPerName, "one name is looked up")
        #expect(model.zones(named: names[2]).count < NetworkModel.indexedZonesPerName, "one is read in turn")
        var found = 0
        for name in names + ["nothing.example"] {
            for vpc in vpcs + ["vpc-none"] {
                let associated = model.zones(named: name).filter { $0.isPrivate && $0.vpcKeys.contains(vpc) }
                let expected = associated.first { $0.viaProfile[vpc] == nil } ?? associated.first
                let zone = model.privateZone(named: name, associatedWith: vpc)
                #expect(zone?.key == expected?.key, "\(name) \(vpc)")
                if zone != nil { found += 1 }
            }
        }
        #expect(found > 60, "most VPCs have a private zone of the shared names")
    }
}

import TerraformShow
import TestSupport

@testable import NetworkModel

/// Pieces of the random networks the lookup tests build (``RouteLookupTests``, ``SecurityGroupLookupTests``).
enum GeneratedNetworks {
    static func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
    }

    /// A network in 10.0.0.0/8 of one of `lengths` (a few, so that networks cover one another and repeat).
    static func network(_ random: inout SplitMix, lengths: [Int]) -> String {
        let length = lengths.randomElement(using: &random)!
        let address = UInt32(10) << 24 | UInt32.random(in: 0..<(1 << 24), using: &random) & ~(UInt32.max >> length)
        return "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(length)"
    }

    /// Prefix lists `pl-a` and `pl-b` of two random networks each; `pl-b`'s second entry cannot be read when
    /// `unreadable`.
    static func prefixLists(_ random: inout SplitMix, lengths: [Int], unreadable: Bool) -> [String] {
        let (a1, a2, b1) = (
            network(&random, lengths: lengths), network(&random, lengths: lengths), network(&random, lengths: lengths)
        )
        let b2 = unreadable ? "not-a-network" : network(&random, lengths: lengths)
        return [
            resource(
                "aws_ec2_managed_prefix_list", "a", #"{"id":"pl-a","entry":[{"cidr":"\#(a1)"},{"cidr":"\#(a2)"}]}"#),
            resource(
                "aws_ec2_managed_prefix_list", "b", #"{"id":"pl-b","entry":[{"cidr":"\#(b1)"},{"cidr":"\#(b2)"}]}"#),
        ]
    }

    /// The model of one state holding `items`.
    static func model(_ items: [String]) throws -> NetworkModel {
        let text =
            #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + items.joined(separator: ",") + "]}}}"
        return NetworkModel(documents: [("net", try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json"))])
    }
}

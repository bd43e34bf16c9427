import LintCore
import NetworkModel

extension Rule {
    /// One unknown finding per CIDR attribute of a spoke of `hub` that cannot be read (`"10.3.0.0/16 "`, `/33`,
    /// an IPv4-mapped form), at the spoke VPC and naming the attribute: a network the model cannot read may be
    /// the one a security group or route leaves out, so it is never dropped silently.
    func unreadableSpokeCIDRs(_ hub: Hub, model: NetworkModel, _ message: (Spoke, Unresolved) -> String) -> [Finding] {
        hub.spokes.flatMap { spoke in
            spoke.vpc.unreadableCIDRs.map { problem in
                finding(
                    at: spoke.vpc.origin, message: message(spoke, problem),
                    fix: "write \(problem.attribute) as a network AWS accepts (ADDRESS/PREFIX, no spaces)",
                    subject: problem.attribute, related: [hub.vpc.origin], status: .unknown)
            }
        }
    }
}

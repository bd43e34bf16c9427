import Consolidation
import Foundation
import LintCore
import NetworkModel

/// Renders a ``ConsolidationPlan`` as text (amounts in the report currency) or JSON (USD amounts as `*_usd`,
/// and the same in the report currency).
public enum ConsolidationReport {
    /// The last line names the configuration file the run read (`configuration: none` without one).
    public static func text(_ plan: ConsolidationPlan, written: [String], configurationPath: String? = nil) -> String {
        let usd = { (value: Double?) in money(value, plan.pricing) }
        // Names, tags, addresses and file names come from the inputs: escaped for the terminal or CI log.
        let e = TerminalText.escape
        let list = { (items: [String]) in e(items.joined(separator: ", ")) }
        var lines = [
            "consolidate into hub \(e(plan.hub.origin.environment)) (\(e(plan.hub.displayName)), `\(e(plan.hub.origin.address))`), spokes: \(e(environments(plan.spokes.map(\.origin.environment)))), via \(plan.via.rawValue)",
            "",
            plan.profile.map {
                "hub interface endpoints (private_dns_enabled = true, carried by Route 53 Profile \(e($0.name))):"
            }
                ?? "hub interface endpoints (private_dns_enabled = false):",
        ]
        for endpoint in plan.endpoints {
            let state = endpoint.existing.map { "keep `\(e($0.address))`" } ?? "create"
            lines.append(
                "  \(e(endpoint.service).padding(16)) \(endpoint.azCount) AZ  \(usd(endpoint.monthlyUSD))/month  \(state)"
            )
        }
        if let profile = plan.profile {
            // The hub keeps the profile design: no private hosted zones.
            lines += ["", "Route 53 Profile \(e(profile.name)) (no private hosted zones):"]
            for (service, carried) in profile.services {
                lines.append(
                    "  \(carried ? "ok " : "add") carries the \(e(service)) endpoint"
                        + (carried ? "" : " (`aws_route53profiles_resource_association` with the endpoint's ARN)"))
            }
            let unassociated = profile.spokes.filter { !$0.associated }.map(\.environment)
            let associated = profile.spokes.filter(\.associated).map(\.environment)
            if !associated.isEmpty { lines.append("  ok  associated with \(e(environments(associated)))") }
            if !unassociated.isEmpty {
                lines.append(
                    "  add associate with \(e(environments(unassociated))) (`aws_route53profiles_association` per spoke VPC)"
                )
            }
        } else {
            lines += [
                "",
                "private hosted zones (associate with \(e(environments(plan.zones.first?.associations ?? [])))):",
            ]
            for zone in plan.zones {
                let state = zone.existing.map { "exists `\(e($0.address))`" } ?? "create"
                lines.append("  \(e(zone.name))  A alias: \(list(zone.records))  \(state)")
            }
        }
        lines += ["", "routes:"]
        for route in plan.routes {
            lines.append(
                "  \(route.exists ? "ok " : "add") \(route.direction) \(e(route.environmentLabel)) `\(e(route.table.address))` \(e(route.destination)) via \(e(route.via))"
            )
        }
        lines += ["", "security group of the hub endpoints, ingress TCP 443:"]
        for rule in plan.securityRules {
            lines.append("  \(rule.exists ? "ok " : "add") from \(e(rule.spoke)) \(e(rule.cidr))")
        }
        lines += ["", "spoke endpoints to delete:"]
        for deletion in plan.deletions {
            lines.append(
                "  \(e(deletion.origin.environment)): `\(e(deletion.origin.address))` (\(e(deletion.service)), \(deletion.azCount) AZ, \(usd(deletion.monthlyUSD))/month)"
            )
        }
        if plan.deletions.isEmpty { lines.append("  none") }
        lines += [
            "",
            "monthly cost (interface endpoints, \(hours(plan.hoursPerMonth)) h/month):",
            "  before   \(usd(plan.beforeUSD))",
            "  after    \(usd(plan.afterUSD))",
            "  savings  \(usd(plan.endpointSavingsUSD))  (what duplicate-interface-endpoint, VPCE001, reports)",
            "counter-costs:",
        ]
        for cost in plan.counterCosts {
            let amount =
                cost.monthlyUSD.map { "\(usd($0))/month" } ?? cost.perGBUSD.map { "\(perGB($0, plan.pricing))/GB" }
                ?? ""
            lines.append("  \(amount.padding(16)) \(e(cost.description))")
        }
        lines.append(
            "  net savings after fixed counter-costs: \(usd(plan.netSavingsUSD))/month (data charges per GB not included)"
        )
        for path in written { lines.append("wrote \(e(path))") }
        lines.append("configuration: " + e(configurationPath ?? "none"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The environments of some VPCs for one line: each once, in order, with its count when it holds several
    /// (`dev, stg, shared (49 VPCs)`), and at most 10 of them (`and 3 more environments`): the line does not
    /// grow with the estate; the JSON plan lists every VPC.
    static func environments(_ names: [String]) -> String {
        var order = [String]()
        var counts = [String: Int]()
        for name in names {
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        let limit = 10
        var parts = order.prefix(limit).map { name in
            counts[name, default: 0] > 1 ? "\(name) (\(counts[name, default: 0]) VPCs)" : name
        }
        if order.count > limit { parts.append("and \(order.count - limit) more environments") }
        return parts.joined(separator: ", ")
    }

    /// The plan, and `configuration`: the configuration file the run read, or `null`.
    public static func json(_ plan: ConsolidationPlan, written: [String], configurationPath: String? = nil) -> String {
        func origin(_ origin: Origin?) -> JSONNode {
            guard let origin else { return .null }
            return .object([
                ("environment", .string(origin.environment)), ("path", .string(origin.path)),
                ("address", .string(origin.address)),
            ])
        }
        func money(_ value: Double?) -> JSONNode { value.map { JSONNode.money($0) } ?? .null }
        return JSONNode.object([
            (
                "hub",
                .object([
                    ("environment", .string(plan.hub.origin.environment)), ("vpc", .string(plan.hub.key)),
                    ("address", .string(plan.hub.origin.address)),
                ])
            ),
            (
                "spokes",
                .array(
                    plan.spokes.map {
                        .object([("environment", .string($0.origin.environment)), ("vpc", .string($0.key))])
                    })
            ),
            ("via", .string(plan.via.rawValue)),
            (
                "endpoints",
                .array(
                    plan.endpoints.map {
                        .object([
                            ("service", .string($0.service)), ("region", .string($0.region)),
                            ("az_count", .int($0.azCount)),
                            ("existing", origin($0.existing)), ("monthly_usd", money($0.monthlyUSD)),
                        ])
                    })
            ),
            (
                "zones",
                .array(
                    plan.zones.map {
                        .object([
                            ("service", .string($0.service)), ("name", .string($0.name)),
                            ("records", .array($0.records.map { .string($0) })), ("existing", origin($0.existing)),
                            ("associations", .array($0.associations.map { .string($0) })),
                        ])
                    })
            ),
            (
                "route53_profile",
                plan.profile.map { profile in
                    .object([
                        ("name", .string(profile.name)), ("profile", origin(profile.profile)),
                        (
                            "services",
                            .array(
                                profile.services.map {
                                    .object([("service", .string($0.service)), ("carried", .bool($0.carried))])
                                })
                        ),
                        (
                            "spokes",
                            .array(
                                profile.spokes.map {
                                    .object([
                                        ("environment", .string($0.environment)), ("vpc", .string($0.vpc)),
                                        ("associated", .bool($0.associated)),
                                    ])
                                })
                        ),
                    ])
                } ?? .null
            ),
            (
                "routes",
                .array(
                    plan.routes.map {
                        .object([
                            ("direction", .string($0.direction)), ("table", origin($0.table)),
                            ("destination", .string($0.destination)), ("via", .string($0.via)),
                            ("exists", .bool($0.exists)),
                        ])
                    })
            ),
            (
                "security_group_rules",
                .array(
                    plan.securityRules.map {
                        .object([
                            ("spoke", .string($0.spoke)), ("cidr", .string($0.cidr)), ("port", .int(443)),
                            ("exists", .bool($0.exists)),
                        ])
                    })
            ),
            (
                "delete",
                .array(
                    plan.deletions.map {
                        .object([
                            ("endpoint", origin($0.origin)), ("service", .string($0.service)),
                            ("az_count", .int($0.azCount)),
                            ("monthly_usd", money($0.monthlyUSD)),
                        ])
                    })
            ),
            (
                "cost",
                .object([
                    ("hours_per_month", .number(plan.hoursPerMonth)), ("before_usd", .money(plan.beforeUSD)),
                    ("after_usd", .money(plan.afterUSD)), ("savings_usd", .money(plan.endpointSavingsUSD)),
                    (
                        "counter_costs",
                        .array(
                            plan.counterCosts.map {
                                .object([
                                    ("description", .string($0.description)), ("monthly_usd", money($0.monthlyUSD)),
                                    ("per_gb_usd", $0.perGBUSD.map { .number($0) } ?? .null),
                                    ("source", .string($0.source)),
                                ])
                            })
                    ),
                    ("net_savings_usd", .money(plan.netSavingsUSD)),
                    ("currency", .string(plan.pricing.currency)),
                    ("exchange_rate", .number(plan.pricing.exchangeRate)),
                    ("before", .money(plan.pricing.money(usd: plan.beforeUSD).amount)),
                    ("after", .money(plan.pricing.money(usd: plan.afterUSD).amount)),
                    ("savings", .money(plan.pricing.money(usd: plan.endpointSavingsUSD).amount)),
                    ("net_savings", .money(plan.pricing.money(usd: plan.netSavingsUSD).amount)),
                ])
            ),
            ("written", .array(written.map { .string($0) })),
            ("configuration", .optionalString(configurationPath)),
        ]).serialized() + "\n"
    }

    /// `10.22 USD`, `1,533 JPY`: an amount in the report currency.
    private static func money(_ usd: Double?, _ pricing: Pricing) -> String {
        guard let usd else { return "no price" }
        let money = pricing.money(usd: usd)
        return MoneyText.amount(money) + " " + money.currency
    }

    /// `0.010 USD`: a price per GB, to a tenth of a cent.
    private static func perGB(_ usd: Double, _ pricing: Pricing) -> String {
        let money = pricing.money(usd: usd)
        return String(format: "%.3f", money.amount) + " " + money.currency
    }

    private static func hours(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

extension ConsolidationPlan.PlannedRoute {
    /// `dev`: the environment of the table.
    var environmentLabel: String { table.environment }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

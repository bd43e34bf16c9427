import Consolidation
import LintCore
import NetworkModel

/// The hub side of a ``ConsolidationPlan`` as Terraform HCL: endpoints, security group, private hosted zones,
/// records, zone associations and return routes; for a hub whose endpoints a Route 53 Profile carries, the
/// endpoints keep private DNS on and a profile carries them to the spokes instead of the zones. Provider-agnostic:
/// every ID comes in through a variable.
public enum ConsolidationHCL {
    /// The files ``files(_:)`` writes, known before there is a plan (so their paths are checked first).
    public static let fileNames = ["main.tf", "variables.tf"]

    /// File name -> contents, in the order of ``fileNames``.
    public static func files(_ plan: ConsolidationPlan) -> [(String, String)] {
        zip(fileNames, [main(plan), variables(plan)]).map { ($0, $1) }
    }

    private static func main(_ plan: ConsolidationPlan) -> String {
        // Keys padded as `terraform fmt` aligns them.
        let width = plan.endpoints.map { quote($0.service).count }.max() ?? 0
        let services = plan.endpoints.map { endpoint -> String in
            let dns = ServiceCatalog.builtIn.dns(for: endpoint.service)
            let zone = dns.zonePattern.replacingOccurrences(of: "{region}", with: "${var.region}")
            let key = quote(endpoint.service)
            let padding = String(repeating: " ", count: width - key.count)
            return
                "    \(key)\(padding) = { zone = \(quote(zone)), apex = \(dns.needsApex), wildcard = \(dns.needsWildcard) }"
        }
        let azCounts = plan.endpoints.map { "\($0.service) \($0.azCount)" }.joined(separator: ", ")
        let existing = plan.endpoints.compactMap { endpoint in
            endpoint.existing.map { "#   \(endpoint.service): `\($0.address)` in \($0.environment)" }
        }
        var existingNote =
            existing.isEmpty
            ? ""
            : "# These hub endpoints exist already: import them (import blocks) or drop them from local.services:\n"
                + existing.joined(separator: "\n") + "\n"
        if let profile = plan.profile?.profile {
            existingNote +=
                "# Route 53 Profile `\(profile.address)` in \(profile.environment) carries the hub's endpoints today: import it and its associations, or drop them below.\n"
        }
        // The zone design: one private hosted zone per service, with its records, associated with every spoke.
        let zoneLocals = """
              apex_services     = { for name, service in local.services : name => service if service.apex }
              wildcard_services = { for name, service in local.services : name => service if service.wildcard }

              zone_associations = {
                for pair in setproduct(keys(local.services), keys(var.spoke_vpc_ids)) :
                "${pair[0]}/${pair[1]}" => { service = pair[0], vpc_id = var.spoke_vpc_ids[pair[1]] }
              }

            """
        let zoneResources = """
            resource "aws_route53_zone" "endpoint" {
              for_each = local.services

              name = each.value.zone

              vpc {
                vpc_id = var.hub_vpc_id
              }

              # Spokes are associated below.
              lifecycle {
                ignore_changes = [vpc]
              }
            }

            resource "aws_route53_record" "apex" {
              for_each = local.apex_services

              zone_id = aws_route53_zone.endpoint[each.key].zone_id
              name    = each.value.zone
              type    = "A"

              alias {
                name                   = aws_vpc_endpoint.interface[each.key].dns_entry[0].dns_name
                zone_id                = aws_vpc_endpoint.interface[each.key].dns_entry[0].hosted_zone_id
                evaluate_target_health = false
              }
            }

            resource "aws_route53_record" "wildcard" {
              for_each = local.wildcard_services

              zone_id = aws_route53_zone.endpoint[each.key].zone_id
              name    = "*.${each.value.zone}"
              type    = "A"

              alias {
                name                   = aws_vpc_endpoint.interface[each.key].dns_entry[0].dns_name
                zone_id                = aws_vpc_endpoint.interface[each.key].dns_entry[0].hosted_zone_id
                evaluate_target_health = false
              }
            }

            resource "aws_route53_zone_association" "spoke" {
              for_each = local.zone_associations

              zone_id = aws_route53_zone.endpoint[each.value.service].zone_id
              vpc_id  = each.value.vpc_id
            }

            """
        // The profile design the hub has: its endpoints keep private DNS on, and a Route 53 Profile carries them to
        // every spoke VPC associated with it.
        let profileResources = """
            resource "aws_route53profiles_profile" "endpoints" {
              name = "shared-endpoints"
            }

            resource "aws_route53profiles_resource_association" "endpoint" {
              for_each = local.services

              name         = "endpoint-${replace(each.key, ".", "-")}"
              profile_id   = aws_route53profiles_profile.endpoints.id
              resource_arn = aws_vpc_endpoint.interface[each.key].arn
            }

            resource "aws_route53profiles_association" "spoke" {
              for_each = var.spoke_vpc_ids

              name        = "spoke-${each.key}"
              profile_id  = aws_route53profiles_profile.endpoints.id
              resource_id = each.value
            }

            """
        return """
            # Hub side of the consolidated interface endpoints, written by `vpcelint consolidate --emit-hcl`.
            # Review before applying. Give one subnet per AZ in var.hub_subnet_ids (\(plan.endpoints.map(\.azCount).max() ?? 1) AZ planned).
            # AZs per service today (the largest copy): \(azCounts).
            # Spoke side (not here): a route to the hub CIDR through the connection in every spoke route table,
            # and deleting the spoke endpoints listed by `vpcelint consolidate`.
            \(existingNote)
            terraform {
              required_version = ">= 1.5"
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = ">= 5.0"
                }
              }
            }

            locals {
              services = {
            \(services.joined(separator: "\n"))
              }
            \(plan.profile == nil ? "\n" + zoneLocals : "")
              return_routes = {
                for pair in setproduct(range(length(var.hub_route_table_ids)), keys(var.spoke_cidrs)) :
                "${pair[0]}/${pair[1]}" => {
                  route_table_id = var.hub_route_table_ids[pair[0]]
                  cidr           = var.spoke_cidrs[pair[1]]
                  connection_id  = var.spoke_connection_ids[pair[1]]
                }
              }
            }

            resource "aws_security_group" "endpoints" {
              name        = "shared-vpce"
              description = "HTTPS from the spoke VPCs to the shared interface endpoints"
              vpc_id      = var.hub_vpc_id
            }

            resource "aws_vpc_security_group_ingress_rule" "https_from_spoke" {
              for_each = var.spoke_cidrs

              security_group_id = aws_security_group.endpoints.id
              cidr_ipv4         = each.value
              ip_protocol       = "tcp"
              from_port         = 443
              to_port           = 443
              description       = "HTTPS from spoke ${each.key}"
            }

            resource "aws_vpc_endpoint" "interface" {
              for_each = local.services

              vpc_id              = var.hub_vpc_id
              service_name        = "com.amazonaws.${var.region}.${each.key}"
              vpc_endpoint_type   = "Interface"
              subnet_ids          = var.hub_subnet_ids
              security_group_ids  = [aws_security_group.endpoints.id]
              private_dns_enabled = \(plan.profile != nil)
            }

            \(plan.profile == nil ? zoneResources : profileResources)
            resource "aws_route" "to_spoke" {
              for_each = local.return_routes

              route_table_id            = each.value.route_table_id
              destination_cidr_block    = each.value.cidr
              vpc_peering_connection_id = var.connection_type == "peering" ? each.value.connection_id : null
              transit_gateway_id        = var.connection_type == "tgw" ? each.value.connection_id : null
            }

            """
    }

    private static func variables(_ plan: ConsolidationPlan) -> String {
        let spokes = plan.spokes.map {
            "#   \($0.origin.environment) = \($0.cidrs.map(\.description).joined(separator: ", "))"
        }.joined(separator: "\n")
        return """
            # Inputs of the hub side. Planned spokes and CIDRs:
            \(spokes)

            variable "region" {
              description = "Region of the hub, e.g. \(plan.endpoints.first?.region ?? "ap-northeast-1")."
              type        = string
              default     = \(quote(plan.endpoints.first?.region ?? "ap-northeast-1"))
            }

            variable "hub_vpc_id" {
              description = "The hub VPC."
              type        = string
            }

            variable "hub_subnet_ids" {
              description = "Hub subnets for the endpoint network interfaces, one per AZ."
              type        = list(string)
            }

            variable "hub_route_table_ids" {
              description = "Route tables of the hub endpoint subnets (they get the routes back to the spokes)."
              type        = list(string)
            }

            variable "spoke_cidrs" {
              description = "Spoke CIDRs by spoke name: TCP 443 is allowed from each and routed back."
              type        = map(string)
            }

            variable "spoke_vpc_ids" {
              description = "Spoke VPC IDs by spoke name: every zone is associated with each."
              type        = map(string)
            }

            variable "spoke_connection_ids" {
              description = "Peering connection (or transit gateway) ID per spoke name."
              type        = map(string)
            }

            variable "connection_type" {
              description = "peering or tgw."
              type        = string
              default     = \(quote(plan.via == .tgw ? "tgw" : "peering"))

              validation {
                condition     = contains(["peering", "tgw"], var.connection_type)
                error_message = "connection_type must be peering or tgw."
              }
            }

            """
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

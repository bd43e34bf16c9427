terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
# A hub with 8 endpoints (private DNS off), a private zone per service with its alias records, and
# var.spokes spokes as one module call with for_each: each peered with the hub, routed back by a root
# aws_route whose peering is module.spoke[each.key].peering_id, let in by a security group rule of its own and
# associated with every zone through module.spoke[each.value.spoke].vpc_id. Planned from an empty state, every
# ID unknown: what links the spokes to the hub are the configuration's bare `module.spoke` references.
# benchmarks/plan_shape.sh plans it; nothing is applied and nothing leaves the machine (the endpoints below
# point at a closed loopback port, and planning new resources calls no API).

provider "aws" {
  region                      = "ap-northeast-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    ec2     = "http://127.0.0.1:9"
    route53 = "http://127.0.0.1:9"
    sts     = "http://127.0.0.1:9"
  }
}
variable "spokes" { type = number }
locals {
  services = toset(["ecr.api", "ecr.dkr", "logs", "ssm", "ssmmessages", "ec2messages", "secretsmanager", "kms"])
  spokes   = { for n in range(1, var.spokes + 1) : "s${n}" => cidrsubnet("10.0.0.0/8", 14, n + 64) }
  names = { for s in local.services : s => (s == "ecr.api" ? "api.ecr.ap-northeast-1.amazonaws.com" : s == "ecr.dkr" ? "dkr.ecr.ap-northeast-1.amazonaws.com" : "${s}.ap-northeast-1.amazonaws.com") }
  zone_associations = { for pair in setproduct(local.services, keys(local.spokes)) : "${pair[0]}/${pair[1]}" => { service = pair[0], spoke = pair[1] } }
}
resource "aws_vpc" "hub" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "hub" }
}
resource "aws_subnet" "hub" {
  count             = 2
  vpc_id            = aws_vpc.hub.id
  cidr_block        = cidrsubnet(aws_vpc.hub.cidr_block, 8, count.index)
  availability_zone = ["ap-northeast-1a", "ap-northeast-1c"][count.index]
}
resource "aws_route_table" "hub" { vpc_id = aws_vpc.hub.id }
resource "aws_route_table_association" "hub" {
  count          = 2
  subnet_id      = aws_subnet.hub[count.index].id
  route_table_id = aws_route_table.hub.id
}
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.hub.id
  name   = "endpoints"
}
resource "aws_vpc_security_group_ingress_rule" "spoke" {
  for_each          = local.spokes
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = each.value
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
resource "aws_vpc_endpoint" "svc" {
  for_each            = local.services
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.ap-northeast-1.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
  subnet_ids          = aws_subnet.hub[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
}
resource "aws_route53_zone" "svc" {
  for_each = local.services
  name     = local.names[each.key]
  vpc { vpc_id = aws_vpc.hub.id }
  lifecycle { ignore_changes = [vpc] }
}
resource "aws_route53_record" "svc" {
  for_each = local.services
  zone_id  = aws_route53_zone.svc[each.key].zone_id
  name     = local.names[each.key]
  type     = "A"
  alias {
    name                   = aws_vpc_endpoint.svc[each.key].dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.svc[each.key].dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}
resource "aws_route53_record" "wildcard" {
  for_each = toset(["ecr.dkr"])
  zone_id  = aws_route53_zone.svc[each.key].zone_id
  name     = "*.${local.names[each.key]}"
  type     = "A"
  alias {
    name                   = aws_vpc_endpoint.svc[each.key].dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.svc[each.key].dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}
module "spoke" {
  source   = "./spoke"
  for_each = local.spokes
  name     = each.key
  cidr     = each.value
  hub_vpc  = aws_vpc.hub.id
  hub_cidr = aws_vpc.hub.cidr_block
}
resource "aws_route" "back" {
  for_each                  = local.spokes
  route_table_id            = aws_route_table.hub.id
  destination_cidr_block    = each.value
  vpc_peering_connection_id = module.spoke[each.key].peering_id
}
resource "aws_route53_zone_association" "spoke" {
  for_each = local.zone_associations
  zone_id  = aws_route53_zone.svc[each.value.service].zone_id
  vpc_id   = module.spoke[each.value.spoke].vpc_id
}

#!/usr/bin/env python3
"""Writes the network shapes of issue 15 whose cost grew with the square of the network (standard library only).

  scale_shapes.py own-endpoints --vpcs 700 OUT.json   N VPCs, each keeping its own copy of the same 8 interface
                                                      endpoints (one region, one state): VPCE001 copies
  scale_shapes.py same-cidr --spokes 2000 OUT.json    a hub with 8 endpoints and their private zones, and N spokes
                                                      that all use 10.1.0.0/16, each peered with the hub: VPCE009
  scale_shapes.py tgw --spokes 2000 OUT.json          the same hub and N spokes with their own CIDRs, all attached
                                                      to one transit gateway (default route table): n^2 spoke pairs
  scale_shapes.py tgw --isolated ...                  the same, spokes isolated from each other by two gateway
                                                      route tables (hub and spokes): see RESULTS.md run 20
  scale_shapes.py tgw --accepters ...                 the hub's state accepts each spoke's attachment (one
                                                      attachment accepter per spoke: the cross-account design)
  scale_shapes.py tgw --table-per-spoke ...           the same, each spoke's attachment with a gateway route
                                                      table of its own that only the hub propagates to
  scale_shapes.py same-cidr --accepters ...           the hub also accepts each peering (one
                                                      aws_vpc_peering_connection_accepter per spoke)
  scale_shapes.py peered --spokes 2000 OUT.json       the same hub and N spokes with their own CIDRs, each peered
                                                      with it and routed back by a hub route of its own (the
                                                      design the rules check first); --accepters as above;
                                                      --rule-resources: the hub's endpoint group lets each spoke in
                                                      by a rule resource of its own instead of 10.0.0.0/8
  scale_shapes.py peered --profile zones ...          the hub's zones reach the spokes through one Route 53 Profile
                                                      (a resource association per zone, a profile association per
                                                      spoke) instead of zone associations
  scale_shapes.py peered --profile endpoints ...      no zones: the hub's endpoints keep private DNS on and the
                                                      profile carries them to every spoke
  scale_shapes.py hubs --hubs 200 --spokes 40 OUT.json  H peering hubs (10.H.0.0/16), each with the 8 endpoints
                                                      and its own private zone per service, and N spokes per hub
                                                      (100.x.y.0/22) routed both ways: H zones share each name

All are `terraform show -json` states. The figures they give are in benchmarks/RESULTS.md ("Scale shapes", run 20).
"""

import argparse
import json

AWS = "registry.terraform.io/hashicorp/aws"
REGION = "ap-northeast-1"
SERVICES = ["ec2messages", "ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "ssmmessages"]


def resource(module, rtype, name, values, key=None):
    local = "%s.%s" % (rtype, name) + ("" if key is None else "[%s]" % json.dumps(key))
    item = {"address": (module + "." if module else "") + local, "mode": "managed", "type": rtype, "name": name}
    if key is not None:
        item["index"] = key
    item.update({"provider_name": AWS, "schema_version": 0, "values": values, "sensitive_values": {}})
    return item


def vpc(module, n, cidr, subnet_cidrs, ingress):
    """A VPC with two subnets, one route table, an endpoint security group and the 8 endpoints."""
    vpc_id, rtb, sg = "vpc-%017x" % n, "rtb-%017x" % n, "sg-%017x" % n
    subnets = ["subnet-%015x%02d" % (n, az) for az in range(len(subnet_cidrs))]
    out = [resource(module, "aws_vpc", "this", {
        "id": vpc_id, "cidr_block": cidr, "enable_dns_support": True, "enable_dns_hostnames": True,
        "arn": "arn:aws:ec2:%s:123456789012:vpc/%s" % (REGION, vpc_id), "tags": {"Name": "vpc-%d" % n}})]
    for az, subnet_cidr in enumerate(subnet_cidrs):
        out.append(resource(module, "aws_subnet", "private", {
            "id": subnets[az], "vpc_id": vpc_id, "cidr_block": subnet_cidr,
            "availability_zone": REGION + "ac"[az]}, az))
        out.append(resource(module, "aws_route_table_association", "private", {
            "id": "rtbassoc-%015x%02d" % (n, az), "route_table_id": rtb, "subnet_id": subnets[az]}, az))
    out.append(resource(module, "aws_route_table", "private", {"id": rtb, "vpc_id": vpc_id, "route": []}))
    out.append(resource(module, "aws_security_group", "endpoints", {
        "id": sg, "name": "endpoints", "vpc_id": vpc_id, "egress": [],
        "ingress": [{"cidr_blocks": [ingress], "from_port": 443, "to_port": 443, "protocol": "tcp",
                     "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False}]}))
    return out, vpc_id, rtb


def endpoints(module, n, vpc_id, private_dns):
    return [resource(module, "aws_vpc_endpoint", "interface", {
        "id": "vpce-%015x%02d" % (n, k), "vpc_id": vpc_id, "vpc_endpoint_type": "Interface",
        "service_name": "com.amazonaws.%s.%s" % (REGION, service), "private_dns_enabled": private_dns,
        "subnet_ids": ["subnet-%015x%02d" % (n, az) for az in range(2)], "security_group_ids": ["sg-%017x" % n],
        "dns_entry": [{"dns_name": "vpce-%015x%02d-abc.%s.%s.vpce.amazonaws.com" % (n, k, service, REGION),
                       "hosted_zone_id": "Z2E726K9Y6RYXX"}]}, service) for k, service in enumerate(SERVICES)]


def own_endpoints(count):
    resources = []
    for n in range(1, count + 1):
        base = "10.%d.%d" % (n // 64, (n % 64) * 4)
        network, vpc_id, _ = vpc('module.vpc["v%d"]' % n, n, base + ".0/22", [base + ".0/24", base + ".1/24"],
                                 base + ".0/22")
        resources += network + endpoints('module.vpc["v%d"]' % n, n, vpc_id, True)
    return resources


def tgw(count, isolated=False, table_per_spoke=False, accepters=False):
    """The hub and `count` spokes on one transit gateway whose default route table joins them all; `isolated`:
    the gateway's default tables are off, the hub's attachment is associated with `tgw-rtb-hub`, to which every
    spoke propagates, and the spokes' with `tgw-rtb-spokes`, to which only the hub propagates (spokes reach the
    hub, not each other); `table_per_spoke`: the same, but each spoke's attachment has a route table of its own
    (`tgw-rtb-sN`), to which only the hub propagates; `accepters`: the hub's state accepts each spoke's
    attachment (one aws_ec2_transit_gateway_vpc_attachment_accepter per spoke, the cross-account design)."""
    isolated = isolated or table_per_spoke
    resources = hub_with_zones()
    resources.append(resource("module.hub", "aws_ec2_transit_gateway", "this", {
        "id": "tgw-1", "default_route_table_association": "enable", "default_route_table_propagation": "enable",
        "association_default_route_table_id": "tgw-rtb-1", "propagation_default_route_table_id": "tgw-rtb-1"}))
    for n in range(0, count + 1):
        module = "module.hub" if n == 0 else 'module.spoke["s%d"]' % n
        if n:
            base = "10.%d.%d" % (1 + n // 64, (n % 64) * 4)
            network, vpc_id, rtb = vpc(module, n, base + ".0/22", [base + ".0/24", base + ".1/24"], base + ".0/22")
            resources += network
            resources.append(resource(module, "aws_route", "to_hub", {
                "id": "r-%s1080289494" % rtb, "route_table_id": rtb, "destination_cidr_block": "10.0.0.0/16",
                "transit_gateway_id": "tgw-1", "gateway_id": "", "vpc_peering_connection_id": ""}))
            for k, service in enumerate(SERVICES):
                resources.append(resource(module, "aws_route53_zone_association", "endpoint", {
                    "id": "Z%013d:%s" % (k, vpc_id), "zone_id": "Z%013d" % k, "vpc_id": vpc_id,
                    "vpc_region": REGION}, service))
        resources.append(resource(module, "aws_ec2_transit_gateway_vpc_attachment", "this", {
            "id": "tgw-attach-%017x" % n, "transit_gateway_id": "tgw-1", "vpc_id": "vpc-%017x" % n,
            "subnet_ids": ["subnet-%015x%02d" % (n, az) for az in range(2)]}))
        if accepters and n:
            resources.append(resource("module.hub", "aws_ec2_transit_gateway_vpc_attachment_accepter", "spoke", {
                "id": "tgw-attach-%017x" % n, "transit_gateway_attachment_id": "tgw-attach-%017x" % n,
                "transit_gateway_id": "tgw-1", "vpc_id": "vpc-%017x" % n,
                "transit_gateway_default_route_table_association": True,
                "transit_gateway_default_route_table_propagation": True}, "s%d" % n))
    resources.append(resource("module.hub", "aws_route", "to_spokes", {
        "id": "r-hub-10", "route_table_id": "rtb-%017x" % 0, "destination_cidr_block": "10.0.0.0/8",
        "transit_gateway_id": "tgw-1", "gateway_id": "", "vpc_peering_connection_id": ""}))
    if isolated:
        for item in resources:
            if item["type"] == "aws_ec2_transit_gateway":
                item["values"].update({"default_route_table_association": "disable",
                                       "default_route_table_propagation": "disable"})
        for name in ["hub", "spokes"]:
            resources.append(resource("module.hub", "aws_ec2_transit_gateway_route_table", name, {
                "id": "tgw-rtb-" + name, "transit_gateway_id": "tgw-1"}))
        for n in range(1, count + 1 if table_per_spoke else 1):
            resources.append(resource("module.hub", "aws_ec2_transit_gateway_route_table", "spoke", {
                "id": "tgw-rtb-s%d" % n, "transit_gateway_id": "tgw-1"}, "s%d" % n))
        for n in range(0, count + 1):
            attachment = "tgw-attach-%017x" % n
            own, other = ("hub", "spokes") if n == 0 else ("spokes", "hub")
            if table_per_spoke and n:
                own = "s%d" % n
            if table_per_spoke and n == 0:
                for spoke in range(1, count + 1):
                    resources.append(resource("module.hub", "aws_ec2_transit_gateway_route_table_propagation",
                                              "hub_to_spoke", {
                                                  "id": "tgw-rtb-s%d_%s" % (spoke, attachment),
                                                  "transit_gateway_attachment_id": attachment,
                                                  "transit_gateway_route_table_id": "tgw-rtb-s%d" % spoke},
                                              "s%d" % spoke))
                other = None
            key = None if n == 0 else "s%d" % n
            resources.append(resource("module.hub", "aws_ec2_transit_gateway_route_table_association",
                                      "hub" if n == 0 else "spoke", {
                                          "id": "tgw-rtb-%s_%s" % (own, attachment),
                                          "transit_gateway_attachment_id": attachment,
                                          "transit_gateway_route_table_id": "tgw-rtb-" + own}, key))
            if other is None:
                continue
            resources.append(resource("module.hub", "aws_ec2_transit_gateway_route_table_propagation",
                                      "hub" if n == 0 else "spoke", {
                                          "id": "tgw-rtb-%s_%s" % (other, attachment),
                                          "transit_gateway_attachment_id": attachment,
                                          "transit_gateway_route_table_id": "tgw-rtb-" + other}, key))
    return resources


def hub_with_zones():
    """The hub VPC (10.0.0.0/16) with the 8 endpoints, private DNS off, and a private zone aliasing each."""
    hub, hub_vpc, _ = vpc("module.hub", 0, "10.0.0.0/16", ["10.0.0.0/24", "10.0.1.0/24"], "10.0.0.0/8")
    resources = hub + endpoints("module.hub", 0, hub_vpc, False)
    for k, service in enumerate(SERVICES):
        zone = "Z%013d" % k
        name = "%s.%s.amazonaws.com" % (service, REGION)
        resources.append(resource("module.hub", "aws_route53_zone", "endpoint", {
            "id": zone, "zone_id": zone, "name": name, "vpc": [{"vpc_id": hub_vpc, "vpc_region": REGION}]}, service))
        resources.append(resource("module.hub", "aws_route53_record", "endpoint", {
            "id": zone + "_" + name + "_A", "zone_id": zone, "name": name, "type": "A", "records": [], "ttl": 0,
            "alias": [{"name": "vpce-%015x%02d-abc.%s.%s.vpce.amazonaws.com" % (0, k, service, REGION),
                       "zone_id": "Z2E726K9Y6RYXX", "evaluate_target_health": True}]}, service))
    return resources


def profile_hub(carries):
    """The hub VPC with the 8 endpoints and a Route 53 Profile carrying `carries`: "zones" (the zones of
    ``hub_with_zones``) or "endpoints" (the endpoints themselves, private DNS on, no zones)."""
    if carries == "zones":
        resources = hub_with_zones()
        arns = ["arn:aws:route53:::hostedzone/Z%013d" % k for k in range(len(SERVICES))]
    else:
        hub, hub_vpc, _ = vpc("module.hub", 0, "10.0.0.0/16", ["10.0.0.0/24", "10.0.1.0/24"], "10.0.0.0/8")
        resources = hub + endpoints("module.hub", 0, hub_vpc, True)
        arns = ["arn:aws:ec2:%s:123456789012:vpc-endpoint/vpce-%015x%02d" % (REGION, 0, k)
                for k in range(len(SERVICES))]
    resources.append(resource("module.hub", "aws_route53profiles_profile", "endpoints", {
        "id": "rp-0000000000000000", "name": "shared-endpoints"}))
    for k, service in enumerate(SERVICES):
        resources.append(resource("module.hub", "aws_route53profiles_resource_association", "endpoint", {
            "id": "rpr-%016d" % k, "profile_id": "rp-0000000000000000", "resource_arn": arns[k]}, service))
    return resources


def peering_hub(count, accepters=False, shared_cidr=False, rule_resources=False, profile=None):
    """The hub and `count` spokes, each peered with it, the spoke routing the hub's CIDR through its peering.
    With `shared_cidr`, every spoke uses 10.1.0.0/16 and the hub routes it to the first spoke only (a route table
    holds one route per destination); else each spoke has its own CIDR and the hub routes it back through the
    spoke's peering (a route per spoke in the hub's table). With `accepters`, the hub accepts each peering; with
    `rule_resources`, the hub's endpoint group has no inline rule and lets each spoke's CIDR in by a rule resource
    (`aws_vpc_security_group_ingress_rule`, every third an `aws_security_group_rule`). With `profile`, a Route 53
    Profile carries the hub's zones or endpoints (``profile_hub``) and each spoke associates it."""
    resources = profile_hub(profile) if profile else hub_with_zones()
    if rule_resources:
        for item in resources:
            if item["type"] == "aws_security_group":
                item["values"]["ingress"] = []
    hub_vpc, hub_rtb = "vpc-%017x" % 0, "rtb-%017x" % 0
    for n in range(1, count + 1):
        module = 'module.spoke["s%d"]' % n
        base = "10.%d.%d" % (1 + n // 64, (n % 64) * 4)
        cidr = "10.1.0.0/16" if shared_cidr else base + ".0/22"
        subnets = ["10.1.0.0/24", "10.1.1.0/24"] if shared_cidr else [base + ".0/24", base + ".1/24"]
        network, vpc_id, rtb = vpc(module, n, cidr, subnets, cidr)
        resources += network
        pcx = "pcx-%017x" % n
        resources.append(resource(module, "aws_vpc_peering_connection", "hub", {
            "id": pcx, "vpc_id": vpc_id, "peer_vpc_id": hub_vpc, "accept_status": "active", "auto_accept": True}))
        resources.append(resource(module, "aws_route", "to_hub", {
            "id": "r-%s1080289494" % rtb, "route_table_id": rtb, "destination_cidr_block": "10.0.0.0/16",
            "vpc_peering_connection_id": pcx, "gateway_id": "", "transit_gateway_id": ""}))
        if not shared_cidr:
            resources.append(resource("module.hub", "aws_route", "to_spoke", {
                "id": "r-%s-%d" % (hub_rtb, n), "route_table_id": hub_rtb, "destination_cidr_block": cidr,
                "vpc_peering_connection_id": pcx, "gateway_id": "", "transit_gateway_id": ""}, "s%d" % n))
        if rule_resources and n % 3 == 0:
            resources.append(resource("module.hub", "aws_security_group_rule", "spoke", {
                "id": "sgrule-%d" % n, "security_group_id": "sg-%017x" % 0, "type": "ingress", "from_port": 443,
                "to_port": 443, "protocol": "tcp", "cidr_blocks": [cidr]}, "s%d" % n))
        elif rule_resources:
            resources.append(resource("module.hub", "aws_vpc_security_group_ingress_rule", "spoke", {
                "id": "sgr-%d" % n, "security_group_id": "sg-%017x" % 0, "from_port": 443, "to_port": 443,
                "ip_protocol": "tcp", "cidr_ipv4": cidr}, "s%d" % n))
        if accepters:
            resources.append(resource("module.hub", "aws_vpc_peering_connection_accepter", "spoke", {
                "id": pcx, "vpc_peering_connection_id": pcx, "accept_status": "active", "auto_accept": True},
                "s%d" % n))
        if profile:
            resources.append(resource(module, "aws_route53profiles_association", "hub", {
                "id": "rpassoc-%016d" % n, "profile_id": "rp-0000000000000000", "resource_id": vpc_id}))
            continue
        for k, service in enumerate(SERVICES):
            resources.append(resource(module, "aws_route53_zone_association", "endpoint", {
                "id": "Z%013d:%s" % (k, vpc_id), "zone_id": "Z%013d" % k, "vpc_id": vpc_id,
                "vpc_region": REGION}, service))
    if shared_cidr:
        resources.append(resource("module.hub", "aws_route", "to_spokes", {
            "id": "r-%s1080289495" % hub_rtb, "route_table_id": hub_rtb, "destination_cidr_block": "10.1.0.0/16",
            "vpc_peering_connection_id": "pcx-%017x" % 1, "gateway_id": "", "transit_gateway_id": ""}))
    return resources


def many_hubs(hubs, per_hub):
    """`hubs` peering hubs, each with its endpoints (private DNS off) and a private zone per service aliasing
    them, and `per_hub` spokes each: every service's name is shared by `hubs` zones."""
    resources = []
    n = 0
    for h in range(hubs):
        module, number, second = 'module.hub["h%d"]' % h, 100000 + h, h % 200
        hub, hub_vpc, hub_rtb = vpc(module, number, "10.%d.0.0/16" % second,
                                    ["10.%d.0.0/24" % second, "10.%d.1.0/24" % second], "10.0.0.0/8")
        resources += hub + endpoints(module, number, hub_vpc, False)
        for k, service in enumerate(SERVICES):
            zone, name = "Z%06d%07d" % (h, k), "%s.%s.amazonaws.com" % (service, REGION)
            resources.append(resource(module, "aws_route53_zone", "endpoint", {
                "id": zone, "zone_id": zone, "name": name, "vpc": [{"vpc_id": hub_vpc, "vpc_region": REGION}]},
                service))
            resources.append(resource(module, "aws_route53_record", "endpoint", {
                "id": zone + "_" + name + "_A", "zone_id": zone, "name": name, "type": "A", "records": [], "ttl": 0,
                "alias": [{"name": "vpce-%015x%02d-abc.%s.%s.vpce.amazonaws.com" % (number, k, service, REGION),
                           "zone_id": "Z2E726K9Y6RYXX", "evaluate_target_health": True}]}, service))
        for j in range(per_hub):
            n += 1
            spoke = 'module.spoke["h%d-s%d"]' % (h, j)
            base = "100.%d.%d" % (n // 64 % 256, (n % 64) * 4)
            network, vpc_id, rtb = vpc(spoke, n, base + ".0/22", [base + ".0/24", base + ".1/24"], base + ".0/22")
            resources += network
            pcx = "pcx-%017x" % n
            resources.append(resource(spoke, "aws_vpc_peering_connection", "hub", {
                "id": pcx, "vpc_id": vpc_id, "peer_vpc_id": hub_vpc, "accept_status": "active"}))
            resources.append(resource(spoke, "aws_route", "to_hub", {
                "id": "r-%s" % rtb, "route_table_id": rtb, "destination_cidr_block": "10.%d.0.0/16" % second,
                "vpc_peering_connection_id": pcx, "gateway_id": "", "transit_gateway_id": ""}))
            resources.append(resource(module, "aws_route", "to_spoke", {
                "id": "r-%s-%d" % (hub_rtb, n), "route_table_id": hub_rtb, "destination_cidr_block": base + ".0/22",
                "vpc_peering_connection_id": pcx, "gateway_id": "", "transit_gateway_id": ""}, "s%d" % n))
            for k, service in enumerate(SERVICES):
                resources.append(resource(spoke, "aws_route53_zone_association", "endpoint", {
                    "id": "Z%06d%07d:%s" % (h, k, vpc_id), "zone_id": "Z%06d%07d" % (h, k), "vpc_id": vpc_id,
                    "vpc_region": REGION}, service))
    return resources


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shape", choices=["own-endpoints", "same-cidr", "tgw", "peered", "hubs"])
    parser.add_argument("--vpcs", type=int, default=700, help="own-endpoints: VPCs (default %(default)s)")
    parser.add_argument("--spokes", type=int, default=2000,
                        help="same-cidr, tgw, peered: spokes; hubs: spokes per hub (default %(default)s)")
    parser.add_argument("--hubs", type=int, default=200, help="hubs: hubs (default %(default)s)")
    parser.add_argument("--isolated", action="store_true", help="tgw: spokes isolated by two gateway route tables")
    parser.add_argument("--table-per-spoke", action="store_true",
                        help="tgw: spokes isolated, each by a gateway route table of its own")
    parser.add_argument("--accepters", action="store_true",
                        help="same-cidr, peered: the hub accepts each peering; tgw: each attachment")
    parser.add_argument("--rule-resources", action="store_true",
                        help="peered: a security group rule resource per spoke on the hub's endpoint group")
    parser.add_argument("--profile", choices=["zones", "endpoints"],
                        help="peered: a Route 53 Profile carries the hub's zones or its endpoints to the spokes")
    parser.add_argument("output")
    args = parser.parse_args()
    shapes = {"own-endpoints": lambda: own_endpoints(args.vpcs),
              "same-cidr": lambda: peering_hub(args.spokes, args.accepters, shared_cidr=True),
              "tgw": lambda: tgw(args.spokes, args.isolated, args.table_per_spoke, args.accepters),
              "peered": lambda: peering_hub(args.spokes, args.accepters, rule_resources=args.rule_resources,
                                            profile=args.profile),
              "hubs": lambda: many_hubs(args.hubs, args.spokes)}
    resources = shapes[args.shape]()
    document = {"format_version": "1.0", "terraform_version": "1.9.5",
                "values": {"outputs": {}, "root_module": {"resources": resources}}}
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(document, out, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()

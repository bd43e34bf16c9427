"""Network-heavy benchmark mixes for generate.py (issue 15): an account audit and an organisation hub.

Every resource is a copy of one that real Terraform (AWS provider 5.100.0, against moto) wrote for
fixtures/hub-spoke-tgw/ (the hub and a spoke, 0 findings), with its IDs, CIDRs, names and region replaced, so
the shapes are the provider's and the model reads every value:

  account  every VPC keeps its own 8 interface endpoints (ecr.api, ecr.dkr, logs, ssm, ssmmessages,
           ec2messages, secretsmanager, kms; private DNS on), an S3 gateway endpoint, 2 subnets, a route table
           and a security group; no VPC is linked to another. Size scales the number of VPCs (about 19 kB
           each; 100 MB is ~5,000 VPCs), spread over the 9 regions of Rules/data/prices.json. Expected
           findings: VPCE001 (the same service paid for in several VPCs of a region), nothing else.
  org-hub  one hub per region and network account: a hub VPC with 10 interface endpoints (private DNS off),
           a private hosted zone per service with the apex and/or wildcard alias records
           Rules/data/services.json asks for, a security group allowing 443 from 10.0.0.0/8, a transit
           gateway with one route table (every attachment associated and propagated), and its spokes: a VPC
           (/22 out of 10.0.0.0/8, never overlapping within a hub) with 2 subnets, a route table sending the
           hub's CIDR to the gateway, an S3 gateway endpoint and the attachment; the hub side holds per spoke
           the data sources, the gateway association and propagation and the zone associations. Size scales
           the number of spokes, at most 2,000 per hub (about 17 kB each with their hub-side resources), then
           more hubs: 10 MB is one hub of ~560 spokes, 100 MB three hubs, 1 GB ~30 hubs.
           `--spokes N` fixes the count instead (one hub up to 2,000; `--spokes-per-hub` lowers that bound).
           Expected findings: none.
           `--split DIR` writes one file per spoke plus one per hub (hub-REGION-N.show.json) instead of one.
"""

import copy
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURE = os.path.join(ROOT, "fixtures", "hub-spoke-tgw")
ACCOUNT_SERVICES = ["ecr.api", "ecr.dkr", "logs", "ssm", "ssmmessages", "ec2messages", "secretsmanager", "kms"]
HUB_SERVICES = ACCOUNT_SERVICES + ["sts", "monitoring"]
SPOKES_PER_HUB = 2000
FIXTURE_REGION = "ap-northeast-1"


def _resources(path):
    with open(path) as f:
        document = json.load(f)

    def walk(module):
        yield from module.get("resources", [])
        for child in module.get("child_modules", []):
            yield from walk(child)

    return {r["address"]: r for r in walk(document["values"]["root_module"])}


def _load():
    hub = _resources(os.path.join(FIXTURE, "shared.show.json"))
    spoke = _resources(os.path.join(FIXTURE, "dev.show.json"))
    with open(os.path.join(ROOT, "Rules", "data", "services.json")) as f:
        services = {s["service"]: s for s in json.load(f)["services"]}
    with open(os.path.join(ROOT, "Rules", "data", "prices.json")) as f:
        regions = [r["region"] for r in json.load(f)["regions"]]
    return hub, spoke, services, regions


HUB, SPOKE, SERVICES, REGIONS = _load()
AZ = {"ap-northeast-1": ("ap-northeast-1a", "apne1-az4", "ap-northeast-1c", "apne1-az1")}


class Ids:
    """Unique IDs in the provider's forms, the same for a seed."""

    def __init__(self, seed):
        self.n = seed * 10**9

    def next(self, prefix, width=17):
        self.n += 1
        return "%s-%0*x" % (prefix, width, self.n * 2654435761 % 16**width)

    def zone(self):
        self.n += 1
        return "Z%020X" % (self.n * 2654435761 % 16**20)


def dumps(value):
    return json.dumps(value, separators=(",", ":"))


class Resource:
    """A fixture resource copied with a new address and values."""

    def __init__(self, template, key, name=None):
        """A copy of `template` as instance `key` of its resource (for_each keys keep addresses unique)."""
        self.item = copy.deepcopy(template)
        name = name or self.item["name"]
        self.item["name"] = name
        self.item["index"] = key
        mode = "data." if self.item["mode"] == "data" else ""
        self.item["address"] = "%s%s.%s[%s]" % (mode, self.item["type"], name, json.dumps(key))
        self.item.pop("depends_on", None)
        self.values = self.item["values"]

    def set(self, **values):
        self.values.update(values)
        return self

    def tag(self, environment, name):
        for key in ("tags", "tags_all"):
            if key in self.values:
                self.values[key] = {"Environment": environment, "Name": name}
        return self

    def json(self, region, account):
        text = dumps(self.item)
        if region != FIXTURE_REGION:
            text = text.replace(FIXTURE_REGION, region).replace("apne1-az", _az_prefix(region))
        if account != "123456789012":
            text = text.replace("123456789012", account)
        return text


def _az_prefix(region):
    parts = region.split("-")
    return parts[0] + parts[1][0] + parts[1][-1] + parts[2] + "-az"


def arn(kind, identifier):
    return "arn:aws:ec2:%s:123456789012:%s/%s" % (FIXTURE_REGION, kind, identifier)


def vpc_resource(ids, key, name, environment, cidr, template="aws_vpc.spoke"):
    vpc = ids.next("vpc")
    r = Resource(SPOKE[template], key, name).tag(environment, environment + "-vpc")
    r.set(id=vpc, arn=arn("vpc", vpc), cidr_block=cidr, default_network_acl_id=ids.next("acl"),
          default_route_table_id=ids.next("rtb"), default_security_group_id=ids.next("sg"))
    r.values["main_route_table_id"] = r.values["default_route_table_id"]
    return vpc, r


def subnets(ids, key, vpc, environment, base):
    """Two subnets (a and c) of a VPC whose CIDR starts at `base` (a, b, c, d octets)."""
    out = []
    for index, az in enumerate("ac"):
        subnet = ids.next("subnet")
        third = base[2] + index
        r = Resource(SPOKE["aws_subnet.private[%d]" % index], "%s/%s" % (key, az)).tag(environment, "%s-private-%s" % (environment, az))
        r.set(id=subnet, arn=arn("subnet", subnet), vpc_id=vpc, cidr_block="%d.%d.%d.0/24" % (base[0], base[1], third))
        out.append((subnet, r))
    return out


def route_table(ids, key, vpc, environment, routes):
    rtb = ids.next("rtb")
    r = Resource(SPOKE["aws_route_table.private"], key).tag(
        environment, environment + "-private")
    entry = SPOKE["aws_route_table.private"]["values"]["route"][0]
    r.set(id=rtb, arn=arn("route-table", rtb), vpc_id=vpc,
          route=[dict(entry, cidr_block=cidr, transit_gateway_id=tgw) for cidr, tgw in routes])
    r.item["sensitive_values"]["route"] = [{} for _ in routes]
    return rtb, r


def associations(ids, key, rtb, subnet_ids):
    out = []
    for index, subnet in enumerate(subnet_ids):
        r = Resource(SPOKE["aws_route_table_association.private[%d]" % index], "%s/%d" % (key, index))
        out.append(r.set(id=ids.next("rtbassoc"), route_table_id=rtb, subnet_id=subnet))
    return out


def gateway_endpoint(ids, key, vpc, rtb, environment):
    endpoint = ids.next("vpce")
    r = Resource(SPOKE["aws_vpc_endpoint.s3"], key).tag(environment, environment + "-s3")
    return r.set(id=endpoint, arn=arn("vpc-endpoint", endpoint), vpc_id=vpc, route_table_ids=[rtb],
                 prefix_list_id=ids.next("pl"))


def interface_endpoint(ids, key, service, vpc, subnet_ids, sg, environment, private_dns):
    endpoint = ids.next("vpce")
    r = Resource(HUB['aws_vpc_endpoint.interface["ssm"]'], "%s/%s" % (key, service)).tag(environment, "%s-%s" % (environment, service))
    dns = "%s-%08x.com.amazonaws.%s.%s" % (endpoint, ids.n % 2**32, FIXTURE_REGION, service)
    r.set(id=endpoint, arn=arn("vpc-endpoint", endpoint), vpc_id=vpc, subnet_ids=subnet_ids,
          security_group_ids=[sg], service_name="com.amazonaws.%s.%s" % (FIXTURE_REGION, service),
          private_dns_enabled=private_dns, network_interface_ids=[ids.next("eni") for _ in subnet_ids],
          subnet_configuration=[{"ipv4": "", "ipv6": "", "subnet_id": s} for s in subnet_ids],
          dns_entry=[{"dns_name": dns, "hosted_zone_id": "E3D8BCC7C7967"}])
    return dns, r


def security_group(ids, key, vpc, environment, cidrs):
    sg = ids.next("sg")
    r = Resource(HUB["aws_security_group.endpoints"], key).tag(
        environment, environment + "-vpce")
    r.values["ingress"] = [dict(r.values["ingress"][0], cidr_blocks=cidrs)]
    r.item["sensitive_values"]["ingress"] = [dict(r.item["sensitive_values"]["ingress"][0],
                                                  cidr_blocks=[False for _ in cidrs])]
    return sg, r.set(id=sg, arn=arn("security-group", sg), vpc_id=vpc, name=environment + "-vpce")


# --- the account mix ---------------------------------------------------------------------------------------

def account_vpc(ids, number):
    """One VPC with its own endpoints: (region, resources)."""
    region = REGIONS[number % len(REGIONS)]
    environment = "vpc%05d" % number
    base = (10, number // 64 % 256, number % 64 * 4, 0)
    cidr = "%d.%d.%d.0/22" % base[:3]
    vpc, vpc_r = vpc_resource(ids, environment, "this", environment, cidr)
    nets = subnets(ids, environment, vpc, environment, base)
    rtb, rtb_r = route_table(ids, environment, vpc, environment, [])
    sg, sg_r = security_group(ids, environment, vpc, environment, [cidr])
    out = [vpc_r] + [r for _, r in nets] + [rtb_r] + associations(ids, environment, rtb, [s for s, _ in nets]) + [sg_r]
    out.append(gateway_endpoint(ids, environment, vpc, rtb, environment))
    for service in ACCOUNT_SERVICES:
        out.append(interface_endpoint(ids, environment, service, vpc, [s for s, _ in nets], sg, environment, True)[1])
    return region, out


def write_account(path, seed, target):
    ids = Ids(seed)
    with open(path, "w") as out:
        out.write('{"format_version":"1.0","terraform_version":"1.11.4","values":{"outputs":{},"root_module":'
                  '{"resources":[')
        written, number = 0, 0
        while written < target or number == 0:
            region, resources = account_vpc(ids, number)
            for r in resources:
                text = ("," if written else "") + r.json(region, "123456789012")
                out.write(text)
                written += len(text)
            number += 1
        out.write("]}}}\n")
    print("account: %d VPCs" % number)
    return written


# --- the organisation hub ----------------------------------------------------------------------------------

def spoke_cidr(number):
    """A /22 out of 10.0.0.0/8 below the hubs' 10.255.0.0/16: 16,320 of them."""
    return (10, number // 64, number % 64 * 4, 0)


def hub_key(hub):
    return REGIONS[hub % len(REGIONS)], "1234567%05d" % (hub // len(REGIONS))


class Hub:
    """A hub's IDs, decided before its spokes so both sides can name each other."""

    def __init__(self, ids, number, spokes):
        self.number, self.spokes = number, spokes
        self.region, self.account = hub_key(number)
        self.environment = "hub-%s-%d" % (self.region, number // len(REGIONS))
        self.vpc = ids.next("vpc")
        self.tgw = ids.next("tgw")
        self.tgw_rtb = ids.next("tgw-rtb")
        self.attachment = ids.next("tgw-attach")
        self.zones = {service: ids.zone() for service in HUB_SERVICES}
        self.cidr = "10.255.0.0/16"


def hub_resources(ids, hub, spokes):
    """The hub's own resources; `spokes` are (environment, vpc, cidr, attachment, subnet ids)."""
    env = hub.environment
    out = []
    vpc = Resource(HUB["aws_vpc.hub"], env).tag(env, env + "-vpc")
    vpc.set(id=hub.vpc, arn=arn("vpc", hub.vpc), cidr_block=hub.cidr)
    out.append(vpc)
    nets = []
    for index, az in enumerate("ac"):
        subnet = ids.next("subnet")
        r = Resource(HUB["aws_subnet.endpoints[%d]" % index], "%s/%s" % (env, az)).tag(env, "%s-endpoints-%s" % (env, az))
        out.append(r.set(id=subnet, arn=arn("subnet", subnet), vpc_id=hub.vpc, cidr_block="10.255.%d.0/24" % (index + 1)))
        nets.append(subnet)
    rtb = ids.next("rtb")
    table = Resource(HUB["aws_route_table.endpoints"], env).tag(env, env + "-endpoints")
    entry = table.values["route"][0]
    table.set(id=rtb, arn=arn("route-table", rtb), vpc_id=hub.vpc,
              route=[dict(entry, cidr_block="10.0.0.0/8", transit_gateway_id=hub.tgw)])
    table.item["sensitive_values"]["route"] = [{}]
    out.append(table)
    for index, subnet in enumerate(nets):
        r = Resource(HUB["aws_route_table_association.endpoints[%d]" % index], "%s/%d" % (env, index))
        out.append(r.set(id=ids.next("rtbassoc"), route_table_id=rtb, subnet_id=subnet))
    route = Resource(HUB['aws_route.to_spoke["dev"]'], env, "to_spokes")
    out.append(route.set(id="r-%s1080289494" % rtb, destination_cidr_block="10.0.0.0/8", route_table_id=rtb,
                         transit_gateway_id=hub.tgw))
    sg, sg_r = security_group(ids, env, hub.vpc, env, ["10.0.0.0/8"])
    out.append(sg_r)
    gateway = Resource(HUB["aws_ec2_transit_gateway.hub"], env).tag(env, env + "-tgw")
    out.append(gateway.set(id=hub.tgw, arn=arn("transit-gateway", hub.tgw), association_default_route_table_id=hub.tgw_rtb,
                           propagation_default_route_table_id=hub.tgw_rtb))
    gw_table = Resource(HUB["aws_ec2_transit_gateway_route_table.hub"], env).tag(env, env + "-tgw-rtb")
    out.append(gw_table.set(id=hub.tgw_rtb, arn=arn("transit-gateway-route-table", hub.tgw_rtb), transit_gateway_id=hub.tgw))
    attachment = Resource(HUB["aws_ec2_transit_gateway_vpc_attachment.hub"], env).tag(env, env + "-tgw-attachment")
    out.append(attachment.set(id=hub.attachment, arn=arn("transit-gateway-attachment", hub.attachment), subnet_ids=nets,
                              transit_gateway_id=hub.tgw, vpc_id=hub.vpc))
    out += gateway_links(hub, "hub", None, hub.vpc, hub.attachment)
    all_vpcs = [hub.vpc] + [s[1] for s in spokes]
    for service in HUB_SERVICES:
        dns, endpoint = interface_endpoint(ids, env, service, hub.vpc, nets, sg, env, False)
        out.append(endpoint)
        zone_name = SERVICES.get(service, {}).get("zone", service + ".{region}.amazonaws.com").replace(
            "{region}", FIXTURE_REGION)
        zone = Resource(HUB['aws_route53_zone.endpoint["ssm"]'], "%s/%s" % (env, service)).tag(env, zone_name)
        zone_id = hub.zones[service]
        zone.set(id=zone_id, zone_id=zone_id, arn="arn:aws:route53:::hostedzone/" + zone_id, name=zone_name,
                 vpc=[{"vpc_id": v, "vpc_region": FIXTURE_REGION} for v in all_vpcs])
        zone.item["sensitive_values"]["vpc"] = [{} for _ in all_vpcs]
        out.append(zone)
        shape = SERVICES.get(service, {"apex": True, "wildcard": False})
        names = ([("apex", zone_name)] if shape.get("apex") else []) + (
            [("wildcard", "*." + zone_name)] if shape.get("wildcard") else [])
        for name, fqdn in names:
            record = Resource(HUB['aws_route53_record.apex["ssm"]'], "%s/%s" % (env, service), name)
            record.values["alias"] = [dict(record.values["alias"][0], name=dns)]
            out.append(record.set(id="%s_%s_A" % (zone_id, fqdn), zone_id=zone_id, name=fqdn, fqdn=fqdn))
    return out


def gateway_links(hub, key, spoke_env, vpc, attachment):
    """The gateway route table's association and propagation of one attachment (hub side)."""
    out = []
    for kind in ("association", "propagation"):
        template = HUB["aws_ec2_transit_gateway_route_table_%s.hub" % kind if kind == "association" else
                       "aws_ec2_transit_gateway_route_table_propagation.dev_to_hub"]
        r = Resource(template, "%s/%s" % (hub.environment, key), "attachment")
        out.append(r.set(id="%s_%s" % (hub.tgw_rtb, attachment), resource_id=vpc,
                         transit_gateway_attachment_id=attachment, transit_gateway_route_table_id=hub.tgw_rtb))
    return out


def hub_side_of_spoke(hub, spoke):
    environment, vpc, cidr, attachment, subnet_ids = spoke
    out = []
    data_vpc = Resource(HUB['data.aws_vpc.spoke["dev"]'], environment)
    data_vpc.values["tags"] = {"Environment": environment, "Name": environment + "-vpc"}
    data_vpc.values["filter"] = [{"name": "tag:Environment", "values": [environment]}]
    out.append(data_vpc.set(id=vpc, arn=arn("vpc", vpc), cidr_block=cidr, cidr_block_associations=[
        {"association_id": "vpc-cidr-assoc-" + vpc[4:], "cidr_block": cidr, "state": "associated"}]))
    data_attachment = Resource(HUB['data.aws_ec2_transit_gateway_vpc_attachment.spoke["dev"]'], environment)
    data_attachment.values["filter"] = [{"name": "transit-gateway-id", "values": [hub.tgw]},
                                        {"name": "vpc-id", "values": [vpc]}]
    out.append(data_attachment.set(id=attachment, arn=arn("transit-gateway-attachment", attachment),
                                   subnet_ids=subnet_ids, transit_gateway_id=hub.tgw, vpc_id=vpc))
    out += gateway_links(hub, environment, environment, vpc, attachment)
    for service in HUB_SERVICES:
        key = "%s/%s" % (service, environment)
        r = Resource(HUB['aws_route53_zone_association.spoke["ssm/dev"]'], key)
        zone = hub.zones[service]
        out.append(r.set(id="%s:%s:%s" % (zone, vpc, FIXTURE_REGION), vpc_id=vpc, zone_id=zone))
    return out


def spoke_resources(ids, hub, number):
    """(spoke tuple, its own resources) of spoke `number` of a hub."""
    environment = "%s-spoke%04d" % (hub.environment, number)
    base = spoke_cidr(number)
    cidr = "%d.%d.%d.0/22" % base[:3]
    vpc, vpc_r = vpc_resource(ids, environment, "spoke", environment, cidr)
    nets = subnets(ids, environment, vpc, environment, base)
    subnet_ids = [s for s, _ in nets]
    rtb, rtb_r = route_table(ids, environment, vpc, environment, [(hub.cidr, hub.tgw)])
    attachment = ids.next("tgw-attach")
    out = [vpc_r] + [r for _, r in nets] + [rtb_r] + associations(ids, environment, rtb, subnet_ids)
    data_hub = Resource(SPOKE["data.aws_vpc.hub"], environment)
    data_hub.values["tags"] = {"Environment": hub.environment, "Name": hub.environment + "-vpc"}
    out.append(data_hub.set(id=hub.vpc, arn=arn("vpc", hub.vpc), cidr_block=hub.cidr))
    data_tgw = Resource(SPOKE["data.aws_ec2_transit_gateway.hub"], environment)
    out.append(data_tgw.set(id=hub.tgw, arn=arn("transit-gateway", hub.tgw),
                            association_default_route_table_id=hub.tgw_rtb, propagation_default_route_table_id=hub.tgw_rtb))
    att = Resource(SPOKE["aws_ec2_transit_gateway_vpc_attachment.hub"], environment)
    out.append(att.set(id=attachment, arn=arn("transit-gateway-attachment", attachment), subnet_ids=subnet_ids,
                       transit_gateway_id=hub.tgw, vpc_id=vpc))
    route = Resource(SPOKE["aws_route.to_hub"], environment)
    out.append(route.set(id="r-%s1080289494" % rtb, destination_cidr_block=hub.cidr, route_table_id=rtb,
                         transit_gateway_id=hub.tgw))
    out.append(gateway_endpoint(ids, environment, vpc, rtb, environment))
    return (environment, vpc, cidr, attachment, subnet_ids), out


SPOKE_BYTES = 17000  # one spoke with its hub-side resources, measured on the generated output


def hub_plan(target, spokes, per_hub):
    """Spokes of each hub: `spokes` in all if given, else enough for `target` bytes; `per_hub` a hub at most."""
    total = spokes or max(1, round(target / SPOKE_BYTES))
    plan = []
    while total > 0:
        plan.append(min(per_hub, total))
        total -= plan[-1]
    return plan


class Document:
    def __init__(self, path):
        self.file = open(path, "w")
        self.file.write('{"format_version":"1.0","terraform_version":"1.11.4","values":{"outputs":{},"root_module":'
                        '{"resources":[')
        self.first, self.count = True, 0

    def add(self, resources, hub):
        for r in resources:
            text = ("" if self.first else ",") + r.json(hub.region, hub.account)
            self.file.write(text)
            self.count += len(text)
            self.first = False

    def close(self):
        self.file.write("]}}}\n")
        self.file.close()
        return self.count


def write_org_hub(path, seed, target, spokes=None, split=None, per_hub=SPOKES_PER_HUB):
    """One file at `path`, or with `split` a directory of one file per hub and per spoke."""
    ids = Ids(seed)
    plan = hub_plan(target, spokes, per_hub)
    written = 0
    if split:
        os.makedirs(split, exist_ok=True)
    single = None if split else Document(path)
    for number, count in enumerate(plan):
        hub = Hub(ids, number, count)
        members = []
        hub_side = []
        for s in range(count):
            spoke, own = spoke_resources(ids, hub, s)
            members.append(spoke)
            hub_side += hub_side_of_spoke(hub, spoke)
            if split:
                doc = Document(os.path.join(split, "%s.show.json" % spoke[0]))
                doc.add(own, hub)
                written += doc.close()
            else:
                single.add(own, hub)
        target_doc = Document(os.path.join(split, hub.environment + ".show.json")) if split else single
        target_doc.add(hub_resources(ids, hub, members) + hub_side, hub)
        if split:
            written += target_doc.close()
    if single:
        written = single.close()
    print("org-hub: %d hubs, %d spokes" % (len(plan), sum(plan)))
    return written

#!/usr/bin/env python3
"""Writes synthetic `terraform show -json` documents for the benchmark (Python 3 standard library only).

Each document is an account-like mix: mostly non-network resources (IAM roles and policies with JSON policy
strings, S3 buckets, Lambda functions, ECS task definitions, CloudWatch log groups, SSM parameters, KMS
keys, DynamoDB tables, EC2 instances, WAFv2 ACLs nested past depth 32), spread over many modules nested up
to three deep, plus a hub-and-spoke network per environment module (VPCs, subnets, route tables and routes,
peering, transit gateway attachments, interface endpoints, security groups, Route 53 zones and records).

  generate.py --form state|plan --size-mb 100 --seed 1 OUT.json
  generate.py --mix account|org-hub --size-mb 100 OUT.json        (network-heavy mixes: network_mix.py)
  generate.py --mix org-hub --spokes 2000 [--split DIR] OUT.json  (one 2,000-spoke hub, one file or one per VPC)

The plan form holds planned_values, resource_changes (with after_unknown / after_sensitive), prior_state
and configuration (with expression references), the way Terraform writes them.
"""

import argparse
import json
import random
import sys

AWS = "registry.terraform.io/hashicorp/aws"
REGION = "eu-west-1"


def dumps(value):
    return json.dumps(value, separators=(",", ":"))


def policy(rng, statements):
    doc = {"Version": "2012-10-17", "Statement": []}
    for n in range(statements):
        doc["Statement"].append({
            "Sid": "Stmt%d" % n, "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "logs:PutLogEvents"][: rng.randint(1, 4)],
            "Resource": ["arn:aws:s3:::bucket-%d/*" % rng.randint(0, 10**6)],
        })
    return json.dumps(doc)


def tags(rng, env, extra=0):
    base = {"Environment": env, "Owner": "team-%d" % rng.randint(1, 40), "CostCenter": str(rng.randint(1000, 9999)),
            "ManagedBy": "terraform"}
    for n in range(extra):
        base["tag%d" % n] = "value-%d" % rng.randint(0, 10**6)
    return base


def waf_statement(depth):
    if depth == 0:
        return [{"byte_match_statement": [{"field_to_match": [{"uri_path": [{}]}], "positional_constraint": "CONTAINS",
                                           "search_string": "/admin", "text_transformation": [{"priority": 0,
                                                                                               "type": "NONE"}]}]}]
    return [{"and_statement": [{"statement": waf_statement(depth - 1)}]}]


def app_resources(rng, env, index):
    """Non-network resources of one application module: (type, name, key, values, unknown paths)."""
    out = []
    account = "1234567890%02d" % (index % 100)
    for k in range(rng.randint(2, 5)):
        name = "svc%d-%d" % (index, k)
        out.append(("aws_iam_role", "task", name, {
            "arn": "arn:aws:iam::%s:role/%s" % (account, name), "assume_role_policy": policy(rng, 1),
            "create_date": "2024-03-01T10:00:00Z", "description": "", "force_detach_policies": False,
            "id": name, "inline_policy": [{"name": "inline", "policy": policy(rng, rng.randint(1, 4))}],
            "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "max_session_duration": 3600,
            "name": name, "name_prefix": "", "path": "/", "permissions_boundary": None,
            "tags": tags(rng, env), "tags_all": tags(rng, env), "unique_id": "AROA%016d" % rng.randint(0, 10**15)}))
        out.append(("aws_iam_policy", "task", name, {
            "arn": "arn:aws:iam::%s:policy/%s" % (account, name), "description": "access for " + name,
            "id": "arn:aws:iam::%s:policy/%s" % (account, name), "name": name, "path": "/",
            "policy": policy(rng, rng.randint(2, 8)), "policy_id": "ANPA%016d" % rng.randint(0, 10**15),
            "tags": {}, "tags_all": {}}))
        out.append(("aws_cloudwatch_log_group", "svc", name, {
            "arn": "arn:aws:logs:%s:%s:log-group:/ecs/%s" % (REGION, account, name), "id": "/ecs/" + name,
            "kms_key_id": "", "log_group_class": "STANDARD", "name": "/ecs/" + name, "retention_in_days": 30,
            "skip_destroy": False, "tags": tags(rng, env), "tags_all": tags(rng, env)}))
        out.append(("aws_ssm_parameter", "config", name, {
            "arn": "arn:aws:ssm:%s:%s:parameter/%s" % (REGION, account, name), "data_type": "text",
            "description": "", "id": "/" + name + "/config", "insecure_value": None, "key_id": "",
            "name": "/" + name + "/config", "overwrite": None, "tier": "Standard", "type": "SecureString",
            "value": "secret-%d" % rng.randint(0, 10**9), "version": rng.randint(1, 20), "tags": {},
            "tags_all": {}}))
        containers = [{"name": name, "image": "%s.dkr.ecr.%s.amazonaws.com/%s:%d" % (account, REGION, name, k),
                       "cpu": 256, "memory": 512, "essential": True,
                       "environment": [{"name": "VAR_%d" % v, "value": "x" * rng.randint(5, 60)} for v in range(12)],
                       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/" + name}}}]
        out.append(("aws_ecs_task_definition", "svc", name, {
            "arn": "arn:aws:ecs:%s:%s:task-definition/%s:3" % (REGION, account, name),
            "container_definitions": json.dumps(containers), "cpu": "256", "family": name,
            "id": name, "memory": "512", "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"],
            "revision": 3, "execution_role_arn": "arn:aws:iam::%s:role/%s" % (account, name),
            "volume": [], "tags": tags(rng, env), "tags_all": tags(rng, env)}))
    bucket = "bucket-%s-%d" % (env, index)
    out.append(("aws_s3_bucket", "data", None, {
        "acceleration_status": "", "arn": "arn:aws:s3:::" + bucket, "bucket": bucket,
        "bucket_domain_name": bucket + ".s3.amazonaws.com", "force_destroy": False, "hosted_zone_id": "Z1BKCTXD74EZPE",
        "id": bucket, "object_lock_enabled": False, "region": REGION,
        "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [
            {"kms_master_key_id": "", "sse_algorithm": "AES256"}], "bucket_key_enabled": False}]}],
        "versioning": [{"enabled": True, "mfa_delete": False}], "tags": tags(rng, env, 4),
        "tags_all": tags(rng, env, 4)}))
    for k in range(rng.randint(1, 3)):
        fn = "fn-%s-%d-%d" % (env, index, k)
        out.append(("aws_lambda_function", "fn", "f%d" % k, {
            "architectures": ["arm64"], "arn": "arn:aws:lambda:%s:%s:function:%s" % (REGION, account, fn),
            "environment": [{"variables": {"KEY_%d" % v: "value-%d" % rng.randint(0, 10**6) for v in range(10)}}],
            "function_name": fn, "handler": "index.handler", "id": fn, "memory_size": 256, "runtime": "nodejs20.x",
            "timeout": 30, "source_code_hash": "%064x" % rng.getrandbits(256),
            "vpc_config": [], "tags": tags(rng, env), "tags_all": tags(rng, env)}))
    out.append(("aws_dynamodb_table", "table", None, {
        "arn": "arn:aws:dynamodb:%s:%s:table/t%d" % (REGION, account, index),
        "attribute": [{"name": "pk", "type": "S"}, {"name": "sk", "type": "S"}], "billing_mode": "PAY_PER_REQUEST",
        "hash_key": "pk", "range_key": "sk", "id": "t%d" % index, "name": "t%d" % index,
        "point_in_time_recovery": [{"enabled": True}], "ttl": [{"attribute_name": "", "enabled": False}],
        "tags": tags(rng, env), "tags_all": tags(rng, env)}))
    for k in range(rng.randint(0, 3)):
        out.append(("aws_instance", "worker", k, {
            "ami": "ami-%017x" % rng.getrandbits(64), "arn": "arn:aws:ec2:%s:%s:instance/i-%017x" % (
                REGION, account, rng.getrandbits(64)), "associate_public_ip_address": False,
            "availability_zone": REGION + "a", "id": "i-%017x" % rng.getrandbits(64), "instance_type": "m6i.large",
            "private_ip": "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)),
            "root_block_device": [{"volume_size": 50, "volume_type": "gp3", "encrypted": True}],
            "subnet_id": "subnet-%017x" % rng.getrandbits(64), "user_data": "IyEvYmluL2Jhc2gK" * 20,
            "vpc_security_group_ids": ["sg-%017x" % rng.getrandbits(64)], "tags": tags(rng, env)}))
    out.append(("aws_kms_key", "data", None, {
        "arn": "arn:aws:kms:%s:%s:key/%032x" % (REGION, account, rng.getrandbits(128)), "deletion_window_in_days": 30,
        "enable_key_rotation": True, "id": "%032x" % rng.getrandbits(128), "key_usage": "ENCRYPT_DECRYPT",
        "policy": policy(rng, 3), "tags": {}, "tags_all": {}}))
    if index % 7 == 0:
        out.append(("aws_wafv2_web_acl", "edge", None, {
            "arn": "arn:aws:wafv2:%s:%s:regional/webacl/edge/%d" % (REGION, account, index), "id": str(index),
            "name": "edge", "scope": "REGIONAL", "default_action": [{"allow": [{}], "block": []}],
            "rule": [{"name": "r%d" % r, "priority": r, "action": [{"block": [{}]}],
                      "statement": waf_statement(6), "visibility_config": [{"metric_name": "r%d" % r}]}
                     for r in range(3)]}))
    return out


def network_resources(rng, env, spoke, hub):
    """A spoke VPC (or the hub) with subnets, routes, endpoints, security groups and DNS records."""
    cidr = "10.%d.0.0/16" % (spoke % 250)
    vpc_id = "vpc-%017x" % rng.getrandbits(64)
    out = [("aws_vpc", "this", None, {
        "arn": "arn:aws:ec2:%s:123456789012:vpc/%s" % (REGION, vpc_id), "cidr_block": cidr,
        "enable_dns_hostnames": True, "enable_dns_support": True, "id": vpc_id, "instance_tenancy": "default",
        "main_route_table_id": "rtb-%017x" % rng.getrandbits(64), "tags": {"Name": "%s-%d" % (env, spoke)}})]
    subnets = []
    for az in range(3):
        subnet = "subnet-%017x" % rng.getrandbits(64)
        subnets.append(subnet)
        out.append(("aws_subnet", "private", az, {
            "availability_zone": REGION + "abc"[az], "cidr_block": "10.%d.%d.0/24" % (spoke % 250, az), "id": subnet,
            "map_public_ip_on_launch": False, "vpc_id": vpc_id, "tags": {"Name": "private-%d" % az}}))
    rtb = "rtb-%017x" % rng.getrandbits(64)
    out.append(("aws_route_table", "private", None, {"id": rtb, "vpc_id": vpc_id, "route": [], "tags": {}}))
    for az in range(3):
        out.append(("aws_route_table_association", "private", az, {
            "id": "rtbassoc-%017x" % rng.getrandbits(64), "route_table_id": rtb, "subnet_id": subnets[az]}))
    tgw = "tgw-0123456789abcdef0"
    out.append(("aws_ec2_transit_gateway_vpc_attachment", "this", None, {
        "id": "tgw-attach-%017x" % rng.getrandbits(64), "subnet_ids": subnets, "transit_gateway_id": tgw,
        "vpc_id": vpc_id}))
    out.append(("aws_route", "to_hub" if not hub else "to_spokes", None, {
        "id": "r-%s1080289494" % rtb, "destination_cidr_block": "10.0.0.0/8", "route_table_id": rtb,
        "transit_gateway_id": tgw, "gateway_id": "", "nat_gateway_id": "", "vpc_peering_connection_id": ""}))
    sg = "sg-%017x" % rng.getrandbits(64)
    out.append(("aws_security_group", "endpoints", None, {
        "id": sg, "name": "endpoints", "vpc_id": vpc_id, "description": "interface endpoints",
        "ingress": [{"cidr_blocks": [cidr], "from_port": 443, "to_port": 443, "protocol": "tcp", "description": "",
                     "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False}],
        "egress": [{"cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1", "description": "",
                    "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False}]}))
    services = ["ecr.api", "ecr.dkr", "logs", "sts", "ssm"] if hub or spoke % 3 == 0 else ["logs"]
    for service in services:
        out.append(("aws_vpc_endpoint", "interface", service, {
            "id": "vpce-%017x" % rng.getrandbits(64), "service_name": "com.amazonaws.%s.%s" % (REGION, service),
            "vpc_endpoint_type": "Interface", "private_dns_enabled": not hub, "vpc_id": vpc_id,
            "subnet_ids": subnets, "security_group_ids": [sg],
            "dns_entry": [{"dns_name": "vpce-%x.%s.%s.vpce.amazonaws.com" % (rng.getrandbits(32), service, REGION),
                           "hosted_zone_id": "Z2%010d" % rng.randint(0, 10**9)}]}))
    if hub:
        for service in services:
            zone = "Z%012d" % rng.randint(0, 10**11)
            out.append(("aws_route53_zone", "endpoint", service, {
                "id": zone, "zone_id": zone, "name": "%s.%s.amazonaws.com" % (service, REGION),
                "vpc": [{"vpc_id": vpc_id, "vpc_region": REGION}]}))
            out.append(("aws_route53_record", "endpoint", service, {
                "id": zone + "_" + service, "zone_id": zone, "name": "%s.%s.amazonaws.com" % (service, REGION),
                "type": "A", "alias": [{"name": "vpce.example", "zone_id": "Z2", "evaluate_target_health": True}],
                "records": [], "ttl": 0}))
    return out


VPCS = 40  # environments with their own VPC; the others hold applications only (set by --vpcs)


def env_modules(seed, env):
    """(module address, resources, env, depth) of one environment, in document order, the same for a seed."""
    env_name = ["dev", "stg", "prd", "qa", "sbx"][env % 5] + str(env // 5)
    rng = random.Random(seed * 1000003 + env)
    address = 'module.env["%s"]' % env_name
    # Real accounts hold tens of VPCs however large their state grows: the network stays a small share.
    network = network_resources(rng, env_name, env + seed * 7, env == 0 and (seed < 100 or seed == 101)) if env < VPCS else []
    yield address, network, env, 0
    for app in range(rng.randint(3, 8)):
        yield address + ".module.app%d" % app, app_resources(rng, env_name, env * 10 + app), env, 1
        if app % 3 == 0:
            yield address + ".module.app%d.module.worker" % app, app_resources(
                rng, env_name, env * 10 + app + 5), env, 2


def modules(seed, env_count):
    for env in range(env_count):
        yield from env_modules(seed, env)


def env_count_for(seed, target):
    """How many environments make about `target` bytes of module resources (estimated from the first few)."""
    sample, size = 0, 0
    while sample < 6:
        size += sum(sum(len(resource_json(a, t, n, k, v)) + 1 for t, n, k, v in r)
                    for a, r, _e, _d in env_modules(seed, sample))
        sample += 1
        if size >= target:
            return sample
    return max(1, round(target / (size / sample)))


def resource_address(module, rtype, name, key):
    local = "%s.%s" % (rtype, name)
    if key is not None:
        local += "[%s]" % (json.dumps(key) if isinstance(key, str) else key)
    return (module + "." if module else "") + local


def resource_json(module, rtype, name, key, values):
    item = {"address": resource_address(module, rtype, name, key), "mode": "managed", "type": rtype, "name": name}
    if key is not None:
        item["index"] = key
    item.update({"provider_name": AWS, "schema_version": 0, "values": values,
                 "sensitive_values": {"tags": {}} if "tags" in values else {}})
    return dumps(item)


class Writer:
    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8")
        self.count = 0

    def write(self, text):
        self.file.write(text)
        self.count += len(text)


def write_module_tree(out, module_list):
    """root_module with child modules nested as their addresses say (depth <= 3)."""
    out.write('{"resources":[],"child_modules":[')
    stack = []  # open module depths
    first_at = [True]
    for address, resources, _env, depth in module_list:
        while len(stack) > depth:
            out.write("]}")
            stack.pop()
            first_at.pop()
        if not first_at[-1]:
            out.write(",")
        first_at[-1] = False
        out.write('{"resources":[')
        out.write(",".join(resource_json(address, t, n, k, v) for t, n, k, v in resources))
        out.write('],"address":%s,"child_modules":[' % dumps(address))
        stack.append(depth)
        first_at.append(True)
    while stack:
        out.write("]}")
        stack.pop()
    out.write("]}")


def write_state(path, seed, target):
    out = Writer(path)
    out.write('{"format_version":"1.0","terraform_version":"1.9.5","values":{"outputs":{},"root_module":')
    write_module_tree(out, modules(seed, env_count_for(seed, target)))
    out.write("}}\n")
    out.file.close()
    return out.count


def change_json(address_module, rtype, name, key, values, rng):
    action = rng.choice(["no-op"] * 8 + ["update", "create"])
    after_unknown = {"id": True} if action == "create" else {}
    if rtype == "aws_vpc_endpoint" and action == "create":
        after_unknown["dns_entry"] = True
    before = None if action == "create" else values
    item = {"address": resource_address(address_module, rtype, name, key), "module_address": address_module,
            "mode": "managed", "type": rtype, "name": name}
    if key is not None:
        item["index"] = key
    item.update({"provider_name": AWS, "change": {
        "actions": [action], "before": before, "after": values, "after_unknown": after_unknown,
        "before_sensitive": {} if before is not None else False, "after_sensitive": {"tags": {}}}})
    return dumps(item)


def configuration_json(module_list):
    """configuration.root_module: one module call per environment, nested calls per app, references kept."""
    def resources_of(resources, prefix):
        seen, out = set(), []
        for rtype, name, _k, values in resources:
            if (rtype, name) in seen:
                continue
            seen.add((rtype, name))
            expressions = {}
            for attr in list(values)[:8]:
                if attr.endswith("_id"):
                    expressions[attr] = {"references": ["aws_vpc.this.id", "aws_vpc.this"]}
                else:
                    expressions[attr] = {"constant_value": values[attr]}
            out.append({"address": "%s.%s" % (rtype, name), "mode": "managed", "type": rtype, "name": name,
                        "provider_config_key": "aws", "expressions": expressions, "schema_version": 0})
        return out

    envs = {}
    for address, resources, env, depth in module_list:
        envs.setdefault(env, []).append((address, resources, depth))
    calls = {}
    for env, items in envs.items():
        # Configuration is per module call, not per instance: one env call shape, keyed by for_each.
        net = resources_of(items[0][1], "")
        apps = {}
        for address, resources, depth in items[1:]:
            if depth == 1:
                apps[address.rsplit(".", 1)[1]] = {"source": "./modules/app", "module": {
                    "resources": resources_of(resources, ""), "module_calls": {}}}
        calls["env%d" % env] = {"source": "./modules/env", "for_each_expression": {"references": ["local.envs"]},
                                "expressions": {"cidr": {"references": ["local.cidrs"]}},
                                "module": {"resources": net, "module_calls": apps,
                                           "outputs": {"vpc_id": {"expression": {"references": [
                                               "aws_vpc.this.id", "aws_vpc.this"]}}}}}
    return dumps({"provider_config": {"aws": {"name": "aws", "full_name": AWS,
                                              "expressions": {"region": {"constant_value": REGION}}}},
                  "root_module": {"module_calls": calls}})


def write_plan(path, seed, target):
    envs = env_count_for(seed, target * 0.24)
    out = Writer(path)
    out.write('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":')
    write_module_tree(out, modules(seed, envs))
    out.write('},"resource_changes":[')
    rng = random.Random(seed)
    first = True
    for address, resources, _env, _depth in modules(seed, envs):
        for t, n, k, v in resources:
            out.write(("" if first else ",") + change_json(address, t, n, k, v, rng))
            first = False
    out.write('],"prior_state":{"format_version":"1.0","terraform_version":"1.9.5","values":{"outputs":{},'
              '"root_module":')
    write_module_tree(out, modules(seed, envs))
    out.write('}},"configuration":')
    out.write(configuration_json(modules(seed, min(envs, 50))))
    out.write(',"timestamp":"2026-11-27T00:00:00Z","applyable":true,"complete":true,"errored":false}\n')
    out.file.close()
    return out.count


def main():
    global VPCS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mix", choices=["app", "account", "org-hub"], default="app",
                        help="app: the account mix above (default); account, org-hub: see network_mix.py")
    parser.add_argument("--form", choices=["state", "plan"], default="state", help="app mix only")
    parser.add_argument("--size-mb", type=float, default=0)
    parser.add_argument("--spokes", type=int, help="org-hub: this many spokes of one hub instead of --size-mb")
    parser.add_argument("--spokes-per-hub", type=int, default=2000, help="org-hub: at most this many a hub")
    parser.add_argument("--split", metavar="DIR", help="org-hub: one file per hub and per spoke in DIR")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vpcs", type=int, default=VPCS, help="environments with a VPC (default %(default)s)")
    parser.add_argument("output")
    args = parser.parse_args()
    VPCS = args.vpcs
    target = int(args.size_mb * 1e6)
    if target <= 0 and not args.spokes:
        parser.error("--size-mb (or, for org-hub, --spokes) is required")
    if args.mix != "app":
        import network_mix
        if args.mix == "account":
            written = network_mix.write_account(args.output, args.seed, target)
        else:
            written = network_mix.write_org_hub(args.output, args.seed, target, args.spokes, args.split, args.spokes_per_hub)
        print("%s: %.1f MB %s" % (args.split or args.output, written / 1e6, args.mix), file=sys.stderr)
        return
    write = write_state if args.form == "state" else write_plan
    written = write(args.output, args.seed, target)
    print("%s: %.1f MB %s" % (args.output, written / 1e6, args.form), file=sys.stderr)


if __name__ == "__main__":
    main()

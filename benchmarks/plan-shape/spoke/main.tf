variable "name" { type = string }
variable "cidr" { type = string }
variable "hub_vpc" { type = string }
variable "hub_cidr" { type = string }
resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}
resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 1, count.index)
  availability_zone = ["ap-northeast-1a", "ap-northeast-1c"][count.index]
}
resource "aws_route_table" "private" { vpc_id = aws_vpc.this.id }
resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
resource "aws_vpc_peering_connection" "hub" {
  vpc_id      = aws_vpc.this.id
  peer_vpc_id = var.hub_vpc
  auto_accept = true
}
resource "aws_route" "to_hub" {
  route_table_id            = aws_route_table.private.id
  destination_cidr_block    = var.hub_cidr
  vpc_peering_connection_id = aws_vpc_peering_connection.hub.id
}
output "vpc_id" { value = aws_vpc.this.id }
output "peering_id" { value = aws_vpc_peering_connection.hub.id }

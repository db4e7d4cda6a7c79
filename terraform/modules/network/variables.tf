variable "name" {
  description = "Name of the VPC and prefix of its parts"
  type        = string
}

variable "cidr" {
  description = "The VPC's IPv4 range (a /16: it is cut into nine /20 subnets over three zones)"
  type        = string
  default     = "10.40.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, dev) instead of one per zone (prod)"
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs are kept"
  type        = number
  default     = 30
}

variable "logs_kms_key_arn" {
  description = "KMS key that encrypts the flow log group"
  type        = string
}

variable "tags" {
  description = "Tags for everything the VPC module makes"
  type        = map(string)
  default     = {}
}

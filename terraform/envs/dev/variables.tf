variable "region" {
  description = "AWS region"
  type        = string
  default     = "eu-west-1"
}

variable "tags" {
  description = "Tags added to every resource (with Project, Environment and ManagedBy, through the provider's default_tags)"
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  type    = string
  default = "10.50.0.0/16"
}

variable "kubernetes_version" {
  type    = string
  default = "1.34"
}

variable "api_allowed_cidrs" {
  description = "CIDRs that may reach the EKS API endpoint (operators' VPN, CI); empty keeps it private"
  type        = list(string)
  default     = []
}

variable "cluster_admin_role_arns" {
  description = "IAM roles given cluster-admin through EKS access entries"
  type        = list(string)
  default     = []
}

variable "database_clusters" {
  description = "PostgreSQL clusters by name: the tenant directory places organisations across them (issue 24, section 5)"
  type = map(object({
    engine_version        = optional(string, "17.6")
    instance_class        = string
    allocated_storage     = number
    max_allocated_storage = number
    multi_az              = optional(bool, true)
  }))
  default = {
    pg-1 = {
      instance_class        = "db.t4g.medium"
      allocated_storage     = 20
      max_allocated_storage = 100
      multi_az              = false
    }
  }
}

variable "base_domain" {
  description = "Organisations are served on {org}.<base_domain>"
  type        = string
}

variable "console_host" {
  description = "The operators' console (tenant-admin) host"
  type        = string
}

variable "route53_zone_id" {
  description = "Hosted zone of base_domain"
  type        = string
}

variable "console_zone_id" {
  description = "Hosted zone of console_host, when it is not base_domain's"
  type        = string
  default     = null
}

variable "ingress_ready" {
  description = "Second apply, once the chart's Ingress has made the ALB: point DNS at it"
  type        = bool
  default     = false
}

variable "bucket_suffix" {
  description = "Makes the backups bucket's name globally unique (e.g. the account id)"
  type        = string
}

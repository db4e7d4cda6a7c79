variable "name" {
  description = "Name of the web ACL and its metrics, e.g. hearth-prod"
  type        = string
}

variable "base_domain" {
  description = "Organisations are served on {org}.<base_domain>"
  type        = string
}

variable "console_host" {
  description = "The operators' console host (tenant-admin)"
  type        = string
}

variable "zone_id" {
  description = "Route 53 hosted zone of base_domain"
  type        = string
}

variable "console_zone_id" {
  description = "Hosted zone of console_host when it is not in base_domain's zone"
  type        = string
  default     = null
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client address may make in 5 minutes before WAF blocks it (app keeps its own finer limits)"
  type        = number
  default     = 3000
}

variable "ingress_ready" {
  description = "Set true once the chart's Ingress has made the ALB: DNS records then point at it"
  type        = bool
  default     = false
}

variable "load_balancer_name" {
  description = "The ALB's name, as the Ingress annotation alb.ingress.kubernetes.io/load-balancer-name gives it"
  type        = string
}

variable "logs_kms_key_arn" {
  type = string
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}

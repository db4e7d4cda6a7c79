variable "name" {
  type = string
}

variable "oidc_provider_arn" {
  description = "The EKS cluster's OIDC provider"
  type        = string
}

variable "namespace" {
  description = "Namespace the chart is installed in"
  type        = string
  default     = "hearth"
}

variable "service_accounts" {
  description = "Service accounts of app and tenant-admin in the chart"
  type        = list(string)
  default     = ["hearth-app", "hearth-tenant-admin"]
}

variable "backups_bucket_arn" {
  type = string
}

variable "backups_kms_key_arn" {
  type = string
}

variable "secret_arns" {
  description = "Secrets External Secrets may read (application keys, database, Redis and Kafka credentials)"
  type        = list(string)
}

variable "secrets_kms_key_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

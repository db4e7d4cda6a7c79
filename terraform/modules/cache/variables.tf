variable "name" {
  description = "Replication group id and secret prefix, e.g. hearth-prod"
  type        = string
}

variable "engine_version" {
  type    = string
  default = "7.1"
}

variable "parameter_group_family" {
  type    = string
  default = "redis7"
}

variable "node_type" {
  type    = string
  default = "cache.r7g.large"
}

variable "replicas" {
  description = "Read replicas besides the primary; at least 1 gives Multi-AZ failover"
  type        = number
  default     = 2
}

variable "snapshot_retention_days" {
  type    = number
  default = 7
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_id" {
  description = "Security group allowed to connect (the EKS nodes')"
  type        = string
}

variable "data_kms_key_arn" {
  type = string
}

variable "secrets_kms_key_arn" {
  type = string
}

variable "logs_kms_key_arn" {
  type = string
}

variable "secret_recovery_window_days" {
  type    = number
  default = 30
}

variable "secret_version" {
  description = "Bump to write the Redis URI secret again (write-only values are sent only when this changes)"
  type        = number
  default     = 1
}

variable "tags" {
  type    = map(string)
  default = {}
}

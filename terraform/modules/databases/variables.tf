variable "name" {
  description = "Prefix of each instance identifier, e.g. hearth-prod"
  type        = string
}

variable "clusters" {
  description = "PostgreSQL clusters by name (the name the tenant directory records): instance settings of each"
  type = map(object({
    engine_version        = optional(string, "17.6")
    instance_class        = string
    allocated_storage     = number
    max_allocated_storage = number
    multi_az              = optional(bool, true)
  }))

  validation {
    condition     = length(var.clusters) > 0
    error_message = "Give at least one database cluster."
  }
  validation {
    condition     = alltrue([for k in keys(var.clusters) : can(regex("^[a-z][a-z0-9-]{0,30}$", k))])
    error_message = "Cluster names are lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "vpc_id" {
  type = string
}

variable "db_subnet_group_name" {
  description = "The VPC's database subnet group (three zones)"
  type        = string
}

variable "client_security_group_id" {
  description = "Security group allowed to connect (the EKS nodes')"
  type        = string
}

variable "data_kms_key_arn" {
  description = "KMS key for storage and Performance Insights"
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key for the master user's secret"
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key for the exported PostgreSQL logs"
  type        = string
}

variable "deletion_protection" {
  description = "Refuse to delete the instances (true in prod)"
  type        = bool
  default     = true
}

variable "final_snapshot" {
  description = "Take a final snapshot when an instance is deleted"
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)"
  type        = number
  default     = 14
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}

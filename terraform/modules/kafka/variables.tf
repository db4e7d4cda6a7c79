variable "name" {
  description = "Cluster name, e.g. hearth-prod"
  type        = string
}

variable "kafka_version" {
  type    = string
  default = "3.9.x"
}

variable "broker_count" {
  description = "Brokers: a multiple of the three zones"
  type        = number
  default     = 3
}

variable "broker_instance_type" {
  type    = string
  default = "kafka.m7g.large"
}

variable "broker_volume_size" {
  description = "GiB of storage per broker"
  type        = number
  default     = 500
}

variable "iam_auth" {
  description = "Also accept IAM authentication (port 9098), for operators' tools"
  type        = bool
  default     = false
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "One subnet per zone"
  type        = list(string)
}

variable "client_security_group_id" {
  type = string
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

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "secret_recovery_window_days" {
  type    = number
  default = 30
}

variable "secret_version" {
  description = "Bump to generate and write a new SCRAM password (write-only: never in the state)"
  type        = number
  default     = 1
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "name" {
  description = "Cluster name"
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes <major>.<minor>"
  type        = string
  default     = "1.34"
}

variable "vpc_id" {
  type = string
}

variable "private_subnets" {
  description = "Subnets of the control plane's network interfaces and of the nodes"
  type        = list(string)
}

variable "api_allowed_cidrs" {
  description = "CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private"
  type        = list(string)
  default     = []
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster until this is turned off"
  type        = bool
  default     = true
}

variable "creator_is_admin" {
  description = "Give the identity that applies this an admin access entry (needed to install the chart from the same pipeline)"
  type        = bool
  default     = true
}

variable "admin_role_arns" {
  description = "IAM roles (operators, CI) given cluster-admin through access entries"
  type        = list(string)
  default     = []
}

variable "eks_kms_key_arn" {
  description = "KMS key for envelope encryption of Kubernetes secrets"
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the control plane's log group"
  type        = string
}

variable "log_retention_days" {
  type    = number
  default = 90
}

variable "node_instance_types" {
  type    = list(string)
  default = ["m7i.large"]
}

variable "node_capacity_type" {
  description = "ON_DEMAND or SPOT"
  type        = string
  default     = "ON_DEMAND"
}

variable "node_min_size" {
  type    = number
  default = 3
}

variable "node_max_size" {
  type    = number
  default = 9
}

variable "node_desired_size" {
  type    = number
  default = 3
}

variable "node_disk_size" {
  description = "GiB of each node's root volume"
  type        = number
  default     = 50
}

variable "tags" {
  type    = map(string)
  default = {}
}

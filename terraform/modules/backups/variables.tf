variable "bucket_name" {
  description = "Globally unique bucket name"
  type        = string
}

variable "backups_kms_key_arn" {
  type = string
}

variable "glacier_after_days" {
  description = "Days before a backup moves to Glacier Flexible Retrieval"
  type        = number
  default     = 30
}

variable "expire_after_days" {
  description = "Days before a backup is deleted"
  type        = number
  default     = 365
}

variable "noncurrent_expire_after_days" {
  description = "Days an overwritten or deleted backup version is kept"
  type        = number
  default     = 30
}

variable "force_destroy" {
  description = "Let terraform destroy delete a bucket that still holds backups (dev only)"
  type        = bool
  default     = false
}

variable "tags" {
  type    = map(string)
  default = {}
}

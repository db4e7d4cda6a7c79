variable "name" {
  description = "Prefix of every secret name, e.g. hearth-prod (secrets are <name>/<ENVIRONMENT_VARIABLE>)"
  type        = string
}

variable "secrets_kms_key_arn" {
  type = string
}

variable "recovery_window_days" {
  description = "Days a deleted secret can be restored (0 deletes at once: dev only)"
  type        = number
  default     = 30
}

variable "generated_version" {
  description = "Bump to generate and write new values of the generated secrets"
  type        = number
  default     = 1
}

variable "tags" {
  type    = map(string)
  default = {}
}

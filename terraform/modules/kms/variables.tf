variable "name" {
  description = "Prefix of every key alias, e.g. hearth-prod"
  type        = string
}

variable "deletion_window_in_days" {
  description = "Days a scheduled key deletion can still be cancelled (7 to 30)"
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for every key"
  type        = map(string)
  default     = {}
}

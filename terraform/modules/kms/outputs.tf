output "key_arns" {
  description = "Key ARN per purpose: data, secrets, backups, eks, logs"
  value       = { for k, m in module.key : k => m.key_arn }
}

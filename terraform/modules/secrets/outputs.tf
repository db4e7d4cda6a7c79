output "secret_arns" {
  description = "Secret ARN per environment variable name"
  value       = { for k, s in aws_secretsmanager_secret.app : k => s.arn }
}

output "operator_filled" {
  description = "Secrets created empty: an operator puts their values (terraform/README.md)"
  value       = sort(keys(local.operator_filled))
}

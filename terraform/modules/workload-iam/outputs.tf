output "services_role_arn" {
  description = "For the services' service account annotation eks.amazonaws.com/role-arn"
  value       = module.services_role.arn
}

output "external_secrets_role_arn" {
  value = module.external_secrets_role.arn
}

output "cluster_name" {
  value = module.eks.cluster_name
}

output "cluster_endpoint" {
  value = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  value = module.eks.cluster_certificate_authority_data
}

output "oidc_provider_arn" {
  value = module.eks.oidc_provider_arn
}

output "node_security_group_id" {
  description = "Pods run with the nodes' security group: the data stores admit it"
  value       = module.eks.node_security_group_id
}

output "load_balancer_controller_role_arn" {
  description = "For the controller's service account annotation eks.amazonaws.com/role-arn"
  value       = module.load_balancer_controller_role.arn
}

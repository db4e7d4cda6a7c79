output "database_clusters" {
  description = "Per cluster name: endpoint, port, database, user and the Secrets Manager secret of its master password (tenant placement)"
  value       = module.databases.clusters
}

output "redis_primary_endpoint" {
  value = module.cache.primary_endpoint
}

output "redis_uri_secret_arn" {
  value = module.cache.redis_uri_secret_arn
}

output "kafka_bootstrap_servers" {
  description = "HEARTH_KAFKA_BOOTSTRAP_SERVERS (SASL_SSL with SCRAM-SHA-512)"
  value       = module.kafka.bootstrap_brokers_sasl_scram
}

output "kafka_scram_secret_arn" {
  value = module.kafka.scram_secret_arn
}

output "application_secret_arns" {
  description = "Secret per environment variable (app and tenant-admin)"
  value       = module.secrets.secret_arns
}

output "secrets_to_fill" {
  description = "Secrets created empty: put their values before the first deploy"
  value       = module.secrets.operator_filled
}

output "backups_bucket" {
  value = module.backups.bucket_name
}

output "eks_cluster_name" {
  value = module.eks.cluster_name
}

output "chart_values" {
  description = "What the Helm chart's values and the controller's install need from here"
  value = {
    ingress_certificate_arn           = module.edge.certificate_arn
    ingress_wafv2_acl_arn             = module.edge.web_acl_arn
    ingress_load_balancer_name        = module.edge.load_balancer_name
    load_balancer_controller_role_arn = module.eks.load_balancer_controller_role_arn
    services_role_arn                 = module.workload_iam.services_role_arn
    external_secrets_role_arn         = module.workload_iam.external_secrets_role_arn
  }
}

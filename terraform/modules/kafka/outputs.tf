output "bootstrap_brokers_sasl_scram" {
  description = "HEARTH_KAFKA_BOOTSTRAP_SERVERS (SASL_SSL, SCRAM-SHA-512)"
  value       = module.msk.bootstrap_brokers_sasl_scram
}

output "bootstrap_brokers_sasl_iam" {
  value = module.msk.bootstrap_brokers_sasl_iam
}

output "scram_secret_arn" {
  description = "Secret with the SCRAM user name and password"
  value       = aws_secretsmanager_secret.scram.arn
}

output "cluster_arn" {
  value = module.msk.arn
}

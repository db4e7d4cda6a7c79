output "primary_endpoint" {
  value = module.redis.replication_group_primary_endpoint_address
}

output "reader_endpoint" {
  value = module.redis.replication_group_reader_endpoint_address
}

output "redis_uri_secret_arn" {
  description = "Secret holding HEARTH_REDIS_URI"
  value       = aws_secretsmanager_secret.redis_uri.arn
}

# Redis (rate limits, caches, sockets' fan-out). ElastiCache takes its AUTH token only as a plain argument, so the
# token is a random_password kept in the (encrypted) state; every other secret here is write-only.
resource "random_password" "auth_token" {
  length  = 64
  special = false
}

module "redis" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "1.10.3"

  replication_group_id = var.name
  description          = "Redis of ${var.name}"

  engine         = "redis"
  engine_version = var.engine_version
  node_type      = var.node_type

  num_cache_clusters         = var.replicas + 1
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0

  at_rest_encryption_enabled = true
  kms_key_arn                = var.data_kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = random_password.auth_token.result

  snapshot_retention_limit = var.snapshot_retention_days
  snapshot_window          = "01:00-02:00"
  maintenance_window       = "sun:04:30-sun:05:30"
  apply_immediately        = false

  log_delivery_configuration = {
    slow-log = {
      destination_type                       = "cloudwatch-logs"
      log_format                             = "json"
      cloudwatch_log_group_retention_in_days = 30
      cloudwatch_log_group_kms_key_id        = var.logs_kms_key_arn
    }
  }

  create_parameter_group = true
  parameter_group_family = var.parameter_group_family
  parameters = [
    { name = "maxmemory-policy", value = "volatile-lru" },
  ]

  subnet_ids = var.subnet_ids
  vpc_id     = var.vpc_id
  security_group_rules = {
    from_nodes = {
      description                  = "Redis from the EKS nodes"
      referenced_security_group_id = var.client_security_group_id
    }
  }

  tags = var.tags
}

resource "aws_secretsmanager_secret" "redis_uri" {
  name                    = "${var.name}/HEARTH_REDIS_URI"
  description             = "HEARTH_REDIS_URI: rediss:// address with the AUTH token"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "redis_uri" {
  secret_id                = aws_secretsmanager_secret.redis_uri.id
  secret_string_wo         = "rediss://:${random_password.auth_token.result}@${module.redis.replication_group_primary_endpoint_address}:6379"
  secret_string_wo_version = var.secret_version
}

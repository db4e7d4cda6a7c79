locals {
  environment = "prod"
  name        = "hearth-${local.environment}"
  tags = merge(var.tags, {
    Project     = "hearth"
    Environment = local.environment
    ManagedBy   = "terraform"
  })
}

module "kms" {
  source = "../../modules/kms"

  name                    = local.name
  deletion_window_in_days = 30
  tags                    = local.tags
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  cidr                    = var.vpc_cidr
  single_nat_gateway      = false
  flow_log_retention_days = 90
  logs_kms_key_arn        = module.kms.key_arns["logs"]
  tags                    = local.tags
}

module "eks" {
  source = "../../modules/eks"

  name                = local.name
  kubernetes_version  = var.kubernetes_version
  vpc_id              = module.network.vpc_id
  private_subnets     = module.network.private_subnets
  api_allowed_cidrs   = var.api_allowed_cidrs
  admin_role_arns     = var.cluster_admin_role_arns
  deletion_protection = true

  node_instance_types = ["m7i.xlarge"]
  node_capacity_type  = "ON_DEMAND"
  node_min_size       = 3
  node_desired_size   = 3
  node_max_size       = 12
  node_disk_size      = 80

  eks_kms_key_arn    = module.kms.key_arns["eks"]
  logs_kms_key_arn   = module.kms.key_arns["logs"]
  log_retention_days = 90
  tags               = local.tags
}

module "databases" {
  source = "../../modules/databases"

  name                     = local.name
  clusters                 = var.database_clusters
  vpc_id                   = module.network.vpc_id
  db_subnet_group_name     = module.network.database_subnet_group_name
  client_security_group_id = module.eks.node_security_group_id

  deletion_protection   = true
  final_snapshot        = true
  backup_retention_days = 35
  log_retention_days    = 90

  data_kms_key_arn    = module.kms.key_arns["data"]
  secrets_kms_key_arn = module.kms.key_arns["secrets"]
  logs_kms_key_arn    = module.kms.key_arns["logs"]
  tags                = local.tags
}

module "cache" {
  source = "../../modules/cache"

  name                     = local.name
  node_type                = "cache.r7g.large"
  replicas                 = 2
  snapshot_retention_days  = 7
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.database_subnets
  client_security_group_id = module.eks.node_security_group_id

  data_kms_key_arn            = module.kms.key_arns["data"]
  secrets_kms_key_arn         = module.kms.key_arns["secrets"]
  logs_kms_key_arn            = module.kms.key_arns["logs"]
  secret_recovery_window_days = 30
  tags                        = local.tags
}

module "kafka" {
  source = "../../modules/kafka"

  name                     = local.name
  broker_count             = 3
  broker_instance_type     = "kafka.m7g.large"
  broker_volume_size       = 500
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.database_subnets
  client_security_group_id = module.eks.node_security_group_id

  data_kms_key_arn            = module.kms.key_arns["data"]
  secrets_kms_key_arn         = module.kms.key_arns["secrets"]
  logs_kms_key_arn            = module.kms.key_arns["logs"]
  log_retention_days          = 90
  secret_recovery_window_days = 30
  tags                        = local.tags
}

module "secrets" {
  source = "../../modules/secrets"

  name                 = local.name
  secrets_kms_key_arn  = module.kms.key_arns["secrets"]
  recovery_window_days = 30
  tags                 = local.tags
}

module "backups" {
  source = "../../modules/backups"

  bucket_name                  = "${local.name}-organisation-backups-${var.bucket_suffix}"
  backups_kms_key_arn          = module.kms.key_arns["backups"]
  glacier_after_days           = 30
  expire_after_days            = 400
  noncurrent_expire_after_days = 30
  force_destroy                = false
  tags                         = local.tags
}

module "edge" {
  source = "../../modules/edge"

  name                     = local.name
  base_domain              = var.base_domain
  console_host             = var.console_host
  zone_id                  = var.route53_zone_id
  console_zone_id          = var.console_zone_id
  rate_limit_per_5_minutes = 3000
  ingress_ready            = var.ingress_ready
  load_balancer_name       = local.name
  logs_kms_key_arn         = module.kms.key_arns["logs"]
  log_retention_days       = 90
  tags                     = local.tags
}

module "workload_iam" {
  source = "../../modules/workload-iam"

  name                = local.name
  oidc_provider_arn   = module.eks.oidc_provider_arn
  backups_bucket_arn  = module.backups.bucket_arn
  backups_kms_key_arn = module.kms.key_arns["backups"]
  secret_arns = concat(
    values(module.secrets.secret_arns),
    [for c in module.databases.clusters : c.master_secret_arn],
    [module.cache.redis_uri_secret_arn, module.kafka.scram_secret_arn],
  )
  secrets_kms_key_arn = module.kms.key_arns["secrets"]
  tags                = local.tags
}

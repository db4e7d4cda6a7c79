# PostgreSQL clusters as a map: each organisation's schema lives on one of them (the tenant directory records which),
# so adding capacity is adding an entry, and an organisation can be moved between entries.
resource "aws_security_group" "postgres" {
  name_prefix = "${var.name}-postgres-"
  description = "PostgreSQL clusters of ${var.name}: reachable from the EKS nodes only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-postgres" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_nodes" {
  security_group_id            = aws_security_group.postgres.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the EKS nodes"

  tags = var.tags
}

module "postgres" {
  source   = "terraform-aws-modules/rds/aws"
  version  = "7.2.0"
  for_each = var.clusters

  identifier = "${var.name}-${each.key}"

  engine               = "postgres"
  engine_version       = each.value.engine_version
  family               = "postgres${split(".", each.value.engine_version)[0]}"
  major_engine_version = split(".", each.value.engine_version)[0]
  instance_class       = each.value.instance_class

  allocated_storage     = each.value.allocated_storage
  max_allocated_storage = each.value.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.data_kms_key_arn

  db_name  = "hearth"
  username = "hearth_admin"
  port     = 5432

  # RDS keeps the master password in Secrets Manager and rotates it; Terraform never sees it.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.secrets_kms_key_arn

  multi_az               = each.value.multi_az
  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = [aws_security_group.postgres.id]
  publicly_accessible    = false

  create_db_option_group = false
  parameters = [
    { name = "rds.force_ssl", value = "1" },
    { name = "log_min_duration_statement", value = "500" },
  ]

  backup_retention_period  = var.backup_retention_days
  backup_window            = "02:00-03:00"
  maintenance_window       = "Sun:03:30-Sun:04:30"
  copy_tags_to_snapshot    = true
  delete_automated_backups = !var.deletion_protection

  deletion_protection              = var.deletion_protection
  skip_final_snapshot              = !var.final_snapshot
  final_snapshot_identifier_prefix = "${var.name}-${each.key}-final"

  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.data_kms_key_arn

  enabled_cloudwatch_logs_exports        = ["postgresql", "upgrade"]
  create_cloudwatch_log_group            = true
  cloudwatch_log_group_retention_in_days = var.log_retention_days
  cloudwatch_log_group_kms_key_id        = var.logs_kms_key_arn

  auto_minor_version_upgrade = true
  apply_immediately          = false

  tags = merge(var.tags, { "hearth:database-cluster" = each.key })
}

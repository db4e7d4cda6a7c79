# One customer-managed key per kind of data, so that a key's policy and its audit trail say what it protects.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  keys = {
    data    = { purpose = "RDS, ElastiCache and MSK storage, Performance Insights" }
    secrets = { purpose = "Secrets Manager: application keys, database, Redis and Kafka credentials" }
    backups = { purpose = "S3 bucket of organisation backups" }
    eks     = { purpose = "Kubernetes secrets of the EKS cluster (envelope encryption)" }
    logs    = { purpose = "CloudWatch log groups (EKS control plane, RDS, MSK, VPC flow logs, WAF)" }
  }

  # CloudWatch Logs encrypts with a customer key only if the key policy lets the service use it.
  logs_statements = [
    {
      sid       = "CloudWatchLogs"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]
      principals = [{
        type        = "Service"
        identifiers = ["logs.${data.aws_region.current.region}.amazonaws.com"]
      }]
      condition = [{
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:*"]
      }]
    }
  ]
}

module "key" {
  source   = "terraform-aws-modules/kms/aws"
  version  = "4.2.0"
  for_each = local.keys

  description             = "${var.name}: ${each.value.purpose}"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  aliases                 = ["${var.name}/${each.key}"]
  key_statements          = each.key == "logs" ? local.logs_statements : null

  tags = merge(var.tags, { "hearth:key" = each.key })
}

# IAM roles for the chart's service accounts (IRSA): the services reach the backups bucket; External Secrets copies
# Secrets Manager values into the Kubernetes Secret the chart references.
module "services_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name = "${var.name}-services"

  oidc_providers = {
    this = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = [for sa in var.service_accounts : "${var.namespace}:${sa}"]
    }
  }

  create_policy = true
  permissions = {
    backups_objects = {
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
      resources = ["${var.backups_bucket_arn}/*"]
    }
    backups_list = {
      actions   = ["s3:ListBucket"]
      resources = [var.backups_bucket_arn]
    }
    backups_key = {
      actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
      resources = [var.backups_kms_key_arn]
    }
  }

  tags = var.tags
}

module "external_secrets_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name = "${var.name}-external-secrets"

  attach_external_secrets_policy        = true
  external_secrets_secrets_manager_arns = var.secret_arns
  external_secrets_kms_key_arns         = [var.secrets_kms_key_arn]

  oidc_providers = {
    this = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["external-secrets:external-secrets"]
    }
  }

  tags = var.tags
}

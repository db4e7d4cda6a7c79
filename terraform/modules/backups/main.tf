# Organisations' backups (one schema each, issue 24 section 5) and their restore rehearsals.
module "bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "5.15.4"

  bucket = var.bucket_name

  versioning = {
    enabled = true
  }

  server_side_encryption_configuration = {
    rule = {
      bucket_key_enabled = true
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = var.backups_kms_key_arn
      }
    }
  }

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  control_object_ownership = true
  object_ownership         = "BucketOwnerEnforced"

  attach_deny_insecure_transport_policy = true
  attach_require_latest_tls_policy      = true

  lifecycle_rule = [
    {
      id                                     = "organisation-backups"
      enabled                                = true
      abort_incomplete_multipart_upload_days = 7

      transition = [
        { days = var.glacier_after_days, storage_class = "GLACIER" },
      ]
      expiration = {
        days = var.expire_after_days
      }
      noncurrent_version_expiration = {
        noncurrent_days = var.noncurrent_expire_after_days
      }
    },
  ]

  force_destroy = var.force_destroy

  tags = var.tags
}

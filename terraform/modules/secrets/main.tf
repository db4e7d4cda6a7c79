# The keys and passwords app and tenant-admin read from the environment (README, "Secrets come from the environment
# only"), one secret each, named as the variable. Terraform never holds their values: it generates the one it can
# (write-only, not in the state) and leaves the others empty for an operator to fill (terraform/README.md).
locals {
  # Generated here: random strings the services accept as they are.
  generated = {
    HEARTH_ADMIN_JWT_SECRET = { description = "tenant-admin: signs operators' tokens (at least 32 bytes)" }
  }

  # Filled by an operator: keys of a given form, or credentials another company issues.
  operator_filled = {
    HEARTH_ADMIN_SEALING_KEY        = { description = "tenant-admin: 32 random bytes in base64, seals operators' second factors" }
    HEARTH_IDENTITY_SIGNING_KEYS    = { description = "app: ES256 keys that sign access tokens, kid:base64,... (key in use first)" }
    HEARTH_IDENTITY_ENCRYPTION_KEYS = { description = "app: AES-256 keys for fields sealed at rest, kid:base64,... (key in use first)" }
    HEARTH_STRIPE_SECRET_KEY        = { description = "app: Stripe API secret key" }
    HEARTH_STRIPE_WEBHOOK_SECRET    = { description = "app: Stripe webhook signing secret" }
    HEARTH_SMS_ACCOUNT_SID          = { description = "app: Twilio account SID" }
    HEARTH_SMS_AUTH_TOKEN           = { description = "app: Twilio auth token" }
    HEARTH_PUSH_VAPID_PUBLIC_KEY    = { description = "app: VAPID public key for web push" }
    HEARTH_PUSH_VAPID_PRIVATE_KEY   = { description = "app: VAPID private key for web push" }
  }
}

resource "aws_secretsmanager_secret" "app" {
  for_each = merge(local.generated, local.operator_filled)

  name                    = "${var.name}/${each.key}"
  description             = each.value.description
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = var.recovery_window_days

  tags = merge(var.tags, { "hearth:env-var" = each.key })
}

ephemeral "random_password" "generated" {
  for_each = local.generated

  length  = 64
  special = false
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = local.generated

  secret_id                = aws_secretsmanager_secret.app[each.key].id
  secret_string_wo         = ephemeral.random_password.generated[each.key].result
  secret_string_wo_version = var.generated_version
}

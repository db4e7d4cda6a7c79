# What the chart's Ingress needs from AWS: the certificate, the WAF web ACL, and DNS for every organisation's host and
# the console's. The ALB itself is made by the AWS Load Balancer Controller from that Ingress (annotations
# alb.ingress.kubernetes.io/certificate-arn, wafv2-acl-arn, load-balancer-name, idle_timeout 300 s).
locals {
  console_zone_id = coalesce(var.console_zone_id, var.zone_id)
}

module "certificate" {
  source  = "terraform-aws-modules/acm/aws"
  version = "6.3.0"

  domain_name               = "*.${var.base_domain}"
  subject_alternative_names = [var.base_domain, var.console_host]
  validation_method         = "DNS"
  zone_id                   = var.zone_id
  zones                     = { (var.console_host) = local.console_zone_id }
  wait_for_validation       = true

  tags = merge(var.tags, { Name = "*.${var.base_domain}" })
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "Hearth: AWS managed rule groups and a per-address rate limit"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 0

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit_per_5_minutes
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-ip-reputation"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesAmazonIpReputationList"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-ip-reputation"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-common"
    priority = 20

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"

        # The common set blocks bodies over 8 KB; app accepts bodies up to 1 MB and answers 413 itself.
        rule_action_override {
          name = "SizeRestrictions_BODY"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 30

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-sql-injection"
    priority = 40

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesSQLiRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-sqli"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

# WAF logs only to a log group whose name starts with aws-waf-logs-.
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn

  tags = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }
}

# DNS points at the ALB once the controller has made it from the Ingress (second apply: ingress_ready = true).
data "aws_lb" "ingress" {
  count = var.ingress_ready ? 1 : 0

  name = var.load_balancer_name
}

resource "aws_route53_record" "organisations" {
  count = var.ingress_ready ? 1 : 0

  zone_id = var.zone_id
  name    = "*.${var.base_domain}"
  type    = "A"

  alias {
    name                   = data.aws_lb.ingress[0].dns_name
    zone_id                = data.aws_lb.ingress[0].zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "console" {
  count = var.ingress_ready ? 1 : 0

  zone_id = local.console_zone_id
  name    = var.console_host
  type    = "A"

  alias {
    name                   = data.aws_lb.ingress[0].dns_name
    zone_id                = data.aws_lb.ingress[0].zone_id
    evaluate_target_health = true
  }
}

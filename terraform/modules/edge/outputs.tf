output "certificate_arn" {
  description = "For alb.ingress.kubernetes.io/certificate-arn"
  value       = module.certificate.acm_certificate_arn
}

output "web_acl_arn" {
  description = "For alb.ingress.kubernetes.io/wafv2-acl-arn"
  value       = aws_wafv2_web_acl.this.arn
}

output "load_balancer_name" {
  description = "For alb.ingress.kubernetes.io/load-balancer-name"
  value       = var.load_balancer_name
}

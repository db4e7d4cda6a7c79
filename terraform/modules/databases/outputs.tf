output "clusters" {
  description = "Per cluster name: where it is and the Secrets Manager secret that holds its master credentials"
  value = {
    for k, m in module.postgres : k => {
      address           = m.db_instance_address
      endpoint          = m.db_instance_endpoint
      port              = m.db_instance_port
      database          = m.db_instance_name
      username          = m.db_instance_username
      master_secret_arn = m.db_instance_master_user_secret_arn
    }
  }
}

output "security_group_id" {
  value = aws_security_group.postgres.id
}

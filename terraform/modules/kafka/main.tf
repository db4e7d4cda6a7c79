# MSK: TLS between clients and brokers and inside the cluster; clients authenticate with SASL/SCRAM (a user name and
# password the app reads like its other secrets; plain kafka-clients, no AWS library). IAM auth can be added for tools.
resource "aws_security_group" "kafka" {
  name_prefix = "${var.name}-kafka-"
  description = "MSK brokers of ${var.name}: reachable from the EKS nodes only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-kafka" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "scram_from_nodes" {
  security_group_id            = aws_security_group.kafka.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 9096
  to_port                      = 9096
  description                  = "Kafka SASL/SCRAM over TLS from the EKS nodes"

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "iam_from_nodes" {
  count = var.iam_auth ? 1 : 0

  security_group_id            = aws_security_group.kafka.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Kafka IAM auth over TLS from the EKS nodes"

  tags = var.tags
}

module "msk" {
  source  = "terraform-aws-modules/msk-kafka-cluster/aws"
  version = "3.3.0"

  name                   = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count

  broker_node_client_subnets  = var.subnet_ids
  broker_node_instance_type   = var.broker_instance_type
  broker_node_security_groups = [aws_security_group.kafka.id]
  broker_node_storage_info = {
    ebs_storage_info = { volume_size = var.broker_volume_size }
  }

  encryption_at_rest_kms_key_arn      = var.data_kms_key_arn
  encryption_in_transit_client_broker = "TLS"
  encryption_in_transit_in_cluster    = true

  client_authentication = {
    sasl = {
      scram = true
      iam   = var.iam_auth
    }
  }

  create_scram_secret_association          = true
  scram_secret_association_secret_arn_list = [aws_secretsmanager_secret.scram.arn]

  configuration_name        = "${var.name}-kafka"
  configuration_description = "Hearth's broker settings"
  configuration_server_properties = {
    "auto.create.topics.enable"  = false
    "default.replication.factor" = 3
    "min.insync.replicas"        = 2
    "num.partitions"             = 6
  }

  enhanced_monitoring                    = "PER_TOPIC_PER_BROKER"
  cloudwatch_logs_enabled                = true
  cloudwatch_log_group_retention_in_days = var.log_retention_days
  cloudwatch_log_group_kms_key_id        = var.logs_kms_key_arn

  tags = var.tags
}

# SCRAM credentials: MSK reads secrets named AmazonMSK_* encrypted with a customer-managed key.
ephemeral "random_password" "scram" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "scram" {
  name                    = "AmazonMSK_${var.name}_hearth"
  description             = "SASL/SCRAM user of Hearth's services on MSK ${var.name}"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "scram" {
  secret_id                = aws_secretsmanager_secret.scram.id
  secret_string_wo         = jsonencode({ username = "hearth", password = ephemeral.random_password.scram.result })
  secret_string_wo_version = var.secret_version
}

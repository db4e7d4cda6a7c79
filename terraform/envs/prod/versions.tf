terraform {
  required_version = ">= 1.11.1"

  # Remote state: fill the placeholders (terraform/README.md, "Apply"), or pass them with -backend-config.
  backend "s3" {
    bucket         = "REPLACE-with-state-bucket"
    key            = "hearth/prod/terraform.tfstate"
    region         = "REPLACE-with-state-region"
    dynamodb_table = "REPLACE-with-lock-table"
    encrypt        = true
  }

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.42"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.1"
    }
    time = {
      source  = "hashicorp/time"
      version = "~> 0.13"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

{{/* The chart's name. */}}
{{- define "hearth.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: "hearth" when the release is called hearth, else "<release>-hearth". */}}
{{- define "hearth.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "hearth.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "hearth.labels" -}}
helm.sh/chart: {{ include "hearth.chart" . }}
app.kubernetes.io/name: {{ include "hearth.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hearth
{{- end }}

{{/*
A component's context, from (dict "root" $ "key" "app"|"tenantAdmin"): its values and names.
Returned as YAML: include it and fromYaml.
*/}}
{{- define "hearth.component" -}}
{{- $root := .root }}
{{- $values := index $root.Values .key }}
{{- $component := ternary "app" "tenant-admin" (eq .key "app") }}
key: {{ .key }}
component: {{ $component }}
name: {{ printf "%s-%s" (include "hearth.fullname" $root) $component | trunc 63 | trimSuffix "-" }}
serviceAccountName: {{ $values.serviceAccount.name }}
{{- end }}

{{/* Labels of a component's objects: (dict "root" $ "component" "app"). */}}
{{- define "hearth.componentLabels" -}}
{{ include "hearth.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* What a component's Service, Deployment and ServiceMonitor select it by: (dict "root" $ "component" "app"). */}}
{{- define "hearth.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hearth.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The console's host. */}}
{{- define "hearth.consoleHost" -}}
{{- default (printf "console.%s" .Values.baseDomain) .Values.consoleHost }}
{{- end }}

{{/* An image reference: repository@digest when a digest is set, else repository:tag (tag defaults to appVersion). */}}
{{- define "hearth.image" -}}
{{- $image := .values.image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{/* A JDBC URL for one of postgresql.app|credentials|admin: (dict "root" $ "database" .Values.postgresql.app). */}}
{{- define "hearth.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql }}
{{- $wanted := .database.cluster }}
{{- $found := dict }}
{{- range $pg.clusters }}
{{- if eq .name $wanted }}
{{- $found = . }}
{{- end }}
{{- end }}
{{- if not $found }}
{{- fail (printf "postgresql: cluster %q is not in postgresql.clusters" $wanted) }}
{{- end }}
{{- printf "jdbc:postgresql://%s:%d/%s?sslmode=%s" $found.host (int $found.port) .database.database $pg.sslMode }}
{{- end }}

{{/* Kafka's client settings shared by both services' ConfigMaps. */}}
{{- define "hearth.kafkaConfig" -}}
HEARTH_KAFKA_BOOTSTRAP_SERVERS: {{ .Values.kafka.bootstrapServers | quote }}
{{- if ne .Values.kafka.securityProtocol "PLAINTEXT" }}
KAFKA_SECURITY_PROTOCOL: {{ .Values.kafka.securityProtocol | quote }}
{{- end }}
{{- if .Values.kafka.saslMechanism }}
KAFKA_SASL_MECHANISM: {{ .Values.kafka.saslMechanism | quote }}
{{- end }}
{{- end }}

{{/* Settings both services share. */}}
{{- define "hearth.commonConfig" -}}
HEARTH_TRUSTED_PROXIES: {{ .Values.trustedProxies | quote }}
HEARTH_BACKUPS_DIRECTORY: "/var/lib/hearth/backups"
HEARTH_SHUTDOWN_GRACE_PERIOD: {{ printf "%ds" (int .Values.shutdownGracePeriodSeconds) | quote }}
JAVA_TOOL_OPTIONS: {{ .Values.javaToolOptions | quote }}
{{- if .Values.redis.uri }}
HEARTH_REDIS_URI: {{ .Values.redis.uri | quote }}
{{- end }}
{{ include "hearth.kafkaConfig" . }}
{{- end }}

package io.hearth.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json (and the chart's own checks) refuse values that would deploy something wrong. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no existing secret            | existingSecret: null                                                     | existingSecret
            an empty existing secret      | existingSecret: ""                                                       | existingSecret
            replicas of "three"           | app: {replicaCount: three}                                               | replicaCount
            a digest that is a tag        | app: {image: {digest: latest}}                                           | digest
            a Redis URI with its password | redis: {uri: "rediss://:hunter2hunter2@cache.internal:6379"}             | uri
            a secret among plain env      | tenantAdmin: {extraEnv: {HEARTH_ADMIN_JWT_SECRET: abc}}                  | HEARTH_ADMIN_JWT_SECRET
            trusting every address        | trustedProxies: "10.0.0.0/16,0.0.0.0/0"                                  | trustedProxies
            SASL without its JAAS secret  | kafka: {securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}        | saslJaasConfigSecretKey
            a misspelt key                | ingres: {enabled: false}                                                 | ingres
            a certificate that is no ARN  | ingress: {certificateArn: my-cert}                                       | certificateArn
            an IRSA role that is no ARN   | app: {serviceAccount: {roleArn: hearth-services}}                        | roleArn
            an idle timeout of 30 seconds | ingress: {idleTimeoutSeconds: 30}                                        | idleTimeoutSeconds
            a cluster not in the list     | postgresql: {app: {cluster: pg-9, database: hearth_app, username: a}}    | pg-9
            a grace period too short      | app: {terminationGracePeriodSeconds: 25}                                 | terminationGracePeriodSeconds
            metrics outside the cluster   | app: {service: {type: NodePort}}                                         | type
            collector credentials in env  | app: {extraEnv: {OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer x"}}  | OTEL_EXPORTER_OTLP_HEADERS
            """)
    void refuses(String what, String yaml, String named) {
        var values = Chart.valuesFile("bad-" + what.replaceAll("\\W+", "-"), yaml + "\n");

        assertThatThrownBy(() -> Chart.template(values)).hasMessageContaining(named);
    }

    @Test
    void withoutAutoscalingTheDeploymentNamesItsReplicasAndNoAutoscalerIsMade() {
        var values = Chart.valuesFile("no-autoscaling", """
                app: {autoscaling: {enabled: false}, replicaCount: 4}
                tenantAdmin: {autoscaling: {enabled: false}, replicaCount: 3}
                """);

        Manifests manifests = Chart.render(values);

        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(Node.at(manifests.one("Deployment", "hearth-app"), "spec.replicas")).isEqualTo(4);
        assertThat(Node.at(manifests.one("Deployment", "hearth-tenant-admin"), "spec.replicas")).isEqualTo(3);
    }

    @Test
    void aDisruptionBudgetWithMinAvailableKeepsThatFloorInsteadOfMaxUnavailable() {
        var values = Chart.valuesFile("min-available", "app: {podDisruptionBudget: {minAvailable: 2}}\n");

        var budget = Chart.render(values).one("PodDisruptionBudget", "hearth-app");

        assertThat(Node.map(budget, "spec")).containsEntry("minAvailable", 2).doesNotContainKey("maxUnavailable");
    }

    @Test
    void anExistingServiceAccountIsUsedAndNotMade() {
        var values = Chart.valuesFile("existing-service-account", """
                app: {serviceAccount: {create: false, name: hearth-app}}
                """);

        Manifests manifests = Chart.render(values);

        assertThat(manifests.ofKind("ServiceAccount")).extracting(sa -> Node.string(sa, "metadata.name"))
                .containsExactly("hearth-tenant-admin");
        assertThat(Node.string(manifests.one("Deployment", "hearth-app"), "spec.template.spec.serviceAccountName"))
                .isEqualTo("hearth-app");
    }

    @Test
    void aRedisWithoutCredentialsIsNamedInTheConfigMapInsteadOfTheSecret() {
        var values = Chart.valuesFile("plain-redis", "redis: {uri: 'redis://redis.cache.svc:6379'}\n");

        Manifests manifests = Chart.render(values);

        assertThat(Node.string(manifests.one("ConfigMap", "hearth-app"), "data.HEARTH_REDIS_URI"))
                .isEqualTo("redis://redis.cache.svc:6379");
        assertThat(manifests.containers()).allSatisfy(container -> assertThat(Node.list(container, "env"))
                .noneMatch(env -> "HEARTH_REDIS_URI".equals(Node.string(env, "name"))));
    }

    @Test
    void extraAnnotationsAreMergedOverTheChartsOwn() {
        var values = Chart.valuesFile("ingress-annotations", """
                ingress:
                  annotations:
                    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-3-2021-06
                    alb.ingress.kubernetes.io/tags: Team=platform
                """);

        var annotations = Node.map(Chart.render(values).one("Ingress"), "metadata.annotations");

        assertThat(annotations)
                .containsEntry("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-3-2021-06")
                .containsEntry("alb.ingress.kubernetes.io/tags", "Team=platform")
                .containsEntry("alb.ingress.kubernetes.io/load-balancer-attributes", "idle_timeout.timeout_seconds=300");
    }
}

package io.hearth.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the rendered objects must hold, with the default values and with the production example. */
class RenderedObjectsTest {

    private static final List<String> DEPLOYMENTS = List.of("hearth-app", "hearth-tenant-admin");

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyObjectCarriesTheStandardLabels(ValueSet values) {
        for (Map<String, Object> object : values.manifests().objects()) {
            assertThat(Node.map(object, "metadata.labels")).as(object.get("kind") + " " + Node.string(object, "metadata.name"))
                    .containsEntry("app.kubernetes.io/name", "hearth")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("helm.sh/chart", "hearth-0.1.0")
                    .containsKey("app.kubernetes.io/component");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyContainerRunsAsNonRootOnAReadOnlyRootFilesystemWithoutPrivileges(ValueSet values) {
        for (Map<String, Object> deployment : values.manifests().ofKind("Deployment")) {
            var pod = Node.map(deployment, "spec.template.spec");
            assertThat(Node.at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(Node.at(pod, "securityContext.runAsUser")).isEqualTo(10001);
            assertThat(Node.at(pod, "securityContext.fsGroup")).isNotNull();
            assertThat(Node.string(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(Node.list(pod, "initContainers")).isEmpty();
            for (Object container : Node.list(pod, "containers")) {
                var security = Node.map(container, "securityContext");
                assertThat(security).containsEntry("runAsNonRoot", true)
                        .containsEntry("runAsUser", 10001)
                        .containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("privileged", false);
                assertThat(Node.list(security, "capabilities.drop")).containsExactly("ALL");
                assertThat(Node.list(security, "capabilities.add")).isEmpty();
                assertThat(Node.string(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
                assertThat(Node.list(container, "volumeMounts")).anySatisfy(mount ->
                        assertThat(Node.string(mount, "mountPath")).isEqualTo("/tmp"));
            }
            assertThat(Node.list(pod, "volumes")).anySatisfy(volume -> {
                assertThat(Node.string(volume, "name")).isEqualTo("tmp");
                assertThat(Node.at(volume, "emptyDir")).isNotNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void bothServicesMountTheBackupStoreAndAppIsToldOnlyTheClustersThatHoldOrganisations(ValueSet values) {
        Manifests manifests = values.manifests();
        for (String name : DEPLOYMENTS) {
            var pod = Node.map(manifests.one("Deployment", name), "spec.template.spec");
            assertThat(Node.list(pod, "containers")).allSatisfy(container -> assertThat(Node.list(container, "volumeMounts"))
                    .anySatisfy(mount -> assertThat(Node.string(mount, "mountPath")).isEqualTo("/var/lib/hearth/backups")));
            var backups = Node.list(pod, "volumes").stream().filter(volume -> "backups".equals(Node.string(volume, "name"))).findFirst().orElseThrow();
            if (values == ValueSet.PRODUCTION) {
                assertThat(Node.string(backups, "persistentVolumeClaim.claimName")).isEqualTo("hearth-backups");
            } else {
                assertThat(Node.at(backups, "emptyDir")).isNotNull();
            }
        }
        var config = Node.map(manifests.one("ConfigMap", "hearth-app"), "data");
        assertThat(config).containsEntry("HEARTH_BACKUPS_DIRECTORY", "/var/lib/hearth/backups");
        if (values == ValueSet.PRODUCTION) {
            // pg-2 holds organisations too; the credentials and admin databases on it are no organisation cluster of their own.
            assertThat(String.valueOf(config.get("HEARTH_DB_EXTRA_CLUSTERS")))
                    .isEqualTo("pg-2=jdbc:postgresql://hearth-prod-pg-2.c8x2k4ab9yqz.eu-west-1.rds.amazonaws.com:5432/hearth_app?sslmode=require");
        } else {
            assertThat(config).doesNotContainKey("HEARTH_DB_EXTRA_CLUSTERS");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void probesAskTheHealthEndpointsOnTheHttpPort(ValueSet values) {
        for (Map<String, Object> container : values.manifests().containers()) {
            assertThat(Node.list(container, "ports")).extracting(p -> Node.string(p, "name")).contains("http", "metrics");
            assertThat(Node.string(container, "livenessProbe.httpGet.path")).isEqualTo("/health/liveness");
            assertThat(Node.string(container, "livenessProbe.httpGet.port")).isEqualTo("http");
            assertThat(Node.string(container, "readinessProbe.httpGet.path")).isEqualTo("/health/readiness");
            assertThat(Node.string(container, "readinessProbe.httpGet.port")).isEqualTo("http");
            assertThat(Node.string(container, "startupProbe.httpGet.port")).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void podsOutliveTheServicesGracefulShutdownAndWaitForTheBalancerFirst(ValueSet values) {
        Manifests manifests = values.manifests();
        for (String name : DEPLOYMENTS) {
            var pod = Node.map(manifests.one("Deployment", name), "spec.template.spec");
            var container = Node.asMap(Node.list(pod, "containers").get(0));
            var config = Node.map(manifests.one("ConfigMap", name), "data");
            long grace = Duration.parse("PT" + config.get("HEARTH_SHUTDOWN_GRACE_PERIOD").toString().toUpperCase()).toSeconds();
            int preStop = (Integer) Node.at(container, "lifecycle.preStop.sleep.seconds");

            assertThat(preStop).isBetween(2, 15);
            assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan((int) grace + preStop);
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void resourcesAndJvmSettingsComeFromValues(ValueSet values) {
        Manifests manifests = values.manifests();
        for (Map<String, Object> container : manifests.containers()) {
            assertThat(Node.string(container, "resources.requests.cpu")).isNotBlank();
            assertThat(Node.string(container, "resources.requests.memory")).isNotBlank();
            assertThat(Node.string(container, "resources.limits.memory")).isNotBlank();
        }
        for (String name : DEPLOYMENTS) {
            assertThat(Node.string(manifests.one("ConfigMap", name), "data.JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void settingsComeFromTheConfigMapAndSecretsOnlyFromTheExistingSecret(ValueSet values) {
        Manifests manifests = values.manifests();
        String secret = (String) Chart.merge(Chart.load(Chart.DIR.resolve("values.yaml")),
                values == ValueSet.PRODUCTION ? Chart.load(Chart.PRODUCTION_VALUES) : Map.of()).get("existingSecret");

        assertThat(manifests.ofKind("Secret")).isEmpty();
        for (String name : DEPLOYMENTS) {
            var container = Node.asMap(Node.list(manifests.one("Deployment", name), "spec.template.spec.containers").get(0));
            assertThat(Node.list(container, "envFrom")).extracting(e -> Node.string(e, "configMapRef.name")).containsExactly(name);
            for (Object env : Node.list(container, "env")) {
                String variable = Node.string(env, "name");
                var secretRef = Node.map(env, "valueFrom.secretKeyRef");
                if (Secrets.looksLikeASecretsName(variable)) {
                    assertThat(secretRef).as(variable + " must come from the existing Secret").isNotNull();
                }
                if (secretRef != null) {
                    assertThat(secretRef.get("name")).as(variable).isEqualTo(secret);
                    assertThat(Node.at(env, "value")).as(variable).isNull();
                }
            }
            for (Object envFrom : Node.list(container, "envFrom")) {
                String fromSecret = Node.string(envFrom, "secretRef.name");
                assertThat(fromSecret == null || fromSecret.equals(secret)).as("envFrom secretRef " + fromSecret).isTrue();
            }
        }
        for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
            assertThat(Node.map(configMap, "data").keySet()).as("a ConfigMap holds no secret")
                    .noneMatch(Secrets::looksLikeASecretsName);
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void noValueAnywhereLooksLikeAKeyOrAPassword(ValueSet values) {
        Manifests manifests = values.manifests();

        for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
            Node.map(configMap, "data").forEach((key, value) ->
                    assertThat(Secrets.looksLikeASecretValue(String.valueOf(value))).as(key + "=" + value).isFalse());
        }
        for (Map<String, Object> container : manifests.containers()) {
            for (Object env : Node.list(container, "env")) {
                String value = Node.string(env, "value");
                assertThat(value == null || !Secrets.looksLikeASecretValue(value)).as(Node.string(env, "name") + "=" + value).isTrue();
            }
        }
        assertThat(Secrets.literalsIn(manifests.text())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void theMetricsPortIsDeclaredNamedInTheEnvironmentAndExposedByEachService(ValueSet values) {
        Manifests manifests = values.manifests();
        for (String name : DEPLOYMENTS) {
            var container = Node.asMap(Node.list(manifests.one("Deployment", name), "spec.template.spec.containers").get(0));
            Object metricsPort = Node.list(container, "ports").stream()
                    .filter(p -> "metrics".equals(Node.string(p, "name"))).findFirst().map(p -> Node.at(p, "containerPort")).orElseThrow();
            var service = manifests.one("Service", name);

            assertThat(metricsPort).isEqualTo(9464);
            assertThat(Node.list(container, "env")).anySatisfy(env -> {
                assertThat(Node.string(env, "name")).isEqualTo("HEARTH_METRICS_PORT");
                assertThat(Node.string(env, "value")).isEqualTo(metricsPort.toString());
            });
            assertThat(Node.list(service, "spec.ports")).extracting(p -> Node.string(p, "name"), p -> Node.string(p, "targetPort"))
                    .contains(tuple("http", "http"), tuple("metrics", "metrics"));
            assertThat(Node.map(service, "spec.selector"))
                    .isEqualTo(Node.map(manifests.one("Deployment", name), "spec.selector.matchLabels"));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void theIngressRoutesEveryOrganisationThePlatformAndTheConsoleOverHttpOnly(ValueSet values) {
        Manifests manifests = values.manifests();
        var ingress = manifests.one("Ingress");
        String base = "hearth.example";
        String console = values == ValueSet.PRODUCTION ? "console.ops.hearth.example" : "console." + base;
        List<Object> rules = Node.list(ingress, "spec.rules");

        assertThat(Node.string(ingress, "apiVersion")).isEqualTo("networking.k8s.io/v1");
        assertThat(Node.string(ingress, "spec.ingressClassName")).isEqualTo("alb");
        assertThat(rules).extracting(r -> Node.string(r, "host")).containsExactly(console, base, "*." + base);
        assertThat(backends(rules.get(0))).containsOnly("hearth-tenant-admin");
        assertThat(backends(rules.get(1))).containsOnly("hearth-app");
        assertThat(backends(rules.get(2))).containsOnly("hearth-app");
        for (Object rule : rules) {
            for (Object path : Node.list(rule, "http.paths")) {
                assertThat(Node.string(path, "backend.service.port.name")).isEqualTo("http");
                assertThat(Node.at(path, "backend.service.port.number")).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void theIngressAsksTheAlbForA300SecondIdleTimeoutTlsAndTheReadinessHealthCheck(ValueSet values) {
        var annotations = Node.map(values.manifests().one("Ingress"), "metadata.annotations");

        assertThat(annotations)
                .containsEntry("alb.ingress.kubernetes.io/load-balancer-attributes", "idle_timeout.timeout_seconds=300")
                .containsEntry("alb.ingress.kubernetes.io/scheme", "internet-facing")
                .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
                .containsEntry("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]")
                .containsEntry("alb.ingress.kubernetes.io/ssl-redirect", "443")
                .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "/health/readiness")
                .containsKey("alb.ingress.kubernetes.io/group.name");
        if (values == ValueSet.PRODUCTION) {
            assertThat(annotations.get("alb.ingress.kubernetes.io/certificate-arn").toString()).startsWith("arn:aws:acm:");
            assertThat(annotations.get("alb.ingress.kubernetes.io/wafv2-acl-arn").toString()).startsWith("arn:aws:wafv2:");
            assertThat(annotations).containsEntry("alb.ingress.kubernetes.io/load-balancer-name", "hearth-prod");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void eachServiceHasAServiceMonitorScrapingItsMetricsPortEvery30Seconds(ValueSet values) {
        Manifests manifests = values.manifests();

        assertThat(manifests.ofKind("ServiceMonitor")).hasSize(manifests.ofKind("Service").size());
        for (Map<String, Object> service : manifests.ofKind("Service")) {
            String name = Node.string(service, "metadata.name");
            var monitor = manifests.one("ServiceMonitor", name);
            var selector = Node.map(monitor, "spec.selector.matchLabels");
            List<Object> endpoints = Node.list(monitor, "spec.endpoints");

            assertThat(Node.string(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
            assertThat(Node.map(service, "metadata.labels")).containsAllEntriesOf(selector);
            assertThat(manifests.ofKind("Service")).filteredOn(s -> Node.map(s, "metadata.labels").entrySet().containsAll(selector.entrySet()))
                    .hasSize(1);
            assertThat(endpoints).hasSize(1);
            assertThat(Node.string(endpoints.get(0), "port")).isEqualTo("metrics");
            assertThat(Node.string(endpoints.get(0), "path")).isEqualTo("/prometheus");
            assertThat(Node.string(endpoints.get(0), "interval")).isEqualTo("30s");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void eachDeploymentHasADisruptionBudgetAndAnAutoscalerOnCpuAndMemory(ValueSet values) {
        Manifests manifests = values.manifests();
        for (String name : DEPLOYMENTS) {
            var podLabels = Node.map(manifests.one("Deployment", name), "spec.template.metadata.labels");
            var budget = manifests.one("PodDisruptionBudget", name);
            var autoscaler = manifests.one("HorizontalPodAutoscaler", name);

            assertThat(podLabels).containsAllEntriesOf(Node.map(budget, "spec.selector.matchLabels"));
            assertThat(Objects.equals(Node.at(budget, "spec.maxUnavailable"), 1) || Objects.equals(Node.at(budget, "spec.minAvailable"), 1))
                    .as("minAvailable 1 or maxUnavailable 1").isTrue();
            assertThat(Node.string(autoscaler, "apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(Node.string(autoscaler, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat(Node.string(autoscaler, "spec.scaleTargetRef.name")).isEqualTo(name);
            assertThat(Node.list(autoscaler, "spec.metrics")).extracting(m -> Node.string(m, "resource.name"))
                    .containsExactly("cpu", "memory");
            assertThat(Node.at(manifests.one("Deployment", name), "spec.replicas")).as("the autoscaler owns replicas").isNull();
        }
        if (values == ValueSet.PRODUCTION) {
            assertThat(manifests.ofKind("HorizontalPodAutoscaler")).allSatisfy(hpa ->
                    assertThat((Integer) Node.at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(3));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void theServiceAccountsAreTheOnesTheIrsaRolesTrust(ValueSet values) {
        Manifests manifests = values.manifests();

        assertThat(manifests.ofKind("ServiceAccount")).extracting(sa -> Node.string(sa, "metadata.name"))
                .containsExactlyInAnyOrder("hearth-app", "hearth-tenant-admin");
        assertThat(Node.string(manifests.one("Deployment", "hearth-app"), "spec.template.spec.serviceAccountName")).isEqualTo("hearth-app");
        assertThat(Node.string(manifests.one("Deployment", "hearth-tenant-admin"), "spec.template.spec.serviceAccountName"))
                .isEqualTo("hearth-tenant-admin");
        assertThat(manifests.objects()).allSatisfy(o -> assertThat(Node.string(o, "metadata.namespace")).isEqualTo(Chart.NAMESPACE));
        if (values == ValueSet.PRODUCTION) {
            assertThat(manifests.ofKind("ServiceAccount")).allSatisfy(sa ->
                    assertThat(Node.string(sa, "metadata.annotations")).isNotNull()
                            .contains("arn:aws:iam::123456789012:role/hearth-prod-services"));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void imagesArePinnedByDigestWhenOneIsGiven(ValueSet values) {
        for (Map<String, Object> container : values.manifests().containers()) {
            String image = Node.string(container, "image");
            if (values == ValueSet.PRODUCTION) {
                assertThat(image).matches("[^:@]+(:[0-9]+)?/[^:@]+@sha256:[0-9a-f]{64}");
            } else {
                assertThat(image).endsWith(":0.1.0");
            }
        }
    }

    private static List<String> backends(Object rule) {
        return Node.list(rule, "http.paths").stream().map(p -> Node.string(p, "backend.service.name")).toList();
    }
}

package io.hearth.platform;

import io.hearth.infra.LocalStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on this machine: the local stack and an OpenID provider for organisations' own sign-in, then
 * tenant-admin and app as child JVMs pointed at them. Closing it stops the services before the stack (Kafka clients
 * shut down slowly once the broker is gone).
 */
public final class Platform implements AutoCloseable {

    private final LocalStack stack;
    private final OpenIdStandIn openId;
    private final ServiceProcess tenantAdmin;
    private final ServiceProcess app;

    private Platform(LocalStack stack, OpenIdStandIn openId, ServiceProcess tenantAdmin, ServiceProcess app) {
        this.stack = stack;
        this.openId = openId;
        this.tenantAdmin = tenantAdmin;
        this.app = app;
    }

    /**
     * @param logs where each service's output goes ({@code <dir>/app.log}); null to show it on this console
     */
    public static Platform start(Path root, int appPort, int adminPort, int mailHttpPort, Path logs) {
        return start(root, appPort, adminPort, mailHttpPort, 0, logs);
    }

    /** As above, with the SMS catcher's HTTP port (0: any). */
    public static Platform start(Path root, int appPort, int adminPort, int mailHttpPort, int smsHttpPort, Path logs) {
        return start(root, appPort, adminPort, mailHttpPort, smsHttpPort, logs, Map.of());
    }

    /** As above, with more environment for both services (a second database cluster, a backup store). */
    public static Platform start(Path root, int appPort, int adminPort, int mailHttpPort, int smsHttpPort, Path logs, Map<String, String> extraEnv) {
        return start(root, appPort, adminPort, mailHttpPort, smsHttpPort, 0, logs, extraEnv);
    }

    /** As above, with the OpenID provider's port (0: any). */
    public static Platform start(Path root, int appPort, int adminPort, int mailHttpPort, int smsHttpPort, int openIdPort, Path logs,
                                 Map<String, String> extraEnv) {
        LocalStack stack = LocalStack.start(System.getenv(), mailHttpPort, smsHttpPort);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            OpenIdStandIn openId = OpenIdStandIn.start(openIdPort);
            started.add(openId);
            Map<String, String> adminEnv = new java.util.LinkedHashMap<>(localTenantAdmin(stack));
            adminEnv.putAll(extraEnv);
            ServiceProcess admin = ServiceProcess.start(root, "tenant-admin", "io.hearth.admin.Application", adminPort,
                    adminEnv, logs == null ? null : logs.resolve("tenant-admin.log"));
            started.add(admin);
            ServiceProcess app = startApp(root, stack, appPort, logs, extraEnv);
            started.add(app);
            stack.stripeStandIn().ifPresent(stripe -> stripe.deliverTo("http://127.0.0.1:" + appPort + "/api/v1/stripe/webhooks"));
            if (stack.hasSmsCatcher()) {
                stack.smsCatcher().deliverTo(inboundTextsUrl(appPort));
            }
            admin.awaitReady(Duration.ofSeconds(90));
            app.awaitReady(Duration.ofSeconds(90));
            return new Platform(stack, openId, admin, app);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            stack.close();
            throw e;
        }
    }

    /** app's webhook for incoming texts, on the platform's own host, where the SMS catcher posts them. */
    static String inboundTextsUrl(int appPort) {
        return "http://127.0.0.1:" + appPort + "/api/v1/sms/inbound";
    }

    static ServiceProcess startApp(Path root, LocalStack stack, int port, Path logs) {
        return startApp(root, stack, port, logs, Map.of());
    }

    static ServiceProcess startApp(Path root, LocalStack stack, int port, Path logs, Map<String, String> extraEnv) {
        Map<String, String> env = local(stack.environment(LocalStack.Service.APP));
        // Links in mails and Stripe's return addresses point at this instance's port.
        env.put("HEARTH_PUBLIC_URL_TEMPLATE", "http://{slug}.localhost:" + port);
        // Organisations' own sign-in providers may be this machine's (the local run's mock OpenID provider).
        env.put("HEARTH_SSO_LOCAL_ISSUERS", "true");
        if (stack.hasSmsCatcher()) {
            // The SMS catcher signs the texts it sends over this address (see start).
            env.put("HEARTH_SMS_INBOUND_URL", inboundTextsUrl(port));
        }
        env.putAll(extraEnv);
        env.putAll(DevKeys.forApp(System.getenv()));
        return ServiceProcess.start(root, "app", "io.hearth.Application", port, env,
                logs == null ? null : logs.resolve("app-" + port + ".log"));
    }

    /**
     * tenant-admin for a local run: its keys from this machine, and the development operator with the password in the
     * README. Operators sign in without a second factor here (the run signs in as that operator to onboard the demo);
     * everywhere else it is required.
     */
    private static Map<String, String> localTenantAdmin(LocalStack stack) {
        Map<String, String> env = local(stack.environment(LocalStack.Service.TENANT_ADMIN));
        env.putAll(DevKeys.forTenantAdmin(System.getenv()));
        env.put("HEARTH_ADMIN_DEV_OPERATOR_ENABLED", "true");
        env.put("HEARTH_ADMIN_SECOND_FACTOR_REQUIRED", "false");
        return env;
    }

    /** A service's settings for a local run: plain HTTP, so no Strict-Transport-Security; Ctrl-C waits 5 s at most for requests. */
    private static Map<String, String> local(Map<String, String> environment) {
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        env.put("HEARTH_SECURITY_HSTS", "false");
        env.put("HEARTH_SHUTDOWN_GRACE_PERIOD", "5s");
        return env;
    }

    /** Starts another app instance on the same stack (used to measure start-up), not owned by this platform. */
    public ServiceProcess startAnotherApp(Path root, int port, Path logs) {
        return startApp(root, stack, port, logs);
    }

    /** As above, with more environment (e.g. a rehearsal's extra tenant migrations). */
    public ServiceProcess startAnotherApp(Path root, int port, Path logs, Map<String, String> extraEnv) {
        return startApp(root, stack, port, logs, extraEnv);
    }

    public LocalStack stack() {
        return stack;
    }

    /** The OpenID provider organisations may sign in through here (the demo organisation's, once it is set). */
    public OpenIdStandIn openId() {
        return openId;
    }

    public ServiceProcess app() {
        return app;
    }

    public ServiceProcess tenantAdmin() {
        return tenantAdmin;
    }

    public Map<String, String> summary() {
        return Map.of("app", app.baseUrl(), "tenant-admin", tenantAdmin.baseUrl());
    }

    /** Stops the app instance this platform started, e.g. to restart one in its place. */
    public void stopApp() {
        app.close();
    }

    @Override
    public void close() {
        app.close();
        tenantAdmin.close();
        openId.close();
        stack.close();
    }
}

package io.hearth.platform;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local}: the whole platform on this machine, with the demo organisation onboarded through the real
 * path (operator sign-in, tenant-admin, Kafka, app). Ctrl-C stops everything.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        int appPort = Integer.getInteger("hearth.app.port", 8080);
        int adminPort = Integer.getInteger("hearth.admin.port", 8081);
        int mailPort = Integer.getInteger("hearth.mail.port", 1080);
        int smsPort = Integer.getInteger("hearth.sms.port", 1081);
        int openIdPort = Integer.getInteger("hearth.openid.port", 1083);
        String operatorEmail = System.getProperty("hearth.operator.email", "operator@hearth.localhost");
        String operatorPassword = System.getProperty("hearth.operator.password", "hearth-operator-dev");

        System.out.println("Starting PostgreSQL, Redis, Kafka, the mail catcher, tenant-admin and app...");
        Platform platform = Platform.start(root, appPort, adminPort, mailPort, smsPort, openIdPort, null, java.util.Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Hearth...");
            platform.close();
            stopped.countDown();
        }, "hearth-shutdown"));

        AdminClient admin = new AdminClient(platform.tenantAdmin().baseUrl());
        admin.signIn(operatorEmail, operatorPassword);
        AdminClient.Response demo = admin.register("demo", "Demo Men's Circle Network", "admin@demo.localhost", "standard");
        if (demo.status() != 202 && demo.status() != 409) {
            throw new IllegalStateException("could not register the demo organisation: " + demo);
        }
        admin.awaitStatus("demo", "ACTIVE", Duration.ofSeconds(30));
        java.util.List<DemoOrganisation.Person> people = new DemoOrganisation(platform.app().baseUrl(), "demo", platform.stack().mailCatcher())
                .seed("admin@demo.localhost");
        System.out.println("  Push service        " + platform.stack().pushCatcher().origin() + "/pushes  (web pushes received, checked and decrypted;"
                + " POST /subscriptions mints a device to register with POST /api/v1/me/push-subscriptions)");
        platform.stack().stripeStandIn().ifPresent(stripe ->
                new DemoOrganisation(platform.app().baseUrl(), "demo", platform.stack().mailCatcher()).connectStripe("admin@demo.localhost", stripe));
        new DemoOrganisation(platform.app().baseUrl(), "demo", platform.stack().mailCatcher()).setUpSingleSignOn("admin@demo.localhost", platform.openId());

        String mail = platform.stack().mailCatcher().httpUrl();
        System.out.println();
        System.out.println("Hearth is running.");
        System.out.println("  Member PWA          http://demo.localhost:" + appPort + "/");
        System.out.println("  Operator console    http://localhost:" + adminPort + "/");
        System.out.println("  Demo organisation   http://demo.localhost:" + appPort + "/api/v1/organisation");
        System.out.println("  App API docs        http://localhost:" + appPort + "/api/docs/");
        System.out.println("  tenant-admin API    http://localhost:" + adminPort + "/api/v1/tenants  (docs: /api/docs/)");
        System.out.println("  Operator login      " + operatorEmail + " / " + operatorPassword + "  (this run only; no second factor here)");
        System.out.println("  Metrics             http://127.0.0.1:" + platform.app().metricsPort() + "/prometheus (app), http://127.0.0.1:"
                + platform.tenantAdmin().metricsPort() + "/prometheus (tenant-admin)");
        System.out.println("  Mail catcher        " + mail + "/messages");
        System.out.println("  SMS catcher         " + platform.stack().smsCatcher().baseUrl() + "/messages  (POST "
                + platform.stack().smsCatcher().baseUrl() + "/inbound {from, body}: a man texts STOP, START or HELP)");
        platform.stack().stripeStandIn().ifPresent(stripe ->
                System.out.println("  Stripe stand-in     " + stripe.baseUrl() + "  (Checkout and onboarding pages; HEARTH_STRIPE_SECRET_KEY uses Stripe)"
                        + "\n  Stripe requests     " + stripe.requestLogUrl() + "  (POST /_test/subscriptions/{id}/fail_next_payment fails an instalment)"));
        System.out.println("  Sign-in provider    " + platform.openId().demoIssuer() + "/.well-known/openid-configuration  (sign in as "
                + OpenIdStandIn.DEMO_EMAIL + ": the demo provider signs him in)");
        System.out.println("  Demo people (password " + DemoOrganisation.PASSWORD + "), sign in at http://demo.localhost:" + appPort + "/ (or POST /api/v1/auth/login):");
        for (DemoOrganisation.Person person : people) {
            System.out.println("    " + person.email() + "  " + person.roles());
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}

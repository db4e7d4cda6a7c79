package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.hearth.infra.FreePorts;
import io.hearth.infra.MailCatcher;
import io.hearth.infra.PushCatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PWA and the operator console in a real Chromium against the whole platform (both services as separate JVMs,
 * real PostgreSQL, Redis and Kafka), as people use them: phone-sized, by their labels, with axe checking every screen.
 */
class BrowserEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** As root, without a sandbox; without the background traffic that this machine's closed network refuses. */
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");
    private static Platform platform;
    private static Playwright playwright;
    private static Browser browser;
    private static Path root;
    private static String app;
    private static String console;
    private static String axe;
    private BrowserContext context;
    private Page page;
    private final List<String> axeFindings = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // Assertions wait as long as actions do: on a loaded 2-core CI machine a screen may take more than the default 5 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        root = Paths.get(System.getProperty("hearth.root", "../..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(Paths.get("target", "e2e-logs"));
        platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs);
        AdminClient admin = new AdminClient(platform.tenantAdmin().baseUrl());
        admin.signIn("operator@hearth.localhost", "hearth-operator-dev");
        admin.register("demo", "Demo Men's Circle Network", "admin@demo.localhost", "standard");
        admin.awaitStatus("demo", "ACTIVE", Duration.ofSeconds(30));
        DemoOrganisation demo = new DemoOrganisation(platform.app().baseUrl(), "demo", platform.stack().mailCatcher());
        demo.seed("admin@demo.localhost");
        demo.connectStripe("admin@demo.localhost", platform.stack().stripe());
        demo.setUpSingleSignOn("admin@demo.localhost", platform.openId());
        app = platform.app().baseUrl().replace("127.0.0.1", "demo.localhost");
        console = platform.tenantAdmin().baseUrl();
        axe = Files.readString(root.resolve("app/pwa/node_modules/axe-core/axe.min.js"));
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("hearth.chromium", "/usr/bin/chromium")))
                .setArgs(CHROMIUM_ARGS));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void phone() {
        context = reportingErrors(browser.newContext(phoneSized()));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    /** A phone, 360 px wide, drawn at twice the pixels (as the pictures in docs/screens are). */
    private static Browser.NewContextOptions phoneSized() {
        return new Browser.NewContextOptions().setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setTimezoneId("UTC");
    }

    /** Whatever a page of the context logs as an error goes to the test's output, to read a failure by. */
    private static BrowserContext reportingErrors(BrowserContext opened) {
        opened.onPage(page -> {
            page.onPageError(error -> System.out.println("[browser] page error: " + error));
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    System.out.println("[browser] console error: " + message.text());
                }
            });
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    System.out.println("[browser] " + response.status() + " " + response.request().method() + " " + response.url());
                }
            });
        });
        return opened;
    }

    @AfterEach
    void close(org.junit.jupiter.api.TestInfo test) throws Exception {
        // What the page showed at the end, for reading a failure.
        Path shots = Files.createDirectories(Paths.get("target", "e2e-screens"));
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(test.getTestMethod().orElseThrow().getName() + ".png")).setFullPage(true));
        context.close();
        assertThat(axeFindings).as("serious or critical accessibility violations").isEmpty();
    }

    @Test
    void aNewManSignsUpConfirmsHisAddressIsApprovedAndGetsASeatInAnOpenCircle() throws Exception {
        String email = "newman-" + UUID.randomUUID().toString().substring(0, 6) + "@demo.localhost";
        page.navigate(app + "/signup");
        page.getByLabel("First name").fill("Sam");
        page.getByLabel("Last name").fill("Newman");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("a long walk in the hills");
        checkAccessibility("sign up");
        shot(page, "sign-up");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an account")).click();
        assertThat(page.getByText("Check your inbox")).isVisible();

        String token = linkToken(email, "/verify-email/");
        page.navigate(app + "/verify-email/" + token);
        assertThat(page.getByText("an administrator will approve")).isVisible();

        Page admin = signIn(anotherPerson(), "admin@demo.localhost");
        admin.navigate(app + "/admin/members");
        admin.getByLabel("Search by name or email").fill(email);
        Locator card = admin.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Sam Newman"));
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
        assertThat(card.getByText("Active")).isVisible();
        checkAccessibility(admin, "members");
        shot(admin, "admin-members");
        admin.context().close();

        signIn(page, email, "a long walk in the hills");
        page.navigate(app + "/circles");
        Locator open = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Thursday Open Circle"));
        open.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ask to join")).click();
        assertThat(open.getByText("waiting for the facilitator")).isVisible();
        checkAccessibility("circles to join");
        shot(page, "circles-to-join");

        Page facilitator = signIn(anotherPerson(), "facilitator@demo.localhost");
        facilitator.navigate(app + "/facilitate");
        facilitator.getByText("Thursday Open Circle").click();
        facilitator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
        assertThat(facilitator.getByText("No one is waiting.")).isVisible();
        facilitator.context().close();

        page.navigate(app + "/circle");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thursday Open Circle"))).isVisible();
        assertThat(page.getByRole(AriaRole.LISTITEM).getByText("Sam Newman")).isVisible();
        checkAccessibility("my circle");
        shot(page, "my-circle");
    }

    @Test
    void aFacilitatorTakesAttendanceForAWholeCircleOnAPhone() throws Exception {
        signIn(page, "facilitator@demo.localhost");
        page.navigate(app + "/facilitate");
        page.getByText("Tuesday Circle").click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Take attendance"));
        assertThat(form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save attendance"))).isDisabled();
        List<String> marks = List.of("Present", "Absent", "Excused");
        Locator groups = form.getByRole(AriaRole.GROUP);
        int men = groups.count();
        assertThat(men).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < men; i++) {
            groups.nth(i).getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasText(marks.get(i % 3))).click();
        }
        form.getByLabel("Meeting of").fill("2026-10-06T18:30");
        checkAccessibility("take attendance");
        shot(page, "attendance");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save attendance")).click();
        assertThat(page.getByText("Attendance saved.")).isVisible();

        String circle = page.url().substring(page.url().lastIndexOf('/') + 1);
        JsonNode meetings = api("GET", "/api/v1/circles/" + circle + "/meetings", "facilitator@demo.localhost");
        assertThat(meetings.path("items").findValuesAsText("startsAt")).contains("2026-10-06T18:30:00Z");
    }

    @Test
    void anOperatorOnboardsAnOrganisationInTheConsoleAndSeesItActive() {
        String slug = "console-" + UUID.randomUUID().toString().substring(0, 6);
        page.setViewportSize(1280, 800);
        page.navigate(console + "/");
        page.getByLabel("Email").fill("operator@hearth.localhost");
        page.getByLabel("Password").fill("hearth-operator-dev");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        Locator onboard = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Onboard an organisation"));
        onboard.getByLabel("Slug (its address: slug.hearth.example)").fill(slug);
        onboard.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Console Circles");
        onboard.getByLabel("First admin's email").fill("lead@" + slug + ".test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Onboard")).click();

        Locator row = page.locator("tr[data-slug='" + slug + "']");
        assertThat(row.locator("[data-status='ACTIVE']")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        checkAccessibility("operator console");
        shot(page, "console");
        assertThat(page.locator("tr[data-slug='demo'] [data-stripe='READY']")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Plans and fees"))).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Platform fees per month"))).isVisible();

        // It gets a texting number of its own.
        String number = "+4477009" + String.format("%05d", new java.util.Random().nextInt(100000));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change the texting number of Console Circles")).click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Texting number").fill(number);
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Console Circles texts from " + number + ".")).isVisible();
        assertThat(row.locator("[data-sms='" + number + "']")).isVisible();

        // The first admin lost his mail: the operator sends him a new link.
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resend invitation")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm")).click();
        assertThat(page.getByText("A new invitation is on its way to lead@" + slug + ".test.")).isVisible();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> platform.stack().mailCatcher().messages().stream()
                .filter(mail -> mail.to().contains("lead@" + slug + ".test")).count() == 2);

        // Its data: where app keeps it (reported after provisioning), and a backup taken from the console.
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Data of Console Circles")).click();
        Locator data = page.getByRole(AriaRole.DIALOG);
        assertThat(data.locator("[data-figure='Cluster']")).hasText("main",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
        data.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Back up now")).click();
        assertThat(data.locator("[data-backup='DONE']")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        checkAccessibility("organisation data");
        shot(page, "console-data");
        page.setViewportSize(360, 740);
        shot(page, "console-data-phone");
        page.setViewportSize(1280, 800);
        data.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspend")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm")).click();
        assertThat(row.locator("[data-status='SUSPENDED']")).isVisible();
    }

    @Test
    void theMemberPwaIsInstallableAndItsApiDocsRender() throws Exception {
        signIn(page, "member1@demo.localhost");
        checkAccessibility("member home");
        shot(page, "home");
        page.navigate(app + "/events");
        page.getByText("Autumn weekend retreat").click();
        assertThat(page.getByLabel("Emergency contact (name and phone)")).isVisible();
        checkAccessibility("retreat page");
        shot(page, "event-registration");
        page.navigate(app + "/events");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Month")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).isVisible();
        checkAccessibility("events month");
        page.navigate(app + "/registrations");
        assertThat(page.getByText("Confirmed")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("My ticket")).click();
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("My ticket"))).isVisible();
        checkAccessibility("my ticket");
        shot(page, "ticket");
        page.keyboard().press("Escape");
        page.navigate(app + "/profile");
        checkAccessibility("profile");

        // Chromium never offers to install from an incognito profile, which every new context is: use a real profile.
        Path profile = Files.createTempDirectory("hearth-chromium-profile");
        try (BrowserContext installed = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(Paths.get(System.getProperty("hearth.chromium", "/usr/bin/chromium"))).setArgs(CHROMIUM_ARGS)
                .setViewportSize(360, 740).setIsMobile(true).setHasTouch(true))) {
            Page phone = installed.pages().isEmpty() ? installed.newPage() : installed.pages().get(0);
            signIn(phone, "member1@demo.localhost");
            await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(
                    phone.evaluate("async () => !!(await navigator.serviceWorker.getRegistration())?.active")));
            CDPSession cdp = installed.newCDPSession(phone);
            JsonNode errors = JSON.readTree(cdp.send("Page.getInstallabilityErrors").toString());
            JsonNode manifest = JSON.readTree(cdp.send("Page.getAppManifest").toString());

            assertThat(errors.path("installabilityErrors")).as("installability errors: %s", errors).isEmpty();
            assertThat(manifest.path("url").asText()).endsWith("/manifest.webmanifest");

            // What he saw last opens without a network, with the offline banner.
            phone.navigate(app + "/registrations");
            assertThat(phone.getByText("Confirmed")).isVisible();
            phone.navigate(app + "/circle");
            assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tuesday Circle"))).isVisible();
            installed.setOffline(true);
            phone.reload();
            assertThat(phone.getByTestId("offline-banner")).isVisible();
            assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tuesday Circle"))).isVisible();
            phone.navigate(app + "/registrations");
            assertThat(phone.getByText("Confirmed")).isVisible();
            phone.navigate(app + "/");
            assertThat(phone.getByText("Movie night: Twelve Angry Men")).isVisible();
            shot(phone, "offline-home");
            installed.setOffline(false);
        }

        page.navigate(platform.app().baseUrl() + "/api/docs/");
        assertThat(page.locator(".swagger-ui .information-container")).isVisible();
        page.navigate(console + "/api/docs/");
        assertThat(page.locator(".swagger-ui .information-container")).isVisible();
    }

    @Test
    void staffKeepAnEventOfflineCheckInTwoTicketsWithoutANetworkAndTheServerCountsEachOnce() throws Exception {
        String movie = eventId("Movie night: Twelve Angry Men");
        api("POST", "/api/v1/events/" + movie + "/register", "member2@demo.localhost", Map.of(), 201);
        acknowledgeWaivers("member1@demo.localhost", movie);
        acknowledgeWaivers("member2@demo.localhost", movie);
        String first = ticket("member1@demo.localhost", movie);
        String second = ticket("member2@demo.localhost", movie);
        signIn(page, "ptm@demo.localhost");
        page.navigate(app + "/staff/" + movie);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keep offline")).click();
        assertThat(page.getByTestId("kept-offline")).isVisible();
        checkAccessibility("check-in");

        context.setOffline(true);
        assertThat(page.getByTestId("offline-banner")).isVisible();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Check-in"));
        Locator log = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Check-in"));
        form.getByLabel("Or paste the ticket code").fill(first);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check-in")).click();
        assertThat(log.getByText("Mike Member checked in")).isVisible();
        form.getByLabel("Or paste the ticket code").fill(first);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check-in")).click();
        assertThat(log.getByText("Mike Member was checked in already")).isVisible();
        form.getByLabel("Or paste the ticket code").fill(second);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check-in")).click();
        assertThat(log.getByText("Matt Member checked in")).isVisible();
        form.getByLabel("Or paste the ticket code").fill(first.substring(0, first.length() - 4) + "AAAA");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check-in")).click();
        assertThat(log.getByText("This is not a valid ticket for this event.")).isVisible();
        assertThat(page.getByText("2 change(s) waiting to be sent")).isVisible();
        shot(page, "check-in-offline");
        // Meanwhile another device, online, checks the first man in too.
        JsonNode otherDevice = api("POST", "/api/v1/events/" + movie + "/check-in", "admin@demo.localhost", Map.of("token", first), 200);

        context.setOffline(false);
        assertThat(page.getByText("change(s) waiting to be sent")).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(15_000));

        JsonNode report = api("GET", "/api/v1/events/" + movie + "/attendance", "ptm@demo.localhost");
        assertThat(report.path("checkedIn").asInt()).isEqualTo(2);
        assertThat(report.path("attendees").findValuesAsText("firstName")).containsExactlyInAnyOrder("Mike", "Matt");
        assertThat(report.path("attendees").get(0).path("checkedInAt").asText()).as("the first check-in stands")
                .isEqualTo(otherDevice.path("checkedInAt").asText());
    }

    @Test
    void aPtmCreatesARetreatTheSecondManWaitsAndTakesTheSeatTheFirstGivesUp() throws Exception {
        String title = "Winter retreat " + UUID.randomUUID().toString().substring(0, 4);
        signIn(page, "ptm@demo.localhost");
        page.navigate(app + "/staff/new");
        page.getByLabel("Type").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Multi-day retreat")).click();
        page.getByLabel("Title").fill(title);
        page.getByLabel("Starts").fill("2027-02-05T18:00");
        page.getByLabel("Ends").fill("2027-02-07T16:00");
        page.getByLabel("Capacity").fill("1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add an agreement")).click();
        page.getByLabel("Agreement title").fill("Participation");
        page.getByLabel("Agreement text").fill("I take part at my own risk and look after the men beside me.");
        checkAccessibility("create event");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save event")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title))).isVisible();

        Page first = signIn(anotherPerson(), "member2@demo.localhost");
        registerFor(first, title);
        assertThat(first.getByText("Confirmed")).isVisible();
        Page second = signIn(anotherPerson(), "member3@demo.localhost");
        registerFor(second, title);
        assertThat(second.getByText("Number 1 on the waiting list")).isVisible();

        first.navigate(app + "/registrations");
        Locator seat = first.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(title));
        seat.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel my registration")).click();
        assertThat(seat.getByText("Cancelled")).isVisible();

        second.navigate(app + "/registrations");
        Locator offer = second.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(title));
        assertThat(offer.getByText("A seat is offered to you")).isVisible();
        assertThat(offer.getByText("A seat is held for you until")).isVisible();
        checkAccessibility(second, "offer");
        offer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept")).click();
        assertThat(offer.getByText("Confirmed")).isVisible();
        first.context().close();
        second.context().close();
    }

    @Test
    void aMemberPaysForTheRetreatOnCheckoutAndSeesHisSeatConfirmed() {
        signIn(page, "member1@demo.localhost");
        page.navigate(app + "/events");
        page.getByText("Autumn weekend retreat").first().click();
        page.getByLabel("VEGETARIAN").check();
        page.getByLabel("I accept: Participation").check();
        page.getByLabel("Emergency contact (name and phone)").fill("Anna, +447700900123");
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Register")).getByRole(AriaRole.BUTTON).click();

        assertThat(page.getByText("Stripe Checkout (local stand-in)")).isVisible();
        assertThat(page.locator("#amount")).hasText("240.00 GBP");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay 240.00 GBP")).click();

        assertThat(page.getByText("Paid: your seat is confirmed.")).isVisible();
        shot(page, "paid");
        checkAccessibility("paid for a retreat");
        page.navigate(app + "/payments");
        assertThat(page.getByText("Autumn weekend retreat (Standard) · £240.00")).isVisible();
        assertThat(page.getByText("Paid", new Page.GetByTextOptions().setExact(false)).first()).isVisible();
        checkAccessibility("my payments");
        shot(page, "payments");

        Page admin = signIn(anotherPerson(), "admin@demo.localhost");
        admin.navigate(app + "/admin/payments");
        assertThat(admin.getByText("Ready: members can pay by card")).isVisible();
        Locator payment = admin.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Mike Member · Autumn weekend retreat"));
        payment.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund")).click();
        assertThat(admin.getByText("£240.00 left to refund", new Page.GetByTextOptions().setExact(false))).isVisible();
        admin.getByLabel("Amount (GBP)").fill("100.00");
        admin.getByLabel("Reason (he sees it)").fill("Leaves on Saturday evening");
        checkAccessibility(admin, "refund");
        shot(admin, "refund");
        admin.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund")).click();
        assertThat(payment.getByText("Refunded £100.00")).isVisible();
        admin.context().close();

        page.navigate(app + "/payments");
        assertThat(page.getByText("Refunded £100.00")).isVisible();

        // His circle has dues: he can pay them by card from My circle.
        page.navigate(app + "/circle");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My dues"))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay dues by card"))).isVisible();
        checkAccessibility("my dues");
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My dues")).scrollIntoViewIfNeeded();
        shot(page, "my-dues");
    }

    @Test
    void aMemberPaysTheFirstOfThreeInstalmentsAndSeesHisSeatAndTheNextDate() {
        signIn(page, "member2@demo.localhost");
        page.navigate(app + "/events");
        page.getByText("Autumn weekend retreat").first().click();
        page.getByLabel("VEGAN").check();
        page.getByLabel("I accept: Participation").check();
        page.getByLabel("Emergency contact (name and phone)").fill("Ben, +447700900456");
        page.getByLabel("In 3 monthly instalments of about £80.00").check();
        checkAccessibility("register with instalments");
        shot(page, "register-instalments");
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Register")).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Register")).click();

        assertThat(page.locator("#amount")).hasText("80.00 GBP");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay 80.00 GBP")).click();

        assertThat(page.getByText("Paid: your seat is confirmed.")).isVisible();
        assertThat(page.getByText("1 of 3 instalments paid · next on")).isVisible();
        shot(page, "paid-instalment");
        page.navigate(app + "/payments");
        assertThat(page.getByText("1 of 3 instalments paid", new Page.GetByTextOptions().setExact(false))).isVisible();
    }

    @Test
    void staffCheckAManInByScanningHisTicketWithThePhonesCamera() throws Exception {
        String movie = eventId("Movie night: Twelve Angry Men");
        api("POST", "/api/v1/events/" + movie + "/register", "member3@demo.localhost", Map.of(), 201);
        acknowledgeWaivers("member3@demo.localhost", movie);
        String registration = null;
        for (JsonNode r : api("GET", "/api/v1/me/registrations", "member3@demo.localhost").path("items")) {
            if (r.path("eventId").asText().equals(movie)) {
                registration = r.path("id").asText();
            }
        }
        String qr = api("GET", "/api/v1/events/" + movie + "/registrations/" + registration + "/ticket", "member3@demo.localhost").path("qrCode").asText();
        Path camera = cameraShowing(qr);

        // Chromium's fake camera plays the picture of his ticket, as a phone held over it would see it.
        try (Browser withCamera = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("hearth.chromium", "/usr/bin/chromium")))
                .setArgs(java.util.stream.Stream.concat(CHROMIUM_ARGS.stream(), java.util.stream.Stream.of("--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream", "--use-file-for-fake-video-capture=" + camera)).toList()))) {
            BrowserContext phone = reportingErrors(withCamera.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true)
                    .setHasTouch(true).setPermissions(List.of("camera"))));
            Page staff = signIn(phone.newPage(), "ptm@demo.localhost");
            staff.navigate(app + "/staff/" + movie);
            staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan tickets")).click();

            try {
                assertThat(staff.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Check-in")).getByText("Mark Member checked in"))
                        .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            } catch (AssertionError notSeen) {
                Path shots = Files.createDirectories(Paths.get("target", "e2e-screens"));
                staff.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("camera-check-in-failed.png")).setFullPage(true));
                throw new AssertionError(notSeen.getMessage() + "\nThe page showed:\n" + staff.innerText("body"), notSeen);
            }
            // The ticket stays in front of the camera: it is not sent again.
            staff.waitForTimeout(1500);
            assertThat(staff.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Check-in")).getByRole(AriaRole.LISTITEM)).hasCount(1);
            phone.close();
        }

        JsonNode report = api("GET", "/api/v1/events/" + movie + "/attendance", "ptm@demo.localhost");
        assertThat(report.path("attendees").findValuesAsText("registrationId")).containsOnlyOnce(registration);
    }

    /** A Motion-JPEG file of frames showing the QR code on white, for Chromium's fake camera. */
    private static Path cameraShowing(String pngDataUri) throws Exception {
        java.awt.image.BufferedImage code = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(pngDataUri.substring(pngDataUri.indexOf(',') + 1))));
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = frame.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, 640, 480);
        // Whole pixels per module and little JPEG loss: a code scaled by a fraction, blurred by compression, is one
        // jsQR sometimes cannot read (the camera scenario failed on some tickets and not others).
        int scale = Math.max(1, 440 / code.getWidth());
        int size = code.getWidth() * scale;
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        graphics.drawImage(code, (640 - size) / 2, (480 - size) / 2, size, size, null);
        graphics.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpg").next();
        javax.imageio.ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.98f);
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(frame, null, null), quality);
        } finally {
            writer.dispose();
        }
        Path file = Files.createTempFile("hearth-ticket-camera", ".mjpeg");
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 30; i++) {
                out.write(jpeg.toByteArray());
            }
        }
        return file;
    }

    @Test
    void theScreensOfAdminsLeadershipSupportAndStaffPassAxe() throws Exception {
        String movie = eventId("Movie night: Twelve Angry Men");
        signIn(page, "admin@demo.localhost");
        Map<String, String> screens = new java.util.LinkedHashMap<>();
        screens.put("/admin/settings", "Organisation settings");
        screens.put("/admin/audit", "Audit log");
        screens.put("/reports", "Circle health");
        screens.put("/support", "Find a member");
        screens.put("/facilitate", "My circles");
        screens.put("/staff", "Events I run");
        screens.put("/profile", "Profile and privacy");
        screens.put("/admin/payments", "Payments");
        screens.put("/payment-issues", "Payment issues");
        screens.put("/payments", "My payments");
        screens.put("/admin/sso", "Single sign-on");
        for (Map.Entry<String, String> screen : screens.entrySet()) {
            page.navigate(app + screen.getKey());
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(screen.getValue()).setLevel(1))).isVisible();
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            checkAccessibility(screen.getKey());
            if (screen.getKey().equals("/admin/settings")) {
                shot(page, "organisation-settings");
            }
        }
        // The organisation's own provider as the platform set it up through the API; its secret stored and never shown.
        page.navigate(app + "/admin/sso");
        assertThat(page.getByLabel("Issuer")).hasValue(platform.openId().demoIssuer());
        assertThat(page.getByText("A secret is stored; type a new one to replace it")).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        shot(page, "admin-sso");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        page.navigate(app + "/admin/settings/crisis-lines");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Line 1"))).isVisible();
        assertThat(page.getByText("Hearth's default list for United Kingdom is in use")).isVisible();
        checkAccessibility("crisis lines");
        shot(page, "crisis-lines-editor");
        page.navigate(app + "/profile");
        assertThat(page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("My details"))).isVisible();
        shot(page, "profile");
        page.navigate(app + "/admin/audit");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Audit log"))).isVisible();
        // The newest entries, for reading a failure: the other tests write to the same organisation's log.
        System.out.println("audit, newest first: " + page.locator("tbody tr td:nth-child(2)").allInnerTexts());
        page.getByLabel("Action").fill("sign-in.succeeded");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("sign-in.succeeded")).first()).isVisible();
        assertThat(page.locator("tbody tr td:nth-child(2)").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasNotText("sign-in.succeeded")))
                .hasCount(0);
        shot(page, "audit");
        page.navigate(app + "/reports");
        assertThat(page.getByText("Tuesday Circle")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Payments per month"))).isVisible();
        shot(page, "reports");
        page.navigate(app + "/admin/payments");
        assertThat(page.getByText("Ready: members can pay by card")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Scholarship fund"))).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        shot(page, "admin-payments");
        page.navigate(app + "/support");
        page.getByLabel("Search by name or email").fill("member1");
        assertThat(page.getByText("Account state: Active")).isVisible();
        checkAccessibility("support, found");
        page.navigate(app + "/staff/" + movie);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a must-reach message"))).isVisible();
        shot(page, "staff-event");
        for (String tab : List.of("Registrations", "Care teams", "Edit")) {
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(tab)).click();
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            checkAccessibility("staff: " + tab);
        }
        page.navigate(app + "/circles/does-not-exist/nowhere");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("There is nothing at this address."))).isVisible();
    }

    /**
     * An admin checks a members file on his phone (a dry run: nothing changes), reads why rows are skipped and discards
     * it; then imports a file that changes one man's phone, sees it applied, and undoes it (the demo organisation is as
     * it was afterwards: no man is created, the phone is put back).
     */
    @Test
    void anAdminChecksAMembersFileOnHisPhoneImportsAChangeAndUndoesIt() throws Exception {
        String header = "email,firstName,lastName,phone,circle,roles,consent\n";
        String file = header
                + "jonas.berg@example.org,Jonas,Berg,+44 7700 900201,Thursday Open Circle,,yes\n"
                + "tomasz.nowak@example.org,Tomasz,Nowak,,,FACILITATOR,no\n"
                + "member3@demo.localhost,Mark,Member,+44 7700 900202,,,\n"
                + "member1@demo.localhost,Mike,Member,,,,\n"
                + "eve@example.org,\"=HYPERLINK(\"\"http://evil.example\"\")\",Smith,,,,\n"
                + "JONAS.BERG@example.org,Jonas,Again,,,,\n"
                + "not-an-email,Bob,Brown,,,,\n"
                + "carl.reyes@example.org,Carl,Reyes,,Nowhere Circle,,\n";
        signIn(page, "admin@demo.localhost");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import members")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Import members").setLevel(1))).isVisible();
        page.getByLabel("Choose a CSV file").setInputFiles(new com.microsoft.playwright.options.FilePayload("members.csv", "text/csv",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(page.getByText("members.csv, 1 KB")).isVisible();
        checkAccessibility("import members");
        shot(page, "import-choose");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();

        assertThat(page.getByText("Checked: nothing is changed yet")).isVisible();
        Locator rows = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Rows"));
        assertThat(rows.getByRole(AriaRole.ROW)).hasCount(9);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 3 rows"))).isVisible();
        assertThat(rows.getByText("Looks like a formula")).isVisible();
        assertThat(rows.getByText("Line 2 has the same email")).isVisible();
        assertThat(rows.getByText("No active circle is called 'Nowhere Circle'")).isVisible();
        assertThat(rows.getByText("Changes: phone")).isVisible();
        List<String> requests = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<com.microsoft.playwright.Request> counting = request -> requests.add(request.method() + " " + request.url());
        page.onRequest(counting);
        page.waitForTimeout(2500);
        page.offRequest(counting);
        System.out.println("requests while the dry run was shown: " + requests);
        assertThat(requests).as("a dry run waits: nothing polls it").noneMatch(request -> request.contains("/api/v1/members/imports"));
        checkAccessibility("an import's dry run");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        shot(page, "import-dry-run");
        // The rows under the app bar, for the picture of them.
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Rows")).evaluate("e => { e.scrollIntoView({ block: 'start' }); window.scrollBy(0, -72); }");
        shot(page, "import-rows");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discard")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file"))).isVisible();
        assertThat(page.getByText("Checked: nothing is changed yet")).hasCount(0);

        assertThat(exportedLine("member3@demo.localhost").split(",", -1)[3]).as("his phone before the import").isEmpty();
        page.getByLabel("Choose a CSV file").setInputFiles(new com.microsoft.playwright.options.FilePayload("phone.csv", "text/csv",
                (header + "member3@demo.localhost,,,+44 7700 900202,,,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 1 row")).click();
        assertThat(page.getByText("Imported", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
        assertThat(page.getByText("You can undo this import until")).isVisible();
        assertThat(exportedLine("member3@demo.localhost").split(",", -1)[3]).as("his phone, neutralised in the export").isEqualTo("'+447700900202");
        checkAccessibility("an import applied");
        shot(page, "import-applied");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo import")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, undo it")).click();
        assertThat(page.getByText("Undone", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
        assertThat(page.getByText("1 row put back.", new Page.GetByTextOptions().setExact(false))).isVisible();
        assertThat(exportedLine("member3@demo.localhost").split(",", -1)[3]).as("his phone put back").isEmpty();
        checkAccessibility("an import undone");
        shot(page, "import-undone");
    }

    @Test
    void twoMenChatInTheirCircleAMessageWrittenOfflineArrivesOnceAndAManWhoLeftReadsNoMore() throws Exception {
        String circle = circleId("Tuesday Circle");
        String chat = api("GET", "/api/v1/circles/" + circle + "/conversation", "member1@demo.localhost").path("id").asText();
        signIn(page, "member1@demo.localhost");
        page.navigate(app + "/chats");
        Locator chatLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Tuesday Circle")));
        assertThat(chatLink).isVisible();
        checkAccessibility("chats");
        shot(page, "chats");
        chatLink.click();
        assertThat(page.getByText("Let's talk about the retreat at the end of Tuesday's meeting.", EXACT)).isVisible();

        Page matt = signIn(anotherPerson(), "member2@demo.localhost");
        // What reaches Matt's screen comes over the real-time socket (the screens poll only while it is down).
        java.util.List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        matt.onWebSocket(socket -> socket.onFrameReceived(frame -> frames.add(frame.text())));
        matt.navigate(app + "/chats");
        assertThat(matt.getByText(Pattern.compile("\\d+ unread"))).isVisible();
        matt.navigate(app + "/chats/" + chat);
        assertThat(matt.getByText("Welcome to the Tuesday Circle chat", new Page.GetByTextOptions().setExact(false))).isVisible();
        // Each sees the other online in the circle's chat (presence over the socket, names from the conversation's people).
        assertThat(page.getByText("Online now", new Page.GetByTextOptions().setExact(false))).containsText("Matt Member");
        page.evaluate("() => window.scrollTo(0, 0)");
        shot(page, "chat-online");

        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).pressSequentially("Hello");
        assertThat(matt.getByText(Pattern.compile("typing"))).isVisible();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill("");

        context.setOffline(true);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill("Written on the train, no signal");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByText("Not sent yet: it goes when you are back online.")).isVisible();
        checkAccessibility("thread, a message waiting");
        shot(page, "chat-offline");
        context.setOffline(false);
        assertThat(page.getByText("Not sent yet: it goes when you are back online.")).isHidden(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(15_000));

        // Matt looks at his phone: the message came over his socket.
        matt.bringToFront();
        assertThat(matt.getByText("Written on the train, no signal", EXACT)).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(matt.getByText("Written on the train, no signal", EXACT)).hasCount(1);
        org.assertj.core.api.Assertions.assertThat(frames).as("Matt's socket signed in and carried the message")
                .anyMatch(frame -> frame.contains("\"type\":\"ready\""))
                .anyMatch(frame -> frame.contains("\"type\":\"message\"") && frame.contains("Written on the train, no signal"));
        assertThat(page.getByText("Written on the train, no signal", EXACT)).hasCount(1);
        long copies = 0;
        for (JsonNode message : api("GET", "/api/v1/conversations/" + chat + "/messages?limit=200", "member2@demo.localhost").path("items")) {
            copies += "Written on the train, no signal".equals(message.path("text").asText()) ? 1 : 0;
        }
        assertThat(copies).as("the server wrote it once").isEqualTo(1);
        matt.context().close();

        // Mark joins, is welcomed, leaves; what is written after he left never reaches him.
        String mark = api("GET", "/api/v1/me", "member3@demo.localhost").path("person").path("id").asText();
        api("POST", "/api/v1/circles/" + circle + "/members", "facilitator@demo.localhost", Map.of("personId", mark), 201);
        api("POST", "/api/v1/conversations/" + chat + "/messages", "member1@demo.localhost", Map.of("text", "Welcome, Mark"), 201);
        api("DELETE", "/api/v1/circles/" + circle + "/members/" + mark, "facilitator@demo.localhost", null, 204);
        api("POST", "/api/v1/conversations/" + chat + "/messages", "member1@demo.localhost", Map.of("text", "Sorry to see Mark go"), 201);
        Page marks = signIn(anotherPerson(), "member3@demo.localhost");
        marks.bringToFront();
        marks.navigate(app + "/chats/" + chat);
        assertThat(marks.getByText("Welcome, Mark", EXACT)).isVisible();
        assertThat(marks.getByText("Sorry to see Mark go", EXACT)).hasCount(0);
        assertThat(marks.getByText("Written on the train, no signal", EXACT)).hasCount(0);
        assertThat(marks.getByText("You can read this conversation but no longer write in it.")).isVisible();
        marks.context().close();
    }

    @Test
    void aManBlocksAnotherInTheirOneToOneWhoCanNoLongerWriteThereAndUnblocksHimFromBlockedMen() throws Exception {
        String matt = api("GET", "/api/v1/me", "member2@demo.localhost").path("person").path("id").asText();
        JsonNode started = api("POST", "/api/v1/conversations", "member1@demo.localhost", Map.of("personId", matt), 201);
        String chat = started.path("id").asText();
        String name = started.path("title").asText();
        signIn(page, "member1@demo.localhost");
        page.navigate(app + "/chats/" + chat);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("More for the chat with " + name)).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Block " + name)).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Block " + name + "?"));
        assertThat(dialog.getByText(Pattern.compile("he is not told"))).isVisible();
        checkAccessibility("block dialog");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Block").setExact(true)).click();
        assertThat(page.getByText("You blocked " + name + ", so writing here is closed", new Page.GetByTextOptions().setExact(false))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))).isDisabled();
        checkAccessibility("a one-to-one he blocked");
        shot(page, "chat-blocked");
        // The server holds it too: Matt can no longer write to him there.
        api("POST", "/api/v1/conversations/" + chat + "/messages", "member2@demo.localhost", Map.of("text", "Are you there?"), 403);

        page.navigate(app + "/chats");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Blocked men")).click();
        Locator blocked = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Blocked men"));
        assertThat(blocked.getByText(name, new Locator.GetByTextOptions().setExact(true))).isVisible();
        checkAccessibility("blocked men");
        shot(page, "blocked-men");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unblock " + name)).click();
        assertThat(page.getByText("You have not blocked anyone.", EXACT)).isVisible();
        api("POST", "/api/v1/conversations/" + chat + "/messages", "member2@demo.localhost", Map.of("text", "Good to talk again"), 201);
        page.navigate(app + "/chats/" + chat);
        assertThat(page.getByText("Good to talk again", EXACT)).isVisible();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill("Glad you wrote");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))).isEnabled();
    }

    @Test
    void aManReadsThePinnedWelcomeOnHomeAndCommentsOnIt() throws Exception {
        signIn(page, "member1@demo.localhost");
        Locator welcome = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Welcome to Hearth"));
        assertThat(welcome.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Welcome to Hearth").setLevel(3))).isVisible();
        assertThat(welcome.getByText("Pinned", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(welcome.getByText("To everyone", new Locator.GetByTextOptions().setExact(true))).isVisible();
        checkAccessibility("home with announcements");

        welcome.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Read it all: Welcome to Hearth")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Welcome to Hearth").setLevel(1))).isVisible();
        assertThat(page.getByText("No comments yet.", EXACT)).isVisible();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Your comment")).fill("Glad to be here. See you on Tuesday.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send comment")).click();
        Locator comments = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Comments"));
        assertThat(comments.getByText("Glad to be here. See you on Tuesday.", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(comments.getByText("You", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Your comment"))).hasValue("");
        checkAccessibility("an announcement with his comment");
        shot(page, "announcement");
        String welcomeId = page.url().substring(page.url().lastIndexOf('/') + 1);
        JsonNode written = api("GET", "/api/v1/announcements/" + welcomeId, "admin@demo.localhost").path("comments");
        assertThat(written.findValuesAsText("text")).containsExactly("Glad to be here. See you on Tuesday.");

        // A plain member is not offered the form, and is told who posts if he finds its address.
        page.navigate(app + "/announcements");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Announcements").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New announcement"))).hasCount(0);
        page.navigate(app + "/announcements/new");
        assertThat(page.getByText("Admins, leadership and the facilitators of a circle post announcements.", EXACT)).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post announcement"))).hasCount(0);

        // Leadership posts to the whole organisation from the feed.
        Page leo = signIn(anotherPerson(), "leadership@demo.localhost");
        leo.navigate(app + "/announcements");
        leo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New announcement")).click();
        leo.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Title")).fill("Retreat places close on Friday");
        leo.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Text").setExact(true))
                .fill("The autumn weekend retreat has a few places left.\nRegister under Events before Friday.");
        assertThat(leo.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Everyone in the organisation"))).isChecked();
        checkAccessibility(leo, "new announcement");
        leo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post announcement")).click();
        assertThat(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Retreat places close on Friday").setLevel(1))).isVisible();
        leo.context().close();

        // The member's feed: the pinned welcome on top with his comment counted, then the new one.
        page.navigate(app + "/announcements");
        Locator feed = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Announcements, pinned first, then the newest"));
        Locator retreat = feed.getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName("Retreat places close on Friday"));
        assertThat(retreat).isVisible();
        assertThat(retreat.getByText("Leo Leader", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(retreat.getByText("No comments", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(feed.getByRole(AriaRole.HEADING).first()).hasText("Welcome to Hearth");
        assertThat(feed.getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName("Welcome to Hearth"))
                .getByText("1 comment", new Locator.GetByTextOptions().setExact(true))).isVisible();
        checkAccessibility("announcements");
        shot(page, "announcements");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
    }

    @Test
    void aManAnswersHisCirclesMeetingTimePollItsFacilitatorArrangesTheMeetingHeAnswersAQuestionAndLeadershipAsksANewOne() throws Exception {
        String evening = "An evening to plan for the retreat: when can you come?";
        String helpers = "Who can lend a hand at the weekend retreat?";
        signIn(page, "member1@demo.localhost");

        // The demo's two open polls, his circle's and the organisation's, neither answered yet; a member asks no one from here.
        page.navigate(app + "/polls");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Polls").setLevel(1))).isVisible();
        Locator eveningCard = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(evening));
        assertThat(eveningCard.getByText("Tuesday Circle", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(eveningCard.getByText("You have not answered yet", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(helpers))
                .getByText("Everyone", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New poll"))).hasCount(0);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("polls");
        shot(page, "polls");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        // When to meet: the Friday time clashes with the movie night he is registered for; his Yes makes Wednesday count.
        eveningCard.getByRole(AriaRole.LINK).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(evening).setLevel(1))).isVisible();
        Locator times = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Times offered")).getByRole(AriaRole.ARTICLE);
        assertThat(times).hasCount(3);
        assertThat(times.nth(0).getByText("Clashes with Movie night: Twelve Angry Men, which you are registered for", new Locator.GetByTextOptions().setExact(true)))
                .isVisible();
        String[] answers = {"No", "If need be", "Yes"};
        for (int i = 0; i < answers.length; i++) {
            times.nth(i).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(answers[i]).setExact(true)).click();
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my answer")).click();
        assertThat(page.getByText("Your answer is saved.", EXACT)).isVisible();
        assertThat(times.nth(2).getByText("Counts", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(times.nth(0).getByText("Short of quorum", new Locator.GetByTextOptions().setExact(true))).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("a meeting-time poll");
        underTheAppBar(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Times offered")));
        shot(page, "poll");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        JsonNode saved = api("GET", "/api/v1/polls/" + page.url().substring(page.url().lastIndexOf('/') + 1), "facilitator@demo.localhost");
        assertThat(saved.path("respondents").asInt()).isEqualTo(3);
        assertThat(saved.path("options").get(2).path("meetsQuorum").asBoolean()).as("Wednesday: the facilitator and two men").isTrue();

        // Frank, the circle's facilitator, closes it on Wednesday from his phone, which arranges the circle's meeting then.
        String poll = saved.path("id").asText();
        JsonNode wednesday = saved.path("options").get(2);
        try (BrowserContext franksPhone = reportingErrors(browser.newContext(phoneSized()))) {
            Page frank = signIn(franksPhone.newPage(), "facilitator@demo.localhost");
            frank.navigate(app + "/polls/" + poll);
            Locator closing = frank.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Close the poll"));
            closing.getByLabel("Time chosen").selectOption(wednesday.path("id").asText());
            checkAccessibility(frank, "closing a meeting-time poll");
            closing.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close poll")).click();
            assertThat(frank.getByText(Pattern.compile("^Meeting arranged for "))).isVisible();
            assertThat(frank.getByText("This poll is closed: it takes no more answers.", EXACT)).isVisible();
            assertThat(closing).hasCount(0);
            checkAccessibility(frank, "a meeting-time poll closed on a time");
            JsonNode closed = api("GET", "/api/v1/polls/" + poll, "facilitator@demo.localhost");
            assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
            assertThat(closed.path("chosenOptionId").asText()).isEqualTo(wednesday.path("id").asText());
            assertThat(java.time.Instant.parse(closed.path("meetingStart").asText())).isEqualTo(java.time.Instant.parse(wednesday.path("startsAt").asText()));

            // The meeting is among the circle's coming meetings on his page of the circle (between two Tuesdays: it is not the next one).
            frank.navigate(app + "/facilitate");
            frank.getByText("Tuesday Circle").click();
            assertThat(meetingsOn(frank, "Coming meetings").filter(new Locator.FilterOptions().setHasText(asThePhoneWritesIt(frank, wednesday))))
                    .hasCount(1);
        }

        // Mike sees it on his poll and in his circle's schedule.
        page.reload();
        assertThat(page.getByText(Pattern.compile("^Meeting arranged for "))).isVisible();
        page.navigate(app + "/circle");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tuesday Circle").setLevel(1))).isVisible();
        assertThat(meetingsOn(page, "Schedule").filter(new Locator.FilterOptions().setHasText(asThePhoneWritesIt(page, wednesday)))).hasCount(1);
        checkAccessibility("his circle with the meeting the poll arranged");

        // A question with places: the cooking is full, so he takes the clearing up.
        page.navigate(app + "/polls");
        page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(helpers)).getByRole(AriaRole.LINK).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(helpers).setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^Cook on Saturday")))).isDisabled();
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^Clear up on Sunday"))).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my answer")).click();
        assertThat(page.getByText("Your answer is saved.", EXACT)).isVisible();
        assertThat(page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^Clear up on Sunday.*1 chose this")))).isChecked();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("a question");
        underTheAppBar(page.getByText("Options", EXACT));
        shot(page, "poll-question");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        // Leadership asks everyone a question of its own from the list.
        Page leo = signIn(reportingErrors(browser.newContext(phoneSized())).newPage(), "leadership@demo.localhost");
        leo.navigate(app + "/polls");
        leo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New poll")).click();
        assertThat(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New poll").setLevel(1))).isVisible();
        leo.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("A question")).check();
        leo.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Question")).fill("Which evening suits an open evening for newcomers?");
        leo.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Option 1")).fill("A Tuesday");
        leo.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Option 2")).fill("A Thursday");
        leo.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Men may choose more than one")).check();
        leo.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(leo, "new poll");
        leo.evaluate("() => window.scrollTo(0, 0)");
        shot(leo, "new-poll");
        assertThat(leo.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        leo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask").setExact(true)).click();
        assertThat(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Which evening suits an open evening for newcomers?").setLevel(1)))
                .isVisible();
        assertThat(leo.getByText("To everyone", EXACT)).isVisible();
        leo.context().close();
    }

    @Test
    void aPtmSharesAnEventsWaiverCheckInRefusesAManUntilHeAcknowledgesItOnThePageAndTheLogNamesHim() throws Exception {
        // An event of its own (the movie night's check-ins are other tests'), with Mark registered.
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(5));
        String walk = api("POST", "/api/v1/events", "ptm@demo.localhost", Map.of("type", "WORKSHOP", "title", "Hill walk: the Edge",
                "startsAt", start.toString(), "endsAt", start.plus(Duration.ofHours(5)).toString(), "timeZone", "Europe/London", "capacity", 12,
                "visibility", "MEMBERS"), 201).path("id").asText();
        api("POST", "/api/v1/events/" + walk + "/register", "member3@demo.localhost", Map.of(), 201);
        String words = "I walk at my own risk and keep to the group.\nI will tell the leader of any medical condition before we set off.\n";

        // The PTM shares the walk's waiver from the event's page; a text file named .pdf is refused by its bytes first.
        Page ptm = signIn(reportingErrors(browser.newContext(phoneSized())).newPage(), "ptm@demo.localhost");
        ptm.navigate(app + "/events/" + walk);
        ptm.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Share a document")).click();
        assertThat(ptm.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Share a document").setLevel(1))).isVisible();
        assertThat(ptm.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Event"))).hasValue(walk);
        ptm.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("^Waiver"))).check();
        ptm.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Title")).fill("Hill walk waiver");
        ptm.waitForFileChooser(() -> ptm.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose a file")).click())
                .setFiles(new com.microsoft.playwright.options.FilePayload("hill-walk-waiver.pdf", "application/pdf", words.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ptm.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
        assertThat(ptm.getByRole(AriaRole.ALERT)).containsText("This file was refused");
        ptm.waitForFileChooser(() -> ptm.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose another file")).click())
                .setFiles(new com.microsoft.playwright.options.FilePayload("hill-walk-waiver.txt", "text/plain", words.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(ptm.getByText("hill-walk-waiver.txt · 112 bytes", EXACT)).isVisible();
        ptm.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(ptm, "share a document");
        ptm.evaluate("() => window.scrollTo(0, 0)");
        shot(ptm, "share-document");
        assertThat(ptm.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        ptm.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
        assertThat(ptm.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hill walk waiver").setLevel(1))).isVisible();
        assertThat(ptm.getByText("Acknowledgements of version 1: 0", EXACT)).isVisible();
        String waiver = ptm.url().substring(ptm.url().lastIndexOf('/') + 1);

        // At the door, Mark's ticket is refused: the PTM reads which waiver he has not acknowledged.
        ptm.navigate(app + "/staff/" + walk);
        Locator form = ptm.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Check-in"));
        form.getByLabel("Or paste the ticket code").fill(ticket("member3@demo.localhost", walk));
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check-in")).click();
        Locator refused = ptm.getByTestId("check-in-refused");
        assertThat(refused).containsText("Not checked in");
        assertThat(refused).containsText("Hill walk waiver");
        assertThat(refused).containsText("Mark Member has not acknowledged");
        checkAccessibility(ptm, "check-in refused");
        underTheAppBar(refused);
        shot(ptm, "check-in-refused");

        // Mark sees it waiting for him, reads it on the event's page and its own, and acknowledges it.
        signIn(page, "member3@demo.localhost");
        page.navigate(app + "/documents");
        Locator card = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Hill walk waiver"));
        assertThat(card.getByText("To acknowledge (version 1)", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(card.getByText("Text · 112 bytes", new Locator.GetByTextOptions().setExact(true))).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("documents");
        shot(page, "documents");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        page.navigate(app + "/events/" + walk);
        Locator section = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Hill walk waiver"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Documents for this event"))).isVisible();
        assertThat(section.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have read and accept version 1"))).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("an event's documents");
        underTheAppBar(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Documents for this event")));
        shot(page, "event-documents");

        section.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Hill walk waiver")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hill walk waiver").setLevel(1))).isVisible();
        assertThat(page.getByLabel("The text of Hill walk waiver")).containsText("I will tell the leader of any medical condition");
        com.microsoft.playwright.Download saved = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download")).click());
        assertThat(saved.suggestedFilename()).isEqualTo("hill-walk-waiver.txt");
        assertThat(Files.readString(saved.path())).isEqualTo(words);
        Page opened = page.waitForPopup(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open").setExact(true)).click());
        opened.waitForURL(Pattern.compile("^blob:"));
        assertThat(opened.locator("body")).containsText("I walk at my own risk");
        opened.close();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("a waiver");
        shot(page, "document");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have read and accept version 1")).click();
        assertThat(page.getByText("✓ You acknowledged version 1.", EXACT)).isVisible();

        // Now he is checked in, and the log names him with the version and the file's SHA-256.
        ptm.getByTestId("check-in-refused").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check him in again")).click();
        assertThat(ptm.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Check-in")).getByText("Mark Member checked in")).isVisible();
        assertThat(ptm.getByTestId("check-in-refused")).hasCount(0);
        ptm.navigate(app + "/documents/" + waiver);
        assertThat(ptm.getByText("Acknowledgements of version 1: 1", EXACT)).isVisible();
        ptm.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(ptm, "a waiver its PTM manages");
        underTheAppBar(ptm.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Manage")));
        shot(ptm, "document-manage");
        com.microsoft.playwright.Download log = ptm.waitForDownload(() -> ptm.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download the log (CSV)")).click());
        String csv = Files.readString(log.path());
        assertThat(csv).startsWith("document,version,person_id,name,email,sha256,acknowledged_at,ip,user_agent");
        assertThat(csv).contains("Hill walk waiver,1,").contains("Mark Member,member3@demo.localhost");
        ptm.context().close();
    }

    @Test
    void anAdminSharesATwentyMegabyteHandbookFromHisPhoneSeesItGoUpAndAMemberDownloadsItWhole() throws Exception {
        byte[] handbook = new byte[20 * 1024 * 1024];
        new java.util.Random(20).nextBytes(handbook);
        byte[] head = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, handbook, 0, head.length);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(handbook));

        try (BrowserContext adminPhone = reportingErrors(browser.newContext(phoneSized()))) {
            Page admin = signIn(adminPhone.newPage(), "admin@demo.localhost");
            admin.navigate(app + "/documents/new");
            assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Share a document").setLevel(1))).isVisible();
            admin.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("^Document"))).check();
            admin.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Title")).fill("Retreat handbook, to print");
            admin.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Everyone in the organisation")).check();
            // From a file on disk, as a man picks one: the browser reads it itself (a buffer would cross Playwright's pipe).
            java.nio.file.Path file = Files.createTempDirectory("hearth-e2e-").resolve("retreat-handbook.pdf");
            Files.write(file, handbook);
            admin.waitForFileChooser(() -> admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose a file")).click())
                    .setFiles(file);
            assertThat(admin.getByText("retreat-handbook.pdf · 20 MB", EXACT)).isVisible();

            // The upload is held at the browser's edge for a moment, so that what he sees while it goes can be looked at.
            com.microsoft.playwright.Route[] held = new com.microsoft.playwright.Route[1];
            admin.route("**/api/v1/documents", route -> held[0] = route);
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
            assertThat(admin.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName("Sending the file"))).isVisible();
            assertThat(admin.getByText(Pattern.compile("^(Sending…|Sent\\.)"))).isVisible();
            assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true))).isDisabled();
            checkAccessibility(admin, "a 20 MB file going up");
            shot(admin, "document-sending");
            held[0].resume();
            admin.unroute("**/api/v1/documents");

            assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Retreat handbook, to print").setLevel(1)))
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            assertThat(admin.getByText("retreat-handbook.pdf · PDF · 20 MB", EXACT)).isVisible();
            shot(admin, "document-shared-20mb");
            Files.delete(file);
            Files.delete(file.getParent());
        }

        // Mike finds it among the organisation's documents and downloads it: the same 20 MB, byte for byte.
        signIn(page, "member1@demo.localhost");
        page.navigate(app + "/documents");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Retreat handbook, to print")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Retreat handbook, to print").setLevel(1))).isVisible();
        com.microsoft.playwright.Download saved = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download")).click());
        assertThat(saved.suggestedFilename()).isEqualTo("retreat-handbook.pdf");
        byte[] downloaded = Files.readAllBytes(saved.path());
        assertThat(downloaded).hasSize(handbook.length);
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(downloaded))).isEqualTo(sha256);
    }

    @Test
    void aManReachesOutFromHisPhoneAndHisFacilitatorSaysHeIsOnIt() throws Exception {
        signIn(page, "member1@demo.localhost");
        // From Home, one tap: the crisis lines first, whatever happens next.
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Reach out"))).first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Reach out").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Lines you can call now"))).isVisible();
        // The demo organisation is British: Hearth's default lines for the UK, each a number to tap.
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Call Samaritans"))).first()).isVisible();
        // Not NETWORKIDLE here: a POST /api/v1/auth/refresh begun on the way stays pending in this scenario (seen 2026-12-06, not yet explained).
        assertThat(page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Let your facilitators and care team know"))).isVisible();
        checkAccessibility("reach out");

        String words = "Rough night, can someone call me? " + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("A short message (optional)").fill(words);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alert my facilitators and care team")).click();
        assertThat(page.getByText(Pattern.compile("^Sent to .*Frank"))).isVisible();
        assertThat(page.getByText(Pattern.compile("^Waiting for one of them to answer"))).isVisible();
        checkAccessibility("reach out sent");
        shot(page, "reach-out");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        // His facilitator, on his own phone, is told and takes it; nobody else is shown it.
        try (BrowserContext frankPhone = reportingErrors(browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setTimezoneId("UTC")))) {
            Page frank = signIn(frankPhone.newPage(), "facilitator@demo.localhost");
            frank.navigate(app + "/reach-out");
            Locator card = frank.getByRole(AriaRole.ARTICLE).filter(new Locator.FilterOptions().setHasText(words));
            assertThat(card.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Mike Member reached out"))).isVisible();
            checkAccessibility(frank, "men who reached out");
            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I'm on it: Mike Member")).click();
            assertThat(card.getByText("You are on it. The others alerted can see that.")).isVisible();
            shot(frank, "reach-out-taken");
        }
        // Leadership (not an admin, whose request budget the admin screens' test may have spent) was not alerted: it sees nothing.
        assertThat(api("GET", "/api/v1/reach-outs", "leadership@demo.localhost").toString()).as("someone not alerted sees nothing of it")
                .doesNotContain(words).doesNotContain("Rough night");

        // He sees who is on it.
        page.reload();
        assertThat(page.getByText("Frank Facilitator is on it and will get in touch with you.").first()).isVisible();
    }

    @Test
    void aManAsksForHelpSupportAnswersFromTheQueueWithANoteForTheOthersAndHeReadsTheAnswer() throws Exception {
        String subject = "Charged twice for the retreat " + UUID.randomUUID().toString().substring(0, 6);
        String answer = "Sorry about that, Mike: the second payment is refunded and will be back on your card within a week.";
        String note = "Stripe shows both charges; the second is a duplicate.";

        // An admin sets up what men may ask about: one category for support, one that reaches only the care team.
        try (BrowserContext adminPhone = reportingErrors(browser.newContext(phoneSized()))) {
            Page admin = signIn(adminPhone.newPage(), "admin@demo.localhost");
            admin.navigate(app + "/helpdesk/categories");
            assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Help desk categories").setLevel(1))).isVisible();
            Locator form = admin.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a category"));
            form.getByLabel("Name").fill("Payments and registrations");
            form.getByLabel("First answer within (minutes)").fill("240");
            form.getByLabel("Solved within (minutes)").fill("2880");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click();
            assertThat(admin.getByText("Added: Payments and registrations.", EXACT)).isVisible();
            form = admin.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a category"));
            form.getByLabel("Name").fill("Something personal");
            form.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(Pattern.compile("^Care"))).check();
            form.getByLabel("First answer within (minutes)").fill("60");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click();
            Locator personal = admin.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Something personal"));
            assertThat(personal.getByText("Care team only", new Locator.GetByTextOptions().setExact(true))).isVisible();
            assertThat(admin.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Payments and registrations"))
                    .getByText("Solved within: 2 d", new Locator.GetByTextOptions().setExact(true))).isVisible();
            admin.evaluate("() => window.scrollTo(0, 0)");
            admin.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            checkAccessibility(admin, "help desk categories");
            shot(admin, "helpdesk-categories");
            assertThat(admin.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        }

        // Mike asks from Help: a care category says, before he writes, that only the care team reads it.
        signIn(page, "member1@demo.localhost");
        page.navigate(app + "/tickets");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Help").setExact(true).setLevel(1))).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New request")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New request").setLevel(1))).isVisible();
        Locator personal = page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("^Something personal")));
        assertThat(personal).hasAccessibleName(Pattern.compile("Goes only to the care team: men trained to listen\\. No one else in the organisation sees it\\.$"));
        personal.check();
        page.getByLabel("Subject").fill(subject);
        page.getByLabel("Your message").fill("My card shows two payments of £180 for the weekend retreat. Could one be refunded?");
        checkAccessibility("new request");
        shot(page, "help-new-request");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Payments and registrations")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(subject).setLevel(1))).isVisible();
        assertThat(page.getByText("Received", EXACT)).isVisible();
        String request = page.url();

        // Sam of support, on his phone: the queue, the request; he takes it, leaves the others a note and answers Mike,
        // waiting for him, which stops the clock.
        try (BrowserContext samPhone = reportingErrors(browser.newContext(phoneSized()))) {
            Page sam = signIn(samPhone.newPage(), "support@demo.localhost");
            sam.navigate(app + "/helpdesk");
            assertThat(sam.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Help desk").setLevel(1))).isVisible();
            Locator card = sam.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(subject));
            assertThat(card.getByText("From Mike Member", new Locator.GetByTextOptions().setExact(true))).isVisible();
            assertThat(card.getByText("Not assigned", new Locator.GetByTextOptions().setExact(true))).isVisible();
            sam.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            checkAccessibility(sam, "help desk queue");
            shot(sam, "helpdesk");
            assertThat(sam.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

            card.getByRole(AriaRole.LINK).click();
            assertThat(sam.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(subject).setLevel(1))).isVisible();
            assertThat(sam.getByText(Pattern.compile("^First answer due "))).isVisible();
            sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign to me")).click();
            assertThat(sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unassign"))).isVisible();
            Locator internal = sam.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Internal note (only handlers see it)"));
            internal.check();
            sam.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Internal note")).fill(note);
            sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
            assertThat(sam.getByText("Note added.", EXACT)).isVisible();
            internal.uncheck();
            sam.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^Reply to Mike Member"))).fill(answer);
            sam.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Status with it")).selectOption("WAITING_FOR_MEMBER");
            sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
            assertThat(sam.getByText("Sent.", EXACT)).isVisible();
            assertThat(sam.getByText(Pattern.compile("^Clock stopped while waiting for the member"))).isVisible();
            assertThat(sam.getByText("Internal note: only handlers see it", EXACT)).isVisible();
            sam.evaluate("() => window.scrollTo(0, 0)");
            sam.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            checkAccessibility(sam, "a request as support handles it");
            shot(sam, "helpdesk-request");
            assertThat(sam.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        }

        // Mike reads the answer (not the note), and his reply starts the clock again.
        page.navigate(request);
        assertThat(page.getByText("Waiting for your answer", EXACT)).isVisible();
        assertThat(page.getByText(answer, EXACT)).isVisible();
        assertThat(page.getByText(note)).hasCount(0);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("his request, answered");
        shot(page, "help-request");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Your reply")).fill("Yes, I see the refund. Thank you!");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByText("Sent.", EXACT)).isVisible();
        assertThat(page.getByText("In progress", EXACT)).isVisible();
        JsonNode held = api("GET", "/api/v1/tickets/" + request.substring(request.lastIndexOf('/') + 1), "support@demo.localhost");
        assertThat(held.path("status").asText()).isEqualTo("OPEN");
        assertThat(held.path("serviceLevel").path("paused").asBoolean()).as("his reply starts the clock again").isFalse();
        assertThat(held.path("assigneeName").asText()).isEqualTo("Sam Support");

        // The answer came to him by mail too, with its words and without the note; he answers that mail later from his
        // phone's mail app (the provider's hook posts it, signed, as HelpdeskIT does), and it is on his request's page.
        String mike = "member1@demo.localhost";
        MailCatcher.Mail mailed = await().atMost(Duration.ofSeconds(20)).until(() -> platform.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(mike) && m.body().contains(answer)).findFirst().orElse(null), Objects::nonNull);
        assertThat(mailed.subject()).isEqualTo("[#" + held.path("number").asLong() + "] " + subject);
        assertThat(mailed.body()).contains("Sam Support answered:");
        assertThat(platform.stack().mailCatcher().messages()).as("no mail to him carries the internal note")
                .noneMatch(m -> m.to().contains(mike) && (m.body().contains(note) || Objects.toString(m.html(), "").contains(note)));
        String thread = mailed.header("Message-ID").orElseThrow();
        String later = "PS: the refund is on my statement now.";
        java.net.http.HttpResponse<String> hook = mailReply(mike, thread, later);
        assertThat(hook.statusCode()).as("the inbound hook: %s", hook.body()).isEqualTo(200);
        assertThat(JSON.readTree(hook.body()).path("outcome").asText()).isEqualTo("ACTED");
        page.reload();
        Locator byMail = page.getByRole(AriaRole.ARTICLE).filter(new Locator.FilterOptions().setHasText(later));
        assertThat(byMail.getByText("by mail", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(byMail.getByText("On Mon")).hasCount(0);
        checkAccessibility("his request, with his reply by mail");
    }

    /** His reply to a mail of ours as his mail app writes it (his words above the quoted mail), posted signed as the mail provider's inbound hook does. */
    private static java.net.http.HttpResponse<String> mailReply(String from, String inReplyTo, String words) throws Exception {
        String raw = "From: Mike Member <" + from + ">\r\n"
                + "To: support@demo.localhost\r\n"
                + "Subject: Re: your request\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mail.member.example>\r\n"
                + "In-Reply-To: " + inReplyTo + "\r\n"
                + "References: " + inReplyTo + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + words + "\r\n"
                + "\r\n"
                + "On Mon, 7 Dec 2026 at 10:00, Hearth <hearth@hearth.local> wrote:\r\n"
                + "> Sam Support answered: the quoted mail\r\n";
        byte[] body = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(io.hearth.infra.LocalStack.MAIL_FEEDBACK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        // On the platform's own host (127.0.0.1), never an organisation's: the quoted Message-ID names the organisation.
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.app().baseUrl() + "/api/v1/mail/inbound"))
                .header("Content-Type", "message/rfc822").header("X-Hearth-Signature", "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aManSeesANotificationArriveOnHisBellOpensItAndChoosesWhatHeHearsAndWhen() throws Exception {
        String sam = "support@demo.localhost";
        api("POST", "/api/v1/notifications/read-all", sam);
        signIn(page, sam);
        page.navigate(app + "/notifications");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notifications").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all read"))).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("notifications");

        // Leadership posts to everyone: the notification comes over the socket, onto the bell and the list, without a reload.
        String title = "Circle leaders meet on Saturday " + UUID.randomUUID().toString().substring(0, 6);
        api("POST", "/api/v1/announcements", "leadership@demo.localhost",
                Map.of("title", title, "body", "Every facilitator is welcome at ten.", "audience", "ORGANISATION"), 201);
        Locator notification = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Notifications, newest first"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title));
        try {
            assertThat(notification).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        } catch (AssertionError e) {
            System.out.println("what the screen holds: " + page.locator("main").ariaSnapshot());
            throw e;
        }
        assertThat(notification.getByText("New", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Notifications, \\d+ unread$")))).isVisible();
        checkAccessibility("notifications with a new one");
        shot(page, "notifications");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        // Tapping it reads it and opens the announcement.
        notification.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode item : api("GET", "/api/v1/notifications?limit=100", sam).path("items")) {
                if (item.path("title").asText().equals(title)) {
                    return !item.path("readAt").isNull() && !item.path("readAt").isMissingNode();
                }
            }
            return false;
        });

        // The settings mails link to: a level per kind and channel, saved as he changes it; push waits for a device.
        page.navigate(app + "/settings/notifications");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notification settings").setLevel(1))).isVisible();
        Locator chats = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Chat messages"));
        assertThat(chats.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Push"))).isDisabled();
        assertThat(chats.getByText("Allow notifications on this device", new Locator.GetByTextOptions().setExact(true))).isVisible();
        chats.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("In app")).selectOption("DIRECT");
        assertThat(chats.getByRole(AriaRole.STATUS)).hasText("Saved: In app is now Only what's for me.");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Safety")).getByRole(AriaRole.COMBOBOX)).hasCount(0);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("notification settings");
        shot(page, "notification-settings");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        boolean direct = false;
        for (JsonNode item : api("GET", "/api/v1/me/notification-preferences", sam).path("items")) {
            direct |= item.path("kind").asText().equals("MESSAGE") && item.path("channel").asText().equals("IN_APP") && item.path("level").asText().equals("DIRECT");
        }
        assertThat(direct).as("chat messages in the app: only what is for him").isTrue();

        // Quiet hours overnight, then off again.
        Locator quiet = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Quiet hours"));
        quiet.getByLabel("From", new Locator.GetByLabelOptions().setExact(true)).fill("22:00");
        quiet.getByLabel("To", new Locator.GetByLabelOptions().setExact(true)).fill("07:00");
        quiet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save quiet hours")).click();
        assertThat(page.getByText("Quiet hours saved: 22:00 to 07:00.", EXACT)).isVisible();
        assertThat(api("GET", "/api/v1/me/quiet-hours", sam).path("from").asText()).isEqualTo("22:00");
        checkAccessibility("quiet hours set");
        quiet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Turn off quiet hours")).click();
        assertThat(page.getByText("Quiet hours are turned off.", EXACT)).isVisible();
        JsonNode cleared = api("GET", "/api/v1/me/quiet-hours", sam).path("from");
        assertThat(cleared.isMissingNode() || cleared.isNull()).as("no quiet hours").isTrue();
    }

    /**
     * PushManager.subscribe() needs the browser vendor's push service, unreachable here: the page's push manager hands out a
     * device of the local push catcher instead (which decrypts what the server sends it); the app and its service worker are real.
     */
    private static final String PUSH_MANAGER_OF_THE_CATCHER = """
            (() => {
              const device = %s;
              let subscribed = null;
              PushManager.prototype.subscribe = async function (options) {
                const key = options.applicationServerKey;
                const bytes = key instanceof ArrayBuffer ? key : key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength);
                subscribed = { endpoint: device.endpoint, expirationTime: null, options: { userVisibleOnly: true, applicationServerKey: bytes },
                  toJSON: () => ({ endpoint: device.endpoint, expirationTime: null, keys: device.keys }),
                  unsubscribe: async () => { subscribed = null; return true; } };
                return subscribed;
              };
              PushManager.prototype.getSubscription = async function () { return subscribed; };
            })();
            """;

    @Test
    void aManTurnsOnNotificationsOnHisPhoneAndAnAnnouncementIsShownThereByTheServiceWorker() throws Exception {
        String pete = "ptm@demo.localhost";
        PushCatcher.Subscription device = platform.stack().pushCatcher().subscribe();
        context.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(app));
        context.addInitScript(PUSH_MANAGER_OF_THE_CATCHER.formatted(JSON.writeValueAsString(
                Map.of("endpoint", device.endpoint(), "keys", Map.of("p256dh", device.p256dh(), "auth", device.auth())))));
        signIn(page, pete);

        // He turns them on, with the text shown: the device is his, and push levels can be chosen.
        page.navigate(app + "/settings/notifications");
        assertThat(page.getByText("Notifications are off for this device.", EXACT)).isVisible();
        page.getByLabel("Show what each notification says, on the lock screen too").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on notifications on this device")).click();
        assertThat(page.getByText("Notifications are on for this device.", EXACT)).isVisible();
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Announcements"))
                .getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Push"))).isEnabled();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("notifications on this device");
        shot(page, "notifications-on-this-device");
        JsonNode held = null;
        for (JsonNode item : api("GET", "/api/v1/me/push-subscriptions", pete).path("items")) {
            held = item.path("endpoint").asText().equals(device.endpoint()) ? item : held;
        }
        assertThat(held).as("the server holds his device").isNotNull();
        assertThat(held.path("previews").asBoolean()).as("with the text shown").isTrue();

        // Leadership posts to everyone: the server pushes it to his device, sealed for it.
        String title = "Open evening on Friday " + UUID.randomUUID().toString().substring(0, 6);
        api("POST", "/api/v1/announcements", "leadership@demo.localhost",
                Map.of("title", title, "body", "Bring a friend who wants to know what a circle is.", "audience", "ORGANISATION"), 201);
        PushCatcher.Push push = await().atMost(Duration.ofSeconds(20)).until(() -> platform.stack().pushCatcher().pushes().stream()
                .filter(p -> p.subscription().equals(device.id()) && p.payload().contains(title)).findFirst().orElse(null), Objects::nonNull);
        JsonNode sent = JSON.readTree(push.payload());

        // The push service hands it to the phone: Chromium delivers it to the registered service worker, which shows it.
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(
                page.evaluate("async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'")));
        CDPSession cdp = context.newCDPSession(page);
        List<String> registrations = new CopyOnWriteArrayList<>();
        cdp.on("ServiceWorker.workerRegistrationUpdated", event -> event.getAsJsonArray("registrations").forEach(each -> {
            JsonObject registration = each.getAsJsonObject();
            if (!registration.get("isDeleted").getAsBoolean() && registration.get("scopeURL").getAsString().equals(app + "/")) {
                registrations.add(registration.get("registrationId").getAsString());
            }
        }));
        cdp.send("ServiceWorker.enable");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            page.waitForTimeout(100);
            return !registrations.isEmpty();
        });
        JsonObject message = new JsonObject();
        message.addProperty("origin", app);
        message.addProperty("registrationId", registrations.get(0));
        message.addProperty("data", push.payload());
        // Chromium may drop a push delivered while the worker starts: delivered again until shown (its tag keeps it one notification).
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = await().atMost(Duration.ofSeconds(15)).until(() -> {
            cdp.send("ServiceWorker.deliverPushMessage", message);
            page.waitForTimeout(500);
            return (List<Map<String, Object>>) page.evaluate("async () => (await (await navigator.serviceWorker.ready).getNotifications())"
                    + ".map(n => ({ title: n.title, body: n.body, tag: n.tag, link: n.data && n.data.link }))");
        }, notifications -> !notifications.isEmpty());
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0)).containsEntry("title", title).containsEntry("body", sent.path("body").asText())
                .containsEntry("link", sent.path("link").asText()).containsEntry("tag", "notification-" + sent.path("id").asText());
        assertThat(sent.path("link").asText()).startsWith("/");
        assertThat(sent.path("body").asText()).as("he allowed previews: the announcement's words").contains("Bring a friend who wants to know what a circle is.");

        // Off again: the browser drops the subscription and the server forgets the device.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn off notifications on this device")).click();
        assertThat(page.getByText("Notifications are off for this device.", EXACT)).isVisible();
        assertThat(api("GET", "/api/v1/me/push-subscriptions", pete).path("items").toString()).doesNotContain(device.endpoint());
    }

    @Test
    void aMemberBringsAFriendWhoAnswersLeadershipsInvitationAndLeadershipReadsTheReport() throws Exception {
        String email = "tom.newcomer." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String title = "Bring a friend to the movie night";
        signIn(page, "member1@demo.localhost");

        // Mike brings a friend: nothing is sent until he ticks that his friend said yes; a member sees none of the organisers' fields.
        page.navigate(app + "/outreach");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bring a friend").setLevel(1))).isVisible();
        assertThat(page.getByLabel("Where you met him")).hasCount(0);
        page.getByLabel("His email address").fill(email);
        page.getByLabel("First name").fill("Tom");
        page.getByLabel("Last name (optional)").fill("Newcomer");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(page.getByText("Tick this first: we add only a man who said he would like to hear from us.", EXACT)).isVisible();
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("He told me he would like to hear from us")).check();
        page.getByLabel("A note for the organisers (optional)").fill("We climb together on Thursdays; he asked what the circle is like.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(page.getByText("Tom Newcomer is added: he gets our next invitation.", EXACT)).isVisible();
        Locator tom = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Tom Newcomer"));
        assertThat(tom.getByText("Not a member yet", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("All contacts"))).hasCount(0);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility("bring a friend");
        page.evaluate("() => window.scrollTo(0, 0)");
        shot(page, "bring-a-friend");
        underTheAppBar(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Friends you brought")));
        shot(page, "friends-brought");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);

        // Leadership sees every contact with where he was met and how he said yes, and invites the friends members brought to the movie night.
        Page leo = signIn(reportingErrors(browser.newContext(phoneSized())).newPage(), "leadership@demo.localhost");
        leo.navigate(app + "/outreach");
        Locator tomForLeo = leo.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Tom Newcomer"));
        assertThat(tomForLeo.getByText("Brought by Mike Member", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(tomForLeo.getByText("Met: Friend of a member", new Locator.GetByTextOptions().setExact(true))).isVisible();
        leo.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(leo, "contacts");
        underTheAppBar(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("All contacts")));
        shot(leo, "contacts");
        assertThat(leo.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        leo.navigate(app + "/outreach/campaigns");
        leo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New campaign")).click();
        assertThat(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New campaign").setLevel(1))).isVisible();
        leo.getByLabel("Title").fill(title);
        leo.getByLabel("Subject of the mail").fill("Come to our movie night with a friend");
        leo.getByLabel("The text of the mail").fill("Once a month we watch a film together and talk about it after.\nThe friend who told us about you will be there.");
        leo.getByLabel("The evening it invites to (optional)").selectOption(eventId("Movie night: Twelve Angry Men"));
        leo.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Only friends brought by members")).check();
        leo.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(leo, "new campaign");
        leo.evaluate("() => window.scrollTo(0, 0)");
        shot(leo, "new-campaign");
        assertThat(leo.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        leo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as draft")).click();
        assertThat(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
        assertThat(leo.getByText("To every contact, only friends brought by members", EXACT)).isVisible();

        // Send asks first, to how many men; the answer says how many it mailed.
        leo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send").setExact(true)).click();
        Locator ask = leo.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(Pattern.compile("^Send to \\d+ m[ae]n\\?$")));
        assertThat(ask).isVisible();
        checkAccessibility(leo, "send a campaign");
        shot(leo, "campaign-send");
        ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send").setExact(true)).click();
        assertThat(leo.getByText(Pattern.compile("^Sent to \\d+ m[ae]n\\. \\d+ invited in all\\.$"))).isVisible();

        // Tom answers from his mail, on the page of his own link (server-rendered, no app): yes.
        Pattern rsvp = Pattern.compile("https?://\\S+/rsvp/[A-Za-z0-9_.-]+");
        String link = await().atMost(Duration.ofSeconds(20)).until(() -> platform.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(email) && m.subject().equals("Come to our movie night with a friend"))
                .map(m -> rsvp.matcher(m.body())).filter(Matcher::find).map(Matcher::group).findFirst().orElse(null), Objects::nonNull);
        try (BrowserContext tomsPhone = reportingErrors(browser.newContext(phoneSized()))) {
            Page invitation = tomsPhone.newPage();
            invitation.navigate(link);
            assertThat(invitation.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
            assertThat(invitation.getByText("Will you come?", EXACT)).isVisible();
            checkAccessibility(invitation, "an invitation's page");
            shot(invitation, "rsvp");
            assertThat(invitation.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
            invitation.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, I will come")).click();
            assertThat(invitation.getByText("Thank you, Tom. We look forward to seeing you.", EXACT)).isVisible();
            checkAccessibility(invitation, "an invitation answered");
            shot(invitation, "rsvp-answered");
        }

        // The report: Tom's yes, who brought him; leadership marks that he came and the numbers follow.
        leo.reload();
        Locator tomsLine = leo.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Tom Newcomer"));
        assertThat(tomsLine.getByText("Answer: yes, coming", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(tomsLine.getByText("Brought by Mike Member", new Locator.GetByTextOptions().setExact(true))).isVisible();
        // The switch follows the server's answer (it turns on once the attendance is saved), so press it and wait for
        // it to be on, rather than check(), which wants it on the moment it is clicked.
        Locator came = tomsLine.getByRole(AriaRole.SWITCH, new Locator.GetByRoleOptions().setName("Tom Newcomer came"));
        came.click();
        assertThat(came).isChecked();
        assertThat(leo.locator("dt:text-is('Came') + dd")).hasText("1");
        assertThat(leo.locator("dt:text-is('Yes') + dd")).hasText("1");
        leo.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkAccessibility(leo, "a campaign's report");
        leo.evaluate("() => window.scrollTo(0, 0)");
        shot(leo, "campaign");
        underTheAppBar(leo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Report")));
        shot(leo, "campaign-report");
        assertThat(leo.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
        String campaign = leo.url().substring(leo.url().lastIndexOf('/') + 1);
        JsonNode report = api("GET", "/api/v1/campaigns/" + campaign + "/report", "leadership@demo.localhost");
        assertThat(report.path("yes").asInt()).isEqualTo(1);
        assertThat(report.path("came").asInt()).isEqualTo(1);
        leo.context().close();
    }

    @Test
    void aManMetAtAStallOpensTheRsvpLinkFromHisMailOnHisPhoneAndOnlyPressingAnAnswerRecordsIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String email = "sam.walker." + tag + "@example.org";
        String source = "Hill walk stall " + tag;
        String title = "Movie night for the men we met at the stall";
        String subject = "Twelve Angry Men, and a talk after: will you come?";
        String organiser = "leadership@demo.localhost";

        // Leadership adds the man met at the stall (he said yes to hearing from us) and sends him, alone, the movie night.
        api("POST", "/api/v1/contacts", organiser, Map.of("email", email, "firstName", "Sam", "lastName", "Walker", "source", source,
                "consent", true, "consentNote", "Wrote his address on the stall's sheet under 'Keep me posted'"), 201);
        String campaign = api("POST", "/api/v1/campaigns", organiser, Map.of("title", title, "subject", subject,
                "body", "Once a month we watch a film together and talk about it after.\nCome as you are; no one has to speak.",
                "eventId", eventId("Movie night: Twelve Angry Men"), "segmentSource", source), 201).path("id").asText();
        JsonNode sent = api("POST", "/api/v1/campaigns/" + campaign + "/send", organiser, null, 200);
        assertThat(sent.path("invited").asInt()).as("only the man of this stall is in the segment").isEqualTo(1);

        // His mail carries his own link, and a one-click unsubscribe (RFC 8058) beside it.
        Pattern rsvp = Pattern.compile("https?://\\S+/rsvp/[A-Za-z0-9_.-]+");
        MailCatcher.Mail mail = await().atMost(Duration.ofSeconds(20)).until(() -> platform.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(email)).findFirst().orElse(null), Objects::nonNull);
        assertThat(mail.subject()).isEqualTo(subject);
        Matcher found = rsvp.matcher(mail.body());
        assertThat(found.find()).as("an RSVP link in: %s", mail.body()).isTrue();
        String link = found.group();
        assertThat(link).startsWith(app + "/rsvp/");
        assertThat(mail.header("List-Unsubscribe")).hasValue("<" + link + "/unsubscribe>");
        assertThat(mail.header("List-Unsubscribe-Post")).hasValue("List-Unsubscribe=One-Click");

        // His mail provider's scanner follows both links first, with plain GETs.
        for (String followed : List.of(link, link + "/unsubscribe")) {
            java.net.http.HttpResponse<String> scanned = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(followed.replace(app, platform.app().baseUrl()))).header("Host", "demo.localhost").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(scanned.statusCode()).as("GET %s", followed).isEqualTo(200);
        }

        try (BrowserContext samsPhone = reportingErrors(browser.newContext(phoneSized()))) {
            // He opens it: the invitation and the evening, no sign-in. Neither the scanner's GETs nor his recorded anything.
            Page invitation = samsPhone.newPage();
            invitation.setDefaultTimeout(15_000);
            invitation.navigate(link);
            assertThat(invitation.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
            assertThat(invitation.getByText("Movie night: Twelve Angry Men", EXACT)).isVisible();
            assertThat(invitation.getByText("Will you come?", EXACT)).isVisible();
            checkAccessibility(invitation, "an invitation opened from its mail");
            shot(invitation, "rsvp-from-mail");
            assertThat(invitation.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 360 px").isEqualTo(true);
            JsonNode opened = api("GET", "/api/v1/campaigns/" + campaign + "/report", organiser);
            assertThat(opened.path("sent").asInt()).isEqualTo(1);
            assertThat(opened.path("unanswered").asInt()).as("a GET records no answer").isEqualTo(1);
            assertThat(opened.path("yes").asInt() + opened.path("maybe").asInt() + opened.path("no").asInt()).isZero();
            assertThat(opened.path("unsubscribed").asInt()).as("a GET of the unsubscribe link unsubscribes no one").isZero();
            assertThat(opened.path("invitations").get(0).hasNonNull("rsvp")).as("his line has no answer").isFalse();

            // He presses his answer: that POST is what the report counts.
            invitation.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, I will come")).click();
            assertThat(invitation.getByRole(AriaRole.STATUS)).hasText("Thank you, Sam. We look forward to seeing you.");
            assertThat(invitation.getByText("Your answer: Yes, I will come. You can change it.")).isVisible();
            checkAccessibility(invitation, "an invitation answered from its mail");
            shot(invitation, "rsvp-from-mail-answered");
        }
        JsonNode answered = api("GET", "/api/v1/campaigns/" + campaign + "/report", organiser);
        assertThat(answered.path("yes").asInt()).isEqualTo(1);
        assertThat(answered.path("unanswered").asInt()).isZero();
        JsonNode line = answered.path("invitations").get(0);
        assertThat(line.path("name").asText()).isEqualTo("Sam Walker");
        assertThat(line.path("rsvp").asText()).isEqualTo("YES");
        assertThat(line.path("rsvpAt").isTextual()).isTrue();
    }

    @Test
    void aManSignsInThroughHisOrganisationsOwnProviderAndArrivesHomeWithTheRoleHisGroupGives() {
        page.navigate(app + "/signin");
        page.getByLabel("Email").fill(OpenIdStandIn.DEMO_EMAIL);

        // Identity first: his address is at the organisation's sign-in domain, so the password gives way to its provider.
        Locator proceed = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue with your organisation's sign-in"));
        assertThat(proceed).isVisible();
        assertThat(page.getByLabel("Password")).hasCount(0);
        checkAccessibility("sign in through the organisation's provider");
        shot(page, "sign-in-sso");
        List<String> visited = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.isNavigationRequest()) {
                visited.add(request.url());
            }
        });
        proceed.click();

        // To the provider and back (it asks nothing here), and into the app signed in, with no password typed.
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hello, " + OpenIdStandIn.DEMO_FIRST_NAME))).isVisible();
        assertThat(page).hasURL(app + "/");
        assertThat(visited).as("the way he went").anyMatch(url -> url.startsWith(platform.openId().demoIssuer() + "/authorize?"))
                .anyMatch(url -> url.startsWith(app + "/api/v1/auth/sso/callback?code="));
        checkAccessibility("home after single sign-on");
        // His provider group "crew" made him production team at this first sign-in.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Events I run"))).isVisible();
    }

    private static final Page.GetByTextOptions EXACT = new Page.GetByTextOptions().setExact(true);

    private String circleId(String name) throws Exception {
        for (JsonNode circle : api("GET", "/api/v1/circles?size=200", "facilitator@demo.localhost").path("items")) {
            if (circle.path("name").asText().equals(name)) {
                return circle.path("id").asText();
            }
        }
        throw new AssertionError("no circle " + name);
    }

    private void registerFor(Page man, String title) {
        man.navigate(app + "/events");
        man.getByText(title).click();
        man.getByLabel("I accept: Participation").check();
        man.getByLabel("Emergency contact (name and phone)").fill("Anna, +447700900123");
        checkAccessibility(man, "register for a retreat");
        man.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Register")).getByRole(AriaRole.BUTTON).click();
    }

    /** The meetings listed under a circle page's section of this title. */
    private static Locator meetingsOn(Page target, String section) {
        return target.locator("section").filter(new Locator.FilterOptions().setHas(target.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(section).setExact(true)))).getByRole(AriaRole.LISTITEM);
    }

    /** A slot's start as the phone writes a meeting's date and time (its locale and zone: the PWA's ui/format when). */
    private static String asThePhoneWritesIt(Page target, JsonNode slot) {
        return (String) target.evaluate("iso => new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', "
                + "hour: '2-digit', minute: '2-digit' }).format(new Date(iso))", slot.path("startsAt").asText());
    }

    /** Another man on another phone: his own browser context, so his session cookie is his. */
    private Page anotherPerson() {
        BrowserContext other = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true).setHasTouch(true));
        return other.newPage();
    }

    private Page signIn(Page target, String email) {
        return signIn(target, email, "hearth-demo-password");
    }

    private Page signIn(Page target, String email, String password) {
        target.setDefaultTimeout(15_000);
        target.navigate(app + "/signin");
        target.getByLabel("Email").fill(email);
        target.getByLabel("Password").fill(password);
        if (target == page) {
            checkAccessibility("sign in");
            shot(target, "sign-in");
        }
        target.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(target.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hello, "))).isVisible();
        return target;
    }

    private void checkAccessibility(String screen) {
        checkAccessibility(page, screen);
    }

    /** Scrolls the page so that the element is at the top of the screen, just under the app bar. */
    private static void underTheAppBar(Locator element) {
        element.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 64)");
    }

    /** A phone-sized picture of the screen, for docs/screens (copied from target/e2e-screens by hand when screens change). */
    private static void shot(Page target, String name) {
        target.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "e2e-screens", "screen-" + name + ".png")));
    }

    /** axe-core on the screen as it is now: serious and critical violations fail the test (after it has run). */
    @SuppressWarnings("unchecked")
    private void checkAccessibility(Page target, String screen) {
        target.waitForLoadState();
        if (!Boolean.TRUE.equals(target.evaluate("() => typeof window.axe !== 'undefined'"))) {
            // Evaluated, not added as an inline script tag: the PWA's Content-Security-Policy forbids inline script.
            target.evaluate(axe);
            // Colours are judged as they settle, not halfway through a button's 250 ms transition.
            target.addStyleTag(new Page.AddStyleTagOptions().setContent("*, *::before, *::after { transition: none !important; animation: none !important; }"));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) target.evaluate(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') }))");
        violations.forEach(v -> axeFindings.add(screen + ": " + v));
        // On a phone every control is a touch target of at least 44 x 44 CSS px (links inside running text excepted).
        List<String> small = (List<String>) target.evaluate("() => innerWidth > 480 ? [] : [...document.querySelectorAll("
                + "'button, [role=button], [role=combobox], [role=tab], .MuiCheckbox-root, .MuiRadio-root, nav a, li > a')]"
                + ".filter(e => e.offsetParent !== null && !e.closest('[aria-hidden=true]'))"
                + ".map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && (r.height < 44 || r.width < 44))"
                + ".map(([e, r]) => (e.getAttribute('aria-label') || e.textContent || e.className).trim().slice(0, 40) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))");
        small.forEach(v -> axeFindings.add(screen + ": touch target too small: " + v));
    }

    /** The server's own view, through the API as a client signs in (the page keeps its token in memory only). */
    private JsonNode api(String method, String path, String email) throws Exception {
        return api(method, path, email, null, 200);
    }

    private JsonNode api(String method, String path, String email, Object body, int expected) throws Exception {
        java.net.http.HttpResponse<String> response = call(method, path, email, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /** His line of the members export (the import's shape), as an admin downloads it. */
    private String exportedLine(String email) throws Exception {
        java.net.http.HttpResponse<String> response = call("GET", "/api/v1/members/export.csv", "admin@demo.localhost", null);
        assertThat(response.statusCode()).as("the export: %s", response.body()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith(email + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + email + " in the export"));
    }

    private java.net.http.HttpResponse<String> call(String method, String path, String email, Object body) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = platform.app().baseUrl();
        java.net.http.HttpResponse<String> login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/auth/login"))
                .header("Host", "demo.localhost").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", "hearth-demo-password"))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).path("accessToken").asText();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Host", "demo.localhost").header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private String eventId(String title) throws Exception {
        for (JsonNode event : api("GET", "/api/v1/events?size=200", "ptm@demo.localhost").path("items")) {
            if (event.path("title").asText().equals(title)) {
                return event.path("id").asText();
            }
        }
        throw new AssertionError("no event " + title);
    }

    /** He acknowledges the event's current waivers (the demo's movie night has one) through the API, as in the app: check-in asks for them. */
    private void acknowledgeWaivers(String email, String event) throws Exception {
        for (JsonNode document : api("GET", "/api/v1/documents?eventId=" + event, email).path("items")) {
            if (document.path("kind").asText().equals("WAIVER") && !document.path("acknowledged").asBoolean()) {
                api("POST", "/api/v1/documents/" + document.path("id").asText() + "/acknowledgements", email, Map.of("version", document.path("version").asInt()), 201);
            }
        }
    }

    /** His ticket's token for the event, through the API as he would fetch it. */
    private String ticket(String email, String event) throws Exception {
        for (JsonNode registration : api("GET", "/api/v1/me/registrations", email).path("items")) {
            if (registration.path("eventId").asText().equals(event) && registration.path("status").asText().equals("CONFIRMED")) {
                return api("GET", "/api/v1/events/" + event + "/registrations/" + registration.path("id").asText() + "/ticket", email).path("token").asText();
            }
        }
        throw new AssertionError(email + " has no confirmed seat at " + event);
    }

    private static String linkToken(String email, String prefix) {
        Pattern link = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9_\\-]+)");
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (MailCatcher.Mail mail : platform.stack().mailCatcher().messages()) {
                Matcher matcher = link.matcher(mail.body());
                if (mail.to().contains(email) && matcher.find()) {
                    return matcher.group(1);
                }
            }
            return null;
        }, token -> token != null);
    }
}

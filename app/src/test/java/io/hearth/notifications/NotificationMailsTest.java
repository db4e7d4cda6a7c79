package io.hearth.notifications;

import io.hearth.crypto.SignedTokens;
import io.hearth.identity.PublicLinks;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.TenantStatus;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationMailsTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    private final Tenant tenant = new Tenant(new TenantId(UUID.randomUUID()), "acme", "Acme <Circles> & \"Friends\"", "standard", "lead@acme.test",
            "t_x", "main", TenantStatus.ACTIVE, null, null);
    private final UnsubscribeLinks unsubscribeLinks = new UnsubscribeLinks(new SignedTokens("k1:" + Base64.getEncoder().encodeToString(new byte[32])),
            new PublicLinks("https://{slug}.hearth.example"));
    private final NotificationMails mails = new NotificationMails(new PublicLinks("https://{slug}.hearth.example"), unsubscribeLinks, null);
    private final UUID man = UUID.randomUUID();

    @Test
    void whatPeopleWroteIsEscapedInTheHtmlAndAsWrittenInTheText() {
        Notice notice = new Notice(NotificationKind.ANNOUNCEMENT, "s1", false, Text.verbatim("<script>alert(\"hi\")</script> Retreat"), Text.verbatim("Bring a \"tent\" & <b>boots</b>"),
                "/announcements/1");

        NotificationMails.Mail mail = mails.notice(NotificationMails.Look.of(tenant), tenant, notice, man);

        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("<b>boots").doesNotContain("<Circles>")
                .contains("&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; Retreat")
                .contains("Bring a &quot;tent&quot; &amp; &lt;b&gt;boots&lt;/b&gt;")
                .contains("Acme &lt;Circles&gt; &amp; &quot;Friends&quot;");
        assertThat(mail.text()).contains("<script>alert(\"hi\")</script> Retreat").contains("Bring a \"tent\" & <b>boots</b>");
        assertThat(mail.subject()).isEqualTo(notice.title().in(java.util.Locale.ENGLISH));
    }

    @Test
    void theTextCarriesEveryLinkTheHtmlHasWithTheUnsubscribeLinkOfItsHeader() {
        Notice notice = new Notice(NotificationKind.ANNOUNCEMENT, "s1", false, Text.verbatim("Dates"), Text.verbatim("Line one\nline two\n\nSecond paragraph"), "/announcements/1");

        NotificationMails.Mail mail = mails.notice(NotificationMails.Look.of(tenant), tenant, notice, man);

        String unsubscribe = unsubscribeLinks.mailHeaders(tenant, man, NotificationKind.ANNOUNCEMENT).get("List-Unsubscribe").replaceAll("[<>]", "");
        assertThat(hrefs(mail.html())).containsExactlyInAnyOrder("https://acme.hearth.example/announcements/1",
                "https://acme.hearth.example/settings/notifications", unsubscribe);
        hrefs(mail.html()).forEach(link -> assertThat(mail.text()).contains(link));
        assertThat(mail.html()).contains("Unsubscribe").contains("max-width:600px").contains("Line one<br>line two</p>");
    }

    @Test
    void anOrganisationsOwnColourBandsItsMailWithTextThatReadsOnIt() {
        Notice notice = new Notice(NotificationKind.ANNOUNCEMENT, "s3", false, Text.verbatim("Dates"), Text.verbatim("Body"), "/announcements/1");

        String dark = mails.notice(NotificationMails.Look.of(tenant, java.util.Optional.of("#1d4ed8")), tenant, notice, man).html();
        String light = mails.notice(NotificationMails.Look.of(tenant, java.util.Optional.of("#fde68a")), tenant, notice, man).html();
        String hearths = mails.notice(NotificationMails.Look.of(tenant, java.util.Optional.empty()), tenant, notice, man).html();

        assertThat(dark).contains("#1d4ed8").doesNotContain(NotificationMails.HEARTH_COLOUR);
        assertThat(NotificationMails.onColour("#1d4ed8")).isEqualTo("#ffffff");
        assertThat(light).contains("#fde68a").contains(NotificationMails.INK);
        assertThat(NotificationMails.onColour("#fde68a")).isEqualTo(NotificationMails.INK);
        assertThat(hearths).contains(NotificationMails.HEARTH_COLOUR);
    }

    @Test
    void aMustReachMailHasNoUnsubscribeLinkAndAsksForGotIt() {
        Notice notice = new Notice(NotificationKind.SAFETY, "s2", true, Text.verbatim("Bus moved"), Text.verbatim("It leaves from the station."), "/notifications");

        NotificationMails.Mail mail = mails.notice(NotificationMails.Look.of(tenant), tenant, notice, man);

        assertThat(mail.html()).doesNotContain("/u/").doesNotContain(">Unsubscribe<").contains("Got it");
        assertThat(mail.text()).doesNotContain("/u/").contains("Got it");
        hrefs(mail.html()).forEach(link -> assertThat(mail.text()).contains(link));
    }

    @Test
    void aDigestShowsEachItemWithItsLinkInBothParts() {
        List<NotificationMails.Item> items = List.of(new NotificationMails.Item("First <one>", "Some text", "/announcements/1"),
                new NotificationMails.Item("Second", "", "/announcements/2"),
                new NotificationMails.Item("Third", "x".repeat(300), "/announcements/3"));

        NotificationMails.Mail mail = mails.digest(NotificationMails.Look.of(tenant), tenant, DigestFrequency.DAILY, items, man);

        assertThat(mail.subject()).isEqualTo("Your day at " + tenant.name() + ": 3 notifications");
        assertThat(mail.html()).contains("First &lt;one&gt;").contains("Some text").contains("Second").contains("x".repeat(199) + "…")
                .doesNotContain("x".repeat(200)).contains("What happened since yesterday");
        assertThat(mail.text()).contains("* First <one>\n  Some text\n  https://acme.hearth.example/announcements/1\n")
                .contains("* Second\n  https://acme.hearth.example/announcements/2\n");
        Set<String> links = hrefs(mail.html());
        assertThat(links).contains("https://acme.hearth.example/announcements/1", "https://acme.hearth.example/announcements/2",
                "https://acme.hearth.example/announcements/3", "https://acme.hearth.example/notifications",
                "https://acme.hearth.example/settings/notifications", unsubscribeLinks.url(tenant, man, null));
        links.forEach(link -> assertThat(mail.text()).contains(link));
    }

    @Test
    void aManWhoReadsGermanGetsHisNoticeAndItsFrameInGerman() {
        Notice notice = new Notice(NotificationKind.JOIN_DECIDED, "s4", true, Text.of("join.approved.title", "circle", "Nordkreis"),
                Text.of("join.approved.body"), "/circle");

        NotificationMails.Mail mail = mails.notice(NotificationMails.Look.of(tenant).in(java.util.Locale.GERMAN), tenant, notice, man);

        assertThat(mail.subject()).isEqualTo("Willkommen in Nordkreis");
        assertThat(mail.html()).contains("lang=\"de\"").contains("Deine Anfrage wurde angenommen.").contains("In der App öffnen").contains(">Abmelden<");
        assertThat(mail.text()).contains("In der App öffnen: https://acme.hearth.example/circle").contains("Abmelden: ").doesNotContain("Unsubscribe");
    }

    @Test
    void aGermanDigestCountsInGerman() {
        NotificationMails.Mail mail = mails.digest(NotificationMails.Look.of(tenant).in(java.util.Locale.GERMAN), tenant, DigestFrequency.WEEKLY,
                List.of(new NotificationMails.Item("A", "a", "/x"), new NotificationMails.Item("B", "b", "/y")), man);

        assertThat(mail.subject()).isEqualTo("Deine Woche bei " + tenant.name() + ": 2 Benachrichtigungen");
    }

    @Test
    void aWeeklyDigestOfOneSaysSo() {
        NotificationMails.Mail mail = mails.digest(NotificationMails.Look.of(tenant), tenant, DigestFrequency.WEEKLY, List.of(new NotificationMails.Item("Only", "text", "/x")), man);

        assertThat(mail.subject()).isEqualTo("Your week at " + tenant.name() + ": 1 notification");
        assertThat(mail.text()).contains("What happened this week:");
    }

    @Test
    void theButtonTextReadsOnTheOrganisationsColour() {
        assertThat(NotificationMails.onColour(NotificationMails.HEARTH_COLOUR)).isEqualTo("#ffffff");
        assertThat(NotificationMails.contrast(NotificationMails.HEARTH_COLOUR, "#ffffff")).isGreaterThanOrEqualTo(4.5);
        assertThat(NotificationMails.onColour("#f5d76e")).as("a light colour takes dark text").isEqualTo(NotificationMails.INK);
        assertThat(NotificationMails.Look.of("Acme", "#f5d76e", NotificationMails.LOCALE).linkColour()).as("nor is it a link's colour on white")
                .isEqualTo(NotificationMails.INK);
    }

    private static Set<String> hrefs(String html) {
        Set<String> links = new LinkedHashSet<>();
        Matcher matcher = HREF.matcher(html);
        while (matcher.find()) {
            links.add(matcher.group(1).replace("&amp;", "&"));
        }
        return links;
    }
}

package io.hearth.notifications;

import io.hearth.identity.PublicLinks;
import io.hearth.messaging.Languages;
import io.hearth.messaging.MailTemplate;
import io.hearth.tenancy.Tenant;
import io.hearth.identity.People;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;

/**
 * Notification mail as it is read: a plain-text part and an HTML part from the templates under {@code mail/}, in the
 * organisation's words ({@code mail/notifications.properties}, one bundle per locale) under its name and colour, each
 * with its links (what it is about, his settings, and an unsubscribe link but on a must-reach mail) in both parts.
 */
@TenantBound
@Singleton
public class NotificationMails {

    /**
     * Hearth's own colour (the PWA's primary): organisations have no colour of their own in their settings yet, so
     * every mail wears this one.
     */
    static final String HEARTH_COLOUR = "#7a3b12";
    /** The language of a look no organisation's settings chose. */
    static final Locale LOCALE = Locale.ENGLISH;
    /** The colour of text. */
    static final String INK = "#1f1a17";
    /** How much of a notification's text a digest shows. */
    static final int EXCERPT = 200;

    private final PublicLinks links;
    private final UnsubscribeLinks unsubscribeLinks;
    private final MailTemplate noticeText = MailTemplate.load("mail/notification.txt");
    private final MailTemplate noticeHtml = MailTemplate.load("mail/notification.html");
    private final MailTemplate digestText = MailTemplate.load("mail/digest.txt");
    private final MailTemplate digestHtml = MailTemplate.load("mail/digest.html");

    private final People people;

    public NotificationMails(PublicLinks links, UnsubscribeLinks unsubscribeLinks, People people) {
        this.people = people;
        this.links = links;
        this.unsubscribeLinks = unsubscribeLinks;
    }

    /** One mail: its subject, its plain text and its HTML. */
    public record Mail(String subject, String text, String html) {
    }

    /** One notification of a digest, as he reads it. */
    public record Item(String title, String text, String link) {
    }

    /**
     * How an organisation's mail looks: its name, its colour and the colour written on it (white or near-black,
     * whichever reads better), and its language.
     */
    public record Look(String organisation, String colour, String onColour, String linkColour, Locale locale) {

        /** Hearth's colour and English: what an organisation's settings do not say (see {@link #HEARTH_COLOUR}). */
        static Look of(Tenant tenant) {
            return of(tenant.name(), HEARTH_COLOUR, LOCALE);
        }

        /** Its own colour where it set one, else Hearth's; English. */
        static Look of(Tenant tenant, Optional<String> colour) {
            return of(tenant.name(), colour.orElse(HEARTH_COLOUR), LOCALE);
        }

        /** The same look, for a man who reads this language. */
        public Look in(Locale language) {
            return new Look(organisation, colour, onColour, linkColour, language);
        }

        /** Links in text take the colour where it reads on white (4.5:1), near-black where it does not. */
        static Look of(String organisation, String colour, Locale locale) {
            return new Look(organisation, colour, NotificationMails.onColour(colour), contrast(colour, "#ffffff") >= 4.5 ? colour : INK, locale);
        }
    }

    /** How the organisation in scope's mail looks now, in its language: read once for a batch of mails ({@link Look#in} for each man's). */
    public Look look(Tenant tenant) {
        return Look.of(tenant, people.brandColour()).in(people.language());
    }

    /** The mail of one notification to this man; a must-reach one carries no unsubscribe link (it cannot be turned off). */
    public Mail notice(Tenant tenant, Notice notice, UUID man) {
        return notice(look(tenant), tenant, notice, man);
    }

    /** The same, in a look read once for many mails: said in the look's language. */
    public Mail notice(Look look, Tenant tenant, Notice notice, UUID man) {
        ResourceBundle words = words(look.locale());
        Notice.Said said = notice.in(look.locale());
        Map<String, Object> model = frame(tenant, look, notice.kind().safety() ? null : unsubscribeLinks.url(tenant, man, notice.kind()));
        model.put("title", said.title());
        model.put("paragraphs", paragraphs(said.body()));
        model.put("preview", preview(said.body()));
        model.put("link", links.to(tenant, notice.link()));
        model.put("safety", notice.kind().safety());
        return new Mail(said.title(), noticeText.render(model, words), noticeHtml.render(model, words));
    }

    /** His digest of these notifications (at most {@link Digests#MAX_ITEMS}); its unsubscribe link turns off every kind's mail. */
    public Mail digest(Tenant tenant, DigestFrequency frequency, List<Item> items, UUID man) {
        return digest(look(tenant), tenant, frequency, items, man);
    }

    /** The same, in a look read once for many mails. */
    public Mail digest(Look look, Tenant tenant, DigestFrequency frequency, List<Item> items, UUID man) {
        ResourceBundle words = words(look.locale());
        Map<String, Object> model = frame(tenant, look, unsubscribeLinks.url(tenant, man, null));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Item item : items) {
            Map<String, Object> one = new HashMap<>();
            one.put("title", item.title());
            one.put("excerpt", excerpt(item.text()));
            one.put("link", links.to(tenant, item.link()));
            shown.add(one);
        }
        model.put("items", shown);
        model.put("count", MailTemplate.parse("count", false, words.getString(items.size() == 1 ? "count.one" : "count.other"))
                .render(Map.of("n", items.size()), words));
        model.put("weekly", frequency == DigestFrequency.WEEKLY);
        String subject = MailTemplate.parse("subject", false, words.getString(frequency == DigestFrequency.WEEKLY ? "digest.subject.weekly"
                : "digest.subject.daily")).render(model, words);
        model.put("subject", subject);
        model.put("preview", items.isEmpty() ? "" : items.get(0).title());
        return new Mail(subject, digestText.render(model, words), digestHtml.render(model, words));
    }

    /** What every notification mail shows: the organisation, its colours, his settings and (when given) the unsubscribe link. */
    private Map<String, Object> frame(Tenant tenant, Look look, @Nullable String unsubscribe) {
        Map<String, Object> model = new HashMap<>();
        model.put("organisation", look.organisation());
        model.put("colour", look.colour());
        model.put("onColour", look.onColour());
        model.put("linkColour", look.linkColour());
        model.put("lang", look.locale().toLanguageTag());
        model.put("settings", links.to(tenant, "/settings/notifications"));
        model.put("all", links.to(tenant, "/notifications"));
        model.put("unsubscribe", unsubscribe == null ? "" : unsubscribe);
        return model;
    }

    private static ResourceBundle words(Locale locale) {
        return Languages.bundle("mail.notifications", locale);
    }

    /** The text's paragraphs (blank lines between them), each line of one kept. */
    static List<Map<String, Object>> paragraphs(String text) {
        List<Map<String, Object>> paragraphs = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                List<Map<String, Object>> lines = new ArrayList<>();
                paragraph.strip().lines().forEach(line -> lines.add(Map.of("line", line.strip(), "first", lines.isEmpty())));
                paragraphs.add(Map.of("lines", lines, "text", paragraph.strip()));
            }
        }
        return paragraphs;
    }

    /** The start of a text, on one line: what a mail program shows beside the subject. */
    private static String preview(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 140 ? line.substring(0, 139) + "…" : line;
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > EXCERPT ? line.substring(0, EXCERPT - 1) + "…" : line;
    }

    /** White on a dark colour, near-black on a light one: whichever has the higher contrast ratio (WCAG 2). */
    static String onColour(String colour) {
        return contrast(colour, "#ffffff") >= contrast(colour, INK) ? "#ffffff" : INK;
    }

    /** WCAG 2's relative luminance of a {@code #rrggbb} colour. */
    static double luminance(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double[] channels = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
        for (int i = 0; i < 3; i++) {
            double c = channels[i] / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    /** The contrast ratio of two colours (WCAG 2): 4.5 or more reads as body text. */
    static double contrast(String one, String other) {
        double a = luminance(one);
        double b = luminance(other);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
}
